import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IllegalStateError, jobDecider, type JobCommand } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, PostgresEventStore } from '../src/eventstore/index.js';
import { freshTestDatabase } from '../src/testing/index.js';
import type { FreshDatabase } from '../src/db/index.js';

const handler = suite<{ database: FreshDatabase; store: PostgresEventStore }>('command handler');
handler.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_ch');
  ctx.store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString });
});
handler.after.each(async (ctx) => {
  await ctx.store.close();
  await ctx.database.drop();
});

const meta = (commandId?: string) => newCommandMetadata({ actor: 'test', ...(commandId ? { commandId } : {}) });
const SHA = 'c'.repeat(64);
const snapshot = (jobId: string, deviceId: string, commandId?: string): JobCommand => ({
  type: 'RecordSnapshot',
  data: { jobId, deviceId, commit: 'abc', changed: true, sha256: SHA, size: 1, facts: {} },
  metadata: meta(commandId),
});

async function dispatchedJob(commands: CommandHandler, jobId: string, devices: number): Promise<string[]> {
  const deviceIds = Array.from({ length: devices }, (_, i) => `d${i}`);
  await commands.handle(jobDecider, jobId, { type: 'ScheduleBackup', data: { jobId, targets: { deviceIds, tags: [] } }, metadata: meta() });
  await commands.handle(jobDecider, jobId, { type: 'DispatchJob', data: { jobId, deviceIds }, metadata: meta() });
  return deviceIds;
}

handler('many concurrent commands on one stream all land, decided in order, with one completion', async ({ store }) => {
  const commands = new CommandHandler(store);
  const deviceIds = await dispatchedJob(commands, 'j1', 200);
  const results = await Promise.all(deviceIds.map((d) => commands.handle(jobDecider, 'j1', snapshot('j1', d))));
  assert.is(results.filter((r) => r.events.some((e) => e.type === 'JobCompleted')).length, 1);
  const stream = await store.readStream('job-j1');
  assert.is(stream.filter((e) => e.type === 'SnapshotRecorded').length, 200);
  assert.is(stream.filter((e) => e.type === 'JobCompleted').length, 1);
  assert.equal(stream.map((e) => e.revision), stream.map((_, i) => i));
});

handler('handleAll decides many streams and writes them in one go; a refused command fails alone; a retry is answered from the log', async ({ store }) => {
  const commands = new CommandHandler(store);
  await dispatchedJob(commands, 'existing', 1);
  const schedule = (jobId: string, commandId: string): JobCommand =>
    ({ type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: ['d0'], tags: [] } }, metadata: meta(commandId) });
  const items = ['b1', 'b2', 'existing', 'b3'].map((jobId) => ({ aggregateId: jobId, command: schedule(jobId, `cmd-${jobId}`) }));
  const outcomes = await commands.handleAll(jobDecider, items);
  assert.equal(outcomes.map((o) => o.ok), [true, true, false, true]);
  assert.instance((outcomes[2] as { error: unknown }).error, IllegalStateError);
  for (const jobId of ['b1', 'b2', 'b3']) assert.equal((await store.readStream(`job-${jobId}`)).map((e) => e.type), ['BackupScheduled']);
  const again = await commands.handleAll(jobDecider, items.filter((i) => i.aggregateId !== 'existing'));
  assert.ok(again.every((o) => o.ok && o.result.alreadyApplied), 'the same command ids are not applied twice');
  assert.is((await store.readStream('job-b1')).length, 1);
  const twice = await commands.handleAll(jobDecider, [items[0]!, items[0]!]).then(() => undefined, (e: unknown) => e);
  assert.match(String(twice), /one command per stream/);
});

handler('handleAll decides on the streams as they are, writes of other processes included', async ({ database, store }) => {
  const commands = new CommandHandler(store);
  await dispatchedJob(commands, 'shared', 3);
  const elsewhere = await PostgresEventStore.open({ connectionString: database.connectionString });
  try {
    const [first] = await commands.handleAll(jobDecider, [{ aggregateId: 'shared', command: snapshot('shared', 'd0') }]);
    assert.ok(first!.ok);
    // Another process (its own handler and cache) records an outcome on the same stream meanwhile.
    await new CommandHandler(elsewhere).handle(jobDecider, 'shared', snapshot('shared', 'd1'));
    const last = (await commands.handleAll(jobDecider, [{ aggregateId: 'shared', command: snapshot('shared', 'd2') }]))[0]!;
    assert.ok(last.ok && last.result.events.some((e) => e.type === 'JobCompleted'), 'the third outcome completes the job');
    const stream = await store.readStream('job-shared');
    assert.is(stream.filter((e) => e.type === 'SnapshotRecorded').length, 3);
    assert.is(stream.filter((e) => e.type === 'JobCompleted').length, 1);
    assert.equal(stream.map((e) => e.revision), stream.map((_, i) => i));
  } finally {
    await elsewhere.close();
  }
});

handler('a refused command fails alone; the rest of its batch lands', async ({ store }) => {
  const commands = new CommandHandler(store);
  await dispatchedJob(commands, 'j2', 3);
  const outcomes = await Promise.allSettled([
    commands.handle(jobDecider, 'j2', snapshot('j2', 'd0')),
    commands.handle(jobDecider, 'j2', snapshot('j2', 'd0')),
    commands.handle(jobDecider, 'j2', snapshot('j2', 'not-in-job')),
    commands.handle(jobDecider, 'j2', snapshot('j2', 'd1')),
  ]);
  assert.equal(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'rejected', 'fulfilled']);
  for (const o of outcomes) if (o.status === 'rejected') assert.instance(o.reason, IllegalStateError);
  assert.is((await store.readStream('job-j2')).filter((e) => e.type === 'SnapshotRecorded').length, 2);
});

