import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deviceDecider, HostKeyMismatchError, type PinHostKey, type RegisterDevice } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, PostgresEventStore, type EventStore } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import { HostKeyPins } from '../src/worker/host-key-pins.js';

const KEY_A = `SHA256:${'A'.repeat(43)}`;
const KEY_B = `SHA256:${'B'.repeat(43)}`;

const register = (deviceId: string): RegisterDevice => ({
  type: 'RegisterDevice',
  data: { deviceId, name: `rtr-${deviceId}`, host: '192.0.2.1', port: 22, platform: 'cisco_ios', credentialId: 'c1', tags: [] },
  metadata: newCommandMetadata({ actor: 'test' }),
});
const pin = (deviceId: string, fingerprint: string, jobId = 'j1'): PinHostKey => ({
  type: 'PinHostKey',
  data: { deviceId, fingerprint },
  metadata: newCommandMetadata({ actor: 'system:device-comm', commandId: `pin-${jobId}-${deviceId}`, correlationId: jobId }),
});

/** The real store, with its writes and reads counted. */
function counting(store: EventStore): { store: EventStore; writes: () => number; reads: () => number } {
  let writes = 0;
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === 'append' || property === 'appendMany') writes += 1;
        if (property === 'readStream' || property === 'readStreams') reads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, writes: () => writes, reads: () => reads };
}

/** A fresh event store with these devices registered, closed and dropped after `body`. */
async function withDevices(ids: readonly string[], body: (store: PostgresEventStore) => Promise<void>): Promise<void> {
  const database = await freshTestDatabase('netraven_pins');
  const store = await PostgresEventStore.open({ connectionString: database.connectionString });
  try {
    const setup = new CommandHandler(store);
    await Promise.all(ids.map((id) => setup.handle(deviceDecider, id, register(id))));
    await body(store);
  } finally {
    await store.close();
    await database.drop();
  }
}

test('pins of sessions finishing together go in one write; each is decided on its own stream, a refused one fails alone', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => `d${i}`);
  await withDevices(ids, async (store) => {
    await new CommandHandler(store).handle(deviceDecider, 'd7', pin('d7', KEY_B, 'j0'));

    const spy = counting(store);
    const pins = new HostKeyPins(new CommandHandler(spy.store));
    const outcomes = await Promise.all(ids.map((id) => pins.pin(pin(id, KEY_A))));

    assert.is(spy.writes(), 1, 'one multi-stream write for the 50 pins');
    assert.is(spy.reads(), 1, 'one read of the 50 device streams');
    outcomes.forEach((outcome, i) => {
      if (i === 7) {
        assert.not.ok(outcome.ok);
        assert.instance(!outcome.ok && outcome.error, HostKeyMismatchError, 'a device pinned to another key refuses the pin');
      } else {
        assert.ok(outcome.ok && outcome.result.events.length === 1, `d${i} pinned`);
      }
    });
    for (const id of ids) {
      const pinned = (await store.readStream(deviceDecider.streamName(id))).filter((e) => e.type === 'DeviceHostKeyPinned');
      assert.equal(pinned.map((e) => (e.data as { fingerprint: string }).fingerprint), [id === 'd7' ? KEY_B : KEY_A]);
    }
  });
});

test('the same device twice in one queue: the second pin waits for the next write and changes nothing; a redelivered pin is not applied again', async () => {
  await withDevices(['d1'], async (store) => {
    const pins = new HostKeyPins(new CommandHandler(store));
    const [first, again, otherJob] = await Promise.all([pins.pin(pin('d1', KEY_A)), pins.pin(pin('d1', KEY_A)), pins.pin(pin('d1', KEY_A, 'j2'))]);
    assert.ok(first.ok && first.result.events.length === 1 && !first.result.alreadyApplied);
    assert.ok(again.ok && again.result.alreadyApplied, 'the same command id is answered from the stream');
    assert.ok(otherJob.ok && otherJob.result.events.length === 0, 'the key is already pinned: nothing to append');
    const pinned = (await store.readStream(deviceDecider.streamName('d1'))).filter((e) => e.type === 'DeviceHostKeyPinned');
    assert.is(pinned.length, 1);
  });
});

test('a write that fails rejects every pin of its batch, and the next pins still go', async () => {
  await withDevices(['d1'], async (store) => {
    let failNext = true;
    const flaky = new Proxy(store, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (property === 'appendMany' && failNext) {
          failNext = false;
          return () => Promise.reject(new Error('connection terminated'));
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const pins = new HostKeyPins(new CommandHandler(flaky));
    await pins.pin(pin('d1', KEY_A)).then(() => assert.unreachable('the failed write rejects'), (error: Error) => assert.match(error.message, /connection terminated/));
    const retried = await pins.pin(pin('d1', KEY_A));
    assert.ok(retried.ok && retried.result.events.length === 1);
  });
});

test.run();
