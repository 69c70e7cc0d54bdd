import { jobDecider } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, type EventStore, type Position } from '@netraven/infra/eventstore';
import { sql, type Kysely } from 'kysely';
import { ALL_PROJECTORS, waitUntilCaughtUp, type ReadModelDatabase } from '@netraven/projections';
import { systemActor, type StandaloneNetRaven } from '@netraven/cli';

const actor = systemActor('bench');

/**
 * `devices` devices through the bulk import use case (one request), then one backup job over all
 * of them whose outcomes are recorded straight through the job decider (no SSH: the API is what is
 * measured), 9 in 10 succeeding. Returns once every projector has caught up, so no projection
 * work competes with the measured requests.
 */
export async function seedDevicesWithLastBackup(netraven: StandaloneNetRaven, devices: number): Promise<{ jobId: string }> {
  await netraven.commands.createCredential(actor, { name: 'bench', username: 'netops', password: 'bench-secret' });
  const rows = Array.from({ length: devices }, (_v, i) => ({
    name: `bench-${String(i).padStart(6, '0')}`, host: `10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`,
    platform: 'cisco_ios', credential: 'bench', tags: ['bench', `site-${i % 20}`],
  }));
  const imported = await netraven.commands.importDevices(actor, { devices: rows });
  if (imported.imported !== devices) throw new Error(`import: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const job = await netraven.commands.scheduleBackup(actor, { tags: ['bench'] });
  const ids = (await netraven.db.selectFrom('devices').select('id').execute()).map((r) => r.id).sort();
  const last = await recordOutcomes(netraven.store, job.id, ids);
  await caughtUp(netraven.db, netraven.store, last);
  const withOutcome = await netraven.db.selectFrom('devices').select((eb) => eb.fn.countAll<string>().as('n')).where('last_job_id', '=', job.id).executeTakeFirstOrThrow();
  if (Number(withOutcome.n) !== devices) throw new Error(`only ${withOutcome.n} of ${devices} devices show the job's outcome`);
  // What autovacuum does within a minute of a bulk load: without statistics the planner takes a
  // freshly filled table for a tiny one and sorts it instead of reading the index.
  await sql`analyze`.execute(netraven.db);
  return { jobId: job.id };
}

const later = (a: Position | undefined, b: Position | undefined): Position | undefined =>
  !a ? b : !b ? a : a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare) ? a : b;

/** The position of the last event appended. */
async function recordOutcomes(store: EventStore, jobId: string, ids: readonly string[]): Promise<Position> {
  let last: Position | undefined;
  const commands = new CommandHandler(store);
  const metadata = () => newCommandMetadata({ actor: 'system:bench' });
  await commands.handle(jobDecider, jobId, { type: 'DispatchJob', data: { jobId, deviceIds: [...ids] }, metadata: metadata() });
  // Hundreds at a time: commands queued for one stream are decided together and appended in one write.
  for (let i = 0; i < ids.length; i += 500) {
    await Promise.all(ids.slice(i, i + 500).map(async (deviceId, j) => {
      await commands.handle(jobDecider, jobId, { type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'bench', attempt: 1 }, metadata: metadata() });
      const outcome = await commands.handle(jobDecider, jobId, (i + j) % 10 === 9
        ? { type: 'RecordDeviceFailure', data: { jobId, deviceId, category: 'timeout', message: 'no answer' }, metadata: metadata() }
        : { type: 'RecordSnapshot', data: { jobId, deviceId, commit: 'c0ffee', changed: (i + j) % 3 === 0, sha256: 'ab'.repeat(32), size: 1000, facts: {} }, metadata: metadata() });
      last = later(last, outcome.position);
    }));
  }
  if (!last) throw new Error('no outcome was appended');
  return last;
}

async function caughtUp(db: Kysely<ReadModelDatabase>, store: EventStore, position: Position): Promise<void> {
  for (const projector of ALL_PROJECTORS) await waitUntilCaughtUp(db, store, projector, position, { timeoutMs: 10 * 60_000 });
}