handler('a retried command id is answered from the log, not applied twice', async ({ store }) => {
  const commands = new CommandHandler(store);
  await dispatchedJob(commands, 'j3', 2);
  const first = await commands.handle(jobDecider, 'j3', snapshot('j3', 'd0', 'outcome-j3-d0'));
  const again = await new CommandHandler(store).handle(jobDecider, 'j3', snapshot('j3', 'd0', 'outcome-j3-d0'));
  assert.is(first.alreadyApplied, false);
  assert.is(again.alreadyApplied, true);
  assert.equal(again.events, first.events);
  assert.is((await store.readStream('job-j3')).filter((e) => e.type === 'SnapshotRecorded').length, 1);
});

handler('two handlers (two processes) on one stream: conflicts are retried, nothing is lost or doubled', async ({ store }) => {
  const a = new CommandHandler(store);
  const b = new CommandHandler(store);
  const deviceIds = await dispatchedJob(a, 'j4', 60);
  await Promise.all(deviceIds.map((d, i) => (i % 2 ? a : b).handle(jobDecider, 'j4', snapshot('j4', d))));
  const stream = await store.readStream('job-j4');
  assert.is(stream.filter((e) => e.type === 'SnapshotRecorded').length, 60);
  assert.is(stream.filter((e) => e.type === 'JobCompleted').length, 1);
});

handler('a cached stream another process moved on: its appends conflict and are decided again, its refusals are checked on a fresh read', async ({ store }) => {
  const a = new CommandHandler(store);
  const b = new CommandHandler(store);
  await a.handle(jobDecider, 'j5', { type: 'ScheduleBackup', data: { jobId: 'j5', targets: { deviceIds: ['d0', 'd1'], tags: [] } }, metadata: meta() });
  await b.handle(jobDecider, 'j5', { type: 'DispatchJob', data: { jobId: 'j5', deviceIds: ['d0', 'd1'] }, metadata: meta() });
  // a's cache still says "scheduled, not dispatched": a refusal from it alone would be wrong.
  const started = await a.handle(jobDecider, 'j5', { type: 'StartDeviceBackup', data: { jobId: 'j5', deviceId: 'd0', workerId: 'w', attempt: 1 }, metadata: meta() });
  assert.equal(started.events.map((e) => e.type), ['DeviceBackupStarted']);
  await b.handle(jobDecider, 'j5', snapshot('j5', 'd0', 'outcome-j5-d0-b'));
  // a's cache does not know d0's outcome: a second outcome must still be refused once the stream is read.
  const second = await a.handle(jobDecider, 'j5', snapshot('j5', 'd0', 'outcome-j5-d0-a')).then(() => undefined, (e: unknown) => e);
  assert.instance(second, IllegalStateError);
  await b.handle(jobDecider, 'j5', snapshot('j5', 'd1'));
  const stream = await store.readStream('job-j5');
  assert.equal(stream.map((e) => e.revision), stream.map((_, i) => i));
  assert.is(stream.filter((e) => e.type === 'SnapshotRecorded').length, 2);
  assert.is(stream.filter((e) => e.type === 'JobCompleted').length, 1);
});

handler('events alongside a command land in the same write before its own, only when it is applied, never twice', async ({ store }) => {
  const commands = new CommandHandler(store);
  await dispatchedJob(commands, 'j6', 3);
  const side = (eventId: string, message: string) => ({
    streamId: 'joblog-j6',
    events: [{ type: 'JobLogRecorded', data: { jobId: 'j6', entries: [{ level: 'info', kind: 'job', message, at: new Date(0).toISOString() }] },
      metadata: { eventId, correlationId: 'j6', causationId: 'j6', actor: 'test', occurredAt: new Date(0).toISOString(), schemaVersion: 1 } }],
  });
  const [idA, idB, idC] = [randomUUID(), randomUUID(), randomUUID()];
  await Promise.all([
    commands.handle(jobDecider, 'j6', snapshot('j6', 'd0'), { alongside: [side(idA, 'd0 lines')] }),
    commands.handle(jobDecider, 'j6', snapshot('j6', 'd1', 'outcome-j6-d1'), { alongside: [side(idB, 'd1 lines')] }),
  ]);
  const refused = await commands.handle(jobDecider, 'j6', snapshot('j6', 'd0'), { alongside: [side(idC, 'refused')] }).then(() => undefined, (e: unknown) => e);
  assert.instance(refused, IllegalStateError);
  const replayed = await new CommandHandler(store).handle(jobDecider, 'j6', snapshot('j6', 'd1', 'outcome-j6-d1'), { alongside: [side(idC, 'replayed')] });
  assert.is(replayed.alreadyApplied, true);
  // The same log event once more, with another device's outcome: it is not recorded twice.
  await commands.handle(jobDecider, 'j6', snapshot('j6', 'd2'), { alongside: [side(idA, 'd0 lines'), side(idC, 'd2 lines')] });
  const log = await store.readStream('joblog-j6');
  assert.equal(log.map((e) => e.metadata.eventId), [idA, idB, idC]);
  const all = await store.readAll({ filter: { streamPrefixes: ['job-j6', 'joblog-j6'] } });
  const firstOutcome = all.findIndex((e) => e.type === 'SnapshotRecorded');
  assert.ok(all.findIndex((e) => e.metadata.eventId === idA) < firstOutcome, 'log lines come before the outcome they accompany');
  assert.is(all.filter((e) => e.type === 'SnapshotRecorded').length, 3);
});

handler.run();
