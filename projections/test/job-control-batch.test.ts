import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Kysely } from 'kysely';
import type { EventMetadata, Position, RecordedEvent } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import { jobControlProjector, openReadModels, type ReadModelDatabase } from '../src/index.js';

// The job-control projector applies a run of outcomes in one upsert per thousand devices: it must leave exactly the
// rows that applying the same events one by one leaves (the last answer, the last time the device answered).

const it = suite<{ database: Awaited<ReturnType<typeof freshTestDatabase>>; db: Kysely<ReadModelDatabase> }>('job-control: a batch leaves what event by event leaves');
it.before(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_jc_batch');
  ctx.db = await openReadModels(ctx.database.connectionString);
});
it.after(async (ctx) => {
  await ctx.db.destroy();
  await ctx.database.drop();
});

let revision = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
function event(type: string, data: Record<string, unknown>): RecordedEvent {
  return { streamId: `job-${String(data.jobId)}`, revision: revision++, position: {} as Position, type, data, metadata: {} as EventMetadata, recordedAt: new Date() };
}

/** One device's story: answered, then unreachable, then our own failure (says nothing), then a command run with outputs. */
function story(deviceId: string): RecordedEvent[] {
  return [
    event('SnapshotRecorded', { jobId: 'j1', deviceId, commit: 'c1', changed: true, sha256: 'a', size: 1, facts: {}, recordedAt: at(1) }),
    event('DeviceBackupFailed', { jobId: 'j2', deviceId, category: 'unreachable', message: 'no route', failedAt: at(2) }),
    event('DeviceBackupFailed', { jobId: 'j3', deviceId, category: 'internal', message: 'ours', failedAt: at(3) }),
    ...(deviceId.endsWith('ok') ? [event('DeviceTaskSucceeded', { jobId: 'j4', deviceId, finishedAt: at(4), results: [{ command: 'show clock', output: '12:00' }, { command: 'show ver', output: 'IOS' }] })] : []),
  ];
}

const rowsOf = async (db: Kysely<ReadModelDatabase>, prefix: string) => ({
  reachability: (await db.selectFrom('device_reachability').selectAll().where('device_id', 'like', `${prefix}%`).orderBy('device_id').execute())
    .map(({ device_id, ...rest }) => ({ device: device_id.slice(prefix.length), ...rest })),
  results: (await db.selectFrom('job_results').selectAll().where('device_id', 'like', `${prefix}%`).orderBy('device_id').orderBy('seq').execute())
    .map(({ device_id, ...rest }) => ({ device: device_id.slice(prefix.length), ...rest })),
});

it('one batch and event by event leave the same rows', async ({ db }) => {
  const devices = ['-a-ok', '-b-down'];
  const batched = devices.flatMap((d) => story(`batch${d}`));
  const single = devices.flatMap((d) => story(`single${d}`));
  await db.transaction().execute((trx) => jobControlProjector.batch!.applyAll(trx, batched));
  for (const e of single) await db.transaction().execute((trx) => jobControlProjector.apply(trx, e));
  const fromBatch = await rowsOf(db, 'batch');
  assert.equal(fromBatch, await rowsOf(db, 'single'));
  assert.equal(fromBatch.reachability.map((r) => [r.device, r.reachability, r.last_seen_at?.toISOString(), r.checked_at.toISOString(), r.job_id]), [
    ['-a-ok', 'REACHABLE', at(4), at(4), 'j4'],
    ['-b-down', 'UNREACHABLE', at(1), at(2), 'j2'],
  ]);
  assert.is(fromBatch.results.length, 2);
});

it('a later batch keeps the last-seen time when the device did not answer', async ({ db }) => {
  await db.transaction().execute((trx) => jobControlProjector.batch!.applyAll(trx, [
    event('DeviceBackupFailed', { jobId: 'j5', deviceId: 'batch-a-ok', category: 'auth', message: 'refused', failedAt: at(5) }),
    event('DeviceBackupFailed', { jobId: 'j6', deviceId: 'batch-a-ok', category: 'timeout', message: 'slow', failedAt: at(6) }),
  ]));
  const row = await db.selectFrom('device_reachability').selectAll().where('device_id', '=', 'batch-a-ok').executeTakeFirstOrThrow();
  assert.equal([row.reachability, row.last_seen_at?.toISOString(), row.checked_at.toISOString(), row.job_id], ['UNREACHABLE', at(4), at(6), 'j6']);
});

it.run();
