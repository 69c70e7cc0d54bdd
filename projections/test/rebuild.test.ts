import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { comparePositions } from '@netraven/infra/eventstore';
import { ALL_PROJECTORS, ownedTables, readModelProjectors, rebuildProjections, verifyProjections, type VerifyReport } from '../src/index.js';
import { countsFromLog, isAfter, openRebuildFixture, recordingProjectors, type Application, type RebuildFixture } from './rebuild-fixture.js';

const rebuild = suite<{ fx: RebuildFixture }>('projection rebuild and verify');
rebuild.before.each(async (ctx) => {
  ctx.fx = await openRebuildFixture();
});
rebuild.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

const differences = (report: VerifyReport): Array<[string, number, number]> =>
  report.projectors.flatMap((p) => p.tables).filter((t) => t.missingInLive + t.extraInLive > 0).map((t) => [t.table, t.missingInLive, t.extraInLive]);

async function liveCounts(fx: RebuildFixture): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ownedTables(ALL_PROJECTORS)) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(fx.db);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

async function tableOids(fx: RebuildFixture): Promise<Record<string, number>> {
  const { rows } = await sql<{ relname: string; oid: number }>`
    SELECT c.relname, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(fx.db);
  return Object.fromEntries(rows.map((r) => [r.relname, r.oid]));
}

rebuild('every read-model table is owned by exactly one projector', async ({ fx }) => {
  const oids = await tableOids(fx);
  const created = Object.keys(oids).filter((t) => t !== 'projection_checkpoints' && !t.startsWith('read_model_migrations')).sort();
  // Ownership only: no config is read here (config search reads the repository, tested in services/netraven).
  const everyProjector = readModelProjectors({ configs: { readConfig: () => Promise.reject(new Error('not read in this test')) } });
  assert.equal([...ownedTables(everyProjector)].sort(), created);
});

rebuild('verify passes after a randomized run, at the live checkpoints, while the runner runs', async ({ fx }) => {
  const workload = fx.workload(1);
  await workload.run(300);
  // No waiting for the runner: verify compares at whatever checkpoints it holds.
  const report = await verifyProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS });
  assert.equal(differences(report), []);
  assert.ok(report.ok);
  await fx.caughtUp(workload.lastPosition);
  const settled = await verifyProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS });
  assert.ok(settled.ok);
  assert.equal(Object.fromEntries(settled.projectors.flatMap((p) => p.tables).map((t) => [t.table, t.liveRows])), countsFromLog(await fx.readLog()));
  assert.ok(settled.projectors.every((p) => p.tables.every((t) => t.liveRows === t.rebuiltRows)));
});

rebuild('a tampered live row is reported, and only that row', async ({ fx }) => {
  const workload = fx.workload(2);
  await workload.run(200);
  await fx.caughtUp(workload.lastPosition);
  const job = await fx.db.selectFrom('jobs').selectAll().orderBy('id').executeTakeFirstOrThrow();
  await fx.db.updateTable('jobs').set({ status: 'TAMPERED' }).where('id', '=', job.id).execute();
  const report = await verifyProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS, sampleSize: 5 });
  assert.not.ok(report.ok);
  assert.equal(differences(report), [['jobs', 1, 1]]);
  const jobs = report.projectors.find((p) => p.projector === 'jobs')?.tables.find((t) => t.table === 'jobs');
  assert.equal(jobs?.missingSample.map((r) => [r.id, r.status]), [[job.id, job.status]]);
  assert.equal(jobs?.extraSample.map((r) => [r.id, r.status]), [[job.id, 'TAMPERED']]);
  assert.equal(jobs?.extraSample[0], { ...jobs?.missingSample[0], status: 'TAMPERED' });
});

rebuild('rebuild under live load: tables swapped in, nothing lost, nothing applied twice', async ({ fx }) => {
  const workload = fx.workload(3);
  await workload.run(250);
  let stop = false;
  const background = (async () => {
    while (!stop) await workload.step();
  })();
  const rebuildLedger: Application[] = [];
  await new Promise((resolve) => setTimeout(resolve, 100));
  const report = await rebuildProjections({
    connectionString: fx.database.connectionString, store: fx.store,
    projectors: recordingProjectors(ALL_PROJECTORS, rebuildLedger, 'rebuild'), batchSize: 97,
  });
  const swappedAt = report.position;
  const sentAtSwap = workload.commandsSent;
  await new Promise((resolve) => setTimeout(resolve, 400));
  stop = true;
  await background;
  assert.ok(workload.commandsSent > sentAtSwap + 5, 'the workload kept appending after the swap');
  await fx.caughtUp(workload.lastPosition);

  const log = await fx.readLog();
  assert.ok(log.some((e) => isAfter(e.position, swappedAt)), 'events after the swap exist');
  const verified = await verifyProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS });
  assert.equal(differences(verified), []);
  assert.equal(await liveCounts(fx), countsFromLog(log));
  for (const projector of ALL_PROJECTORS) {
    const expected = log.filter((e) => projector.eventTypes.includes(e.type)).map((e) => e.metadata.eventId);
    const applied = [
      ...rebuildLedger.filter((a) => a.projector === projector.name),
      ...fx.ledger.filter((a) => a.projector === projector.name && a.claimed && comparePositions(a.claimed, swappedAt) > 0),
    ];
    assert.equal(applied.map((a) => a.eventId), expected, `${projector.name}: every event applied exactly once, in log order`);
  }
});

rebuild('rebuilding one projector leaves every other table untouched', async ({ fx }) => {
  const workload = fx.workload(4);
  await workload.run(200);
  await fx.caughtUp(workload.lastPosition);
  const job = await fx.db.selectFrom('jobs').select('id').orderBy('id').executeTakeFirstOrThrow();
  await fx.db.updateTable('jobs').set({ status: 'TAMPERED' }).where('id', '=', job.id).execute();
  const log = await fx.db.selectFrom('logs').select('id').orderBy('id').executeTakeFirstOrThrow();
  await fx.db.deleteFrom('logs').where('id', '=', log.id).execute();
  const before = await tableOids(fx);

  const report = await rebuildProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS, names: ['jobs'] });
  assert.equal(report.projectors, ['jobs']);
  assert.equal(report.tables.map((t) => t.table), ['jobs', 'job_devices']);

  const after = await tableOids(fx);
  for (const table of Object.keys(before)) {
    if (table === 'jobs' || table === 'job_devices') assert.is.not(after[table], before[table], `${table} was swapped`);
    else assert.is(after[table], before[table], `${table} is the same table`);
  }
  assert.is((await fx.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status === 'TAMPERED', false);
  const verified = await verifyProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS });
  assert.equal(differences(verified), [['logs', 1, 0]], 'the deleted log row is still missing: logs was not rebuilt');
  try {
    await rebuildProjections({ connectionString: fx.database.connectionString, store: fx.store, projectors: ALL_PROJECTORS, names: ['nope'] });
    assert.unreachable('an unknown projection name is refused');
  } catch (error) {
    assert.match((error as Error).message, 'unknown projection nope');
  }
});

rebuild.run();
