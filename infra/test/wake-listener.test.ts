import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WakeListener } from '../src/eventstore/postgres/wake-listener.js';

// Local appends wake only the subscriptions they concern; a subscription that has not yet read past a matching
// append (a read stops below the oldest open transaction) wakes on every append until it has.

const it = suite('wake listener: appends wake the subscriptions they concern');
const append = (type: string, commit: bigint, streamId = `s-${type}`) => ({ events: [{ type, streamId }], commit });

it('an append of other types does not wake a filtered subscription', () => {
  const listener = new WakeListener({ eventTypes: ['SnapshotRecorded'] });
  listener.appended(append('JobLogged', 10n));
  assert.is(listener.generation, 0);
  listener.appended(append('SnapshotRecorded', 11n));
  assert.is(listener.generation, 1);
});

it('until it has read past a matching append, every append wakes it', () => {
  const listener = new WakeListener({ eventTypes: ['SnapshotRecorded'] });
  listener.appended(append('SnapshotRecorded', 20n));
  listener.readUpTo(19n);
  listener.appended(append('JobLogged', 18n));
  assert.is(listener.generation, 2, 'the other append may be the transaction that hid the snapshot');
  listener.readUpTo(20n);
  listener.appended(append('JobLogged', 21n));
  assert.is(listener.generation, 2);
});

it('stream prefixes filter too; no filter wakes on everything', () => {
  const byStream = new WakeListener({ streamPrefixes: ['job-'] });
  byStream.appended(append('JobLogged', 1n, 'log-1'));
  byStream.appended(append('JobLogged', 2n, 'job-1'));
  assert.is(byStream.generation, 1);
  const all = new WakeListener(undefined);
  all.appended(append('Anything', 3n));
  assert.is(all.generation, 1);
});

it('a wait resolves on a wake-up, at once when one came since, and after the timeout otherwise', async () => {
  const listener = new WakeListener({ eventTypes: ['A'] });
  const since = listener.generation;
  listener.appended(append('A', 1n));
  await listener.wait(60_000, since);
  const waiting = listener.wait(60_000, listener.generation);
  listener.wake();
  await waiting;
  const started = Date.now();
  await listener.wait(20, listener.generation);
  assert.ok(Date.now() - started >= 15);
});

it('another process\'s notice wakes by the types it names, under the same caveat; stream filters count as matching', () => {
  const listener = new WakeListener({ eventTypes: ['SnapshotRecorded'] });
  listener.remotelyAppended(['JobLogged'], 30n);
  assert.is(listener.generation, 0);
  listener.remotelyAppended(['JobLogged', 'SnapshotRecorded'], 31n);
  assert.is(listener.generation, 1);
  listener.remotelyAppended(['JobLogged'], 29n);
  assert.is(listener.generation, 2, 'not read past the snapshot yet: any append may be the one hiding it');
  listener.readUpTo(31n);
  listener.remotelyAppended(['JobLogged'], 32n);
  assert.is(listener.generation, 2);
  const byStream = new WakeListener({ streamPrefixes: ['job-'] });
  byStream.remotelyAppended(['JobLogged'], 1n);
  assert.is(byStream.generation, 1);
});

it.run();
