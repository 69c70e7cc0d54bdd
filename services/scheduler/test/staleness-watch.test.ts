import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backupPolicyDecider, jobDecider, type Command, type Decider, type DomainEvent } from '@netraven/domain';
import { newCommandMetadata, type Position } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { stalenessCandidates, stalenessProjector, backupPoliciesProjector, waitUntilCaughtUp, deviceStaleness, staleDeviceIds } from '@netraven/projections';
import { sql } from 'kysely';
import { StalenessWatch } from '../src/staleness-watch.js';
import { closeSchedulerContext, openSchedulerContext, type SchedulerContext } from './scheduler-fixture.js';

interface Ctx extends SchedulerContext {
  now: Date;
  watch: StalenessWatch;
}

const HOUR = 3_600_000;
const it = suite<Ctx>('staleness watch (fake clock, real Postgres): DeviceBecameStale / DeviceBecameFresh');

it.before.each(async (ctx) => {
  await openSchedulerContext(ctx);
  await eventually('the three devices projected', async () => ((await stalenessCandidates(ctx.db)).length === 3 ? true : undefined));
  ctx.now = new Date();
  ctx.watch = new StalenessWatch(ctx.db, ctx.commands, { clock: () => ctx.now });
});
it.after.each(async (ctx) => closeSchedulerContext(ctx));

async function at<C extends Command, E extends DomainEvent, S>(ctx: Ctx, decider: Decider<C, E, S>, id: string, command: Pick<C, 'type' | 'data'>): Promise<Position | undefined> {
  const result = await ctx.commands.handle(decider, id, { ...command, metadata: newCommandMetadata({ actor: 'tester', clock: () => ctx.now }) } as C);
  return result.position;
}

async function caughtUp(ctx: Ctx, position: Position | undefined): Promise<void> {
  if (!position) return;
  await waitUntilCaughtUp(ctx.db, ctx.store, stalenessProjector, position, { timeoutMs: 10_000 });
  await waitUntilCaughtUp(ctx.db, ctx.store, backupPoliciesProjector, position, { timeoutMs: 10_000 });
}

async function tick(ctx: Ctx) {
  const result = await ctx.watch.tick();
  await caughtUp(ctx, result.position);
  return { stale: result.becameStale.sort(), fresh: result.becameFresh.sort() };
}

async function backUp(ctx: Ctx, jobId: string, deviceId: string): Promise<void> {
  await at(ctx, jobDecider, jobId, { type: 'ScheduleBackup', data: { jobId, targets: { deviceIds: [deviceId], tags: [] } } });
  await at(ctx, jobDecider, jobId, { type: 'DispatchJob', data: { jobId, deviceIds: [deviceId] } });
  await at(ctx, jobDecider, jobId, { type: 'StartDeviceBackup', data: { jobId, deviceId, workerId: 'w', attempt: 1 } });
  await caughtUp(ctx, await at(ctx, jobDecider, jobId, {
    type: 'RecordSnapshot', data: { jobId, deviceId, commit: 'c0ffee', changed: true, sha256: 'a'.repeat(64), size: 1, facts: {} },
  }));
}

const setPolicy = (ctx: Ctx, scope: { kind: 'tag'; tag: string } | { kind: 'device'; deviceId: string }, staleAfterHours: number) =>
  at(ctx, backupPolicyDecider, scope.kind === 'tag' ? `tag:${scope.tag}` : `device:${scope.deviceId}`,
    { type: 'SetBackupPolicy', data: { scope, volatile: [], secrets: [], staleAfterHours } }).then((p) => caughtUp(ctx, p));

it('never backed up: stale once the default 26 h have passed since registration; reported once', async (ctx) => {
  assert.equal(await tick(ctx), { stale: [], fresh: [] });
  ctx.now = new Date(ctx.now.getTime() + 25 * HOUR);
  assert.equal(await tick(ctx), { stale: [], fresh: [] });
  ctx.now = new Date(ctx.now.getTime() + 2 * HOUR);
  assert.equal(await tick(ctx), { stale: ['d1', 'd2', 'd3'], fresh: [] });
  assert.equal(await tick(ctx), { stale: [], fresh: [] }, 'a second look reports nothing new');
  assert.equal(await staleDeviceIds(ctx.db), ['d1', 'd2', 'd3']);
  const { rows } = await sql<{ event_type: string; stream_id: string; metadata: { actor: string } }>`
    select event_type, stream_id, metadata from eventstore.events where event_type = 'DeviceBecameStale' order by stream_id`.execute(ctx.db);
  assert.equal(rows.map((r) => r.stream_id), ['staleness-d1', 'staleness-d2', 'staleness-d3']);
  assert.is(rows[0]?.metadata.actor, 'system:staleness');
});

it('a successful backup makes a stale device fresh; it goes stale again a threshold later', async (ctx) => {
  ctx.now = new Date(ctx.now.getTime() + 27 * HOUR);
  await tick(ctx);
  await backUp(ctx, 'j1', 'd1');
  assert.equal(await tick(ctx), { stale: [], fresh: ['d1'] });
  const d1 = (await deviceStaleness(ctx.db, ['d1'])).get('d1');
  assert.is(d1?.stale, false);
  assert.is(d1?.last_success_at?.getTime(), ctx.now.getTime());
  ctx.now = new Date(ctx.now.getTime() + 26 * HOUR + 1);
  assert.equal(await tick(ctx), { stale: ['d1'], fresh: [] });
});

it('thresholds per tag (the strictest tag wins) and per device (overrides its tags)', async (ctx) => {
  await setPolicy(ctx, { kind: 'tag', tag: 'core' }, 48);
  await setPolicy(ctx, { kind: 'tag', tag: 'edge' }, 4);
  ctx.now = new Date(ctx.now.getTime() + 5 * HOUR);
  // d1 core (48 h): fresh; d2 core+edge: the strictest, 4 h: stale; d3 edge (4 h): stale.
  assert.equal(await tick(ctx), { stale: ['d2', 'd3'], fresh: [] });
  await setPolicy(ctx, { kind: 'device', deviceId: 'd3' }, 100);
  assert.equal(await tick(ctx), { stale: [], fresh: ['d3'] });
  const { rows } = await sql<{ data: { staleAfterHours: number } }>`
    select data from eventstore.events where event_type = 'DeviceBecameStale' and stream_id = 'staleness-d2'`.execute(ctx.db);
  assert.is(rows[0]?.data.staleAfterHours, 4, 'the event says which threshold was passed');
});

it('two watches at once report each turn once', async (ctx) => {
  ctx.now = new Date(ctx.now.getTime() + 27 * HOUR);
  const other = new StalenessWatch(ctx.db, ctx.commands, { clock: () => ctx.now });
  const [a, b] = await Promise.all([ctx.watch.tick(), other.tick()]);
  assert.equal([...a.becameStale, ...b.becameStale].sort(), ['d1', 'd2', 'd3']);
});

it.run();
