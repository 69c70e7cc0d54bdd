import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { jobDecider } from '@netraven/domain';
import { newCommandMetadata } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { dispatch, scheduleJob } from './access-fixture.js';

/** Counts the statements the API's reads send to PostgreSQL (each executed query passes transformResult once). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }
}

const DEVICES = 1000;
interface Ctx { fx: GatewayFixture; counter: StatementCounter; jobId: string }
const it = suite<Ctx>('no N+1: a page of devices with their last backup and credential costs a fixed number of statements');

// uvu reports a failing hook only as failed tests; say why.
it.before(async (ctx) => {
  await seed(ctx).catch((error: unknown) => {
    console.error(error);
    throw error;
  });
});

async function seed(ctx: Ctx): Promise<void> {
  ctx.counter = new StatementCounter();
  ctx.fx = await openGatewayFixture({ readModelPlugin: ctx.counter });
  await graphql(ctx.fx.url, 'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  const rows = Array.from({ length: DEVICES }, (_v, i) => ({ name: `d-${String(i).padStart(4, '0')}`, host: `10.9.${Math.floor(i / 250)}.${(i % 250) + 1}`, platform: 'cisco_ios', credential: 'lab', tags: [`t${i % 7}`] }));
  await graphql(ctx.fx.url, 'mutation($input: ImportDevicesInput!) { importDevices(input: $input) { imported } }', { input: { devices: rows } });
  const ids = (await ctx.fx.db.selectFrom('devices').select('id').execute()).map((r) => r.id);
  ctx.jobId = await scheduleJob(ctx.fx, ids);
  await dispatch(ctx.fx, ctx.jobId, ids);
  const metadata = () => newCommandMetadata({ actor: 'system:test' });
  // Every device gets an outcome: odd ones fail, even ones succeed.
  for (let i = 0; i < ids.length; i += 100) {
    await Promise.all(ids.slice(i, i + 100).map(async (deviceId, j) => {
      await ctx.fx.commands.handle(jobDecider, ctx.jobId, { type: 'StartDeviceBackup', data: { jobId: ctx.jobId, deviceId, workerId: 'w', attempt: 1 }, metadata: metadata() });
      await ctx.fx.commands.handle(jobDecider, ctx.jobId, (i + j) % 2 === 0
        ? { type: 'RecordSnapshot', data: { jobId: ctx.jobId, deviceId, commit: 'c0ffee', changed: true, sha256: 'ab'.repeat(32), size: 10, facts: {} }, metadata: metadata() }
        : { type: 'RecordDeviceFailure', data: { jobId: ctx.jobId, deviceId, category: 'timeout', message: 'no answer' }, metadata: metadata() });
    }));
  }
  await eventually('every outcome projected', async () =>
    (await ctx.fx.db.selectFrom('devices').select('id').where('last_job_id', '=', ctx.jobId).execute()).length === DEVICES ? true : undefined, 60_000);
}
it.after(async (ctx) => {
  await ctx.fx.dispose();
});

const PAGE = `query($first: Int) { devices(first: $first) { totalCount nodes { id name credential { name } lastBackup { jobId status finishedAt changed errorCategory device { id } } } } }`;
type Page = { devices: { totalCount: number; nodes: Array<{ id: string; credential: { name: string } | null; lastBackup: { jobId: string; status: string; finishedAt: string | null; changed: boolean | null; errorCategory: string | null; device: { id: string } | null } | null }> } };

async function statementsFor(ctx: Ctx, first: number): Promise<{ statements: number; page: Page['devices'] }> {
  const before = ctx.counter.count;
  const { devices } = await graphql<Page>(ctx.fx.url, PAGE, { first });
  return { statements: ctx.counter.count - before, page: devices };
}

it('1,000 devices with their last backup, its device and their credential: as many statements as for 10', async (ctx) => {
  const small = await statementsFor(ctx, 10);
  const large = await statementsFor(ctx, DEVICES);
  assert.is(large.page.nodes.length, DEVICES);
  assert.is(large.page.totalCount, DEVICES);
  assert.ok(large.page.nodes.every((d) => d.credential?.name === 'lab' && d.lastBackup?.jobId === ctx.jobId && d.lastBackup.device?.id === d.id && d.lastBackup.finishedAt));
  assert.is(large.page.nodes.filter((d) => d.lastBackup?.status === 'SUCCEEDED' && d.lastBackup.changed === true).length, DEVICES / 2);
  assert.is(large.page.nodes.filter((d) => d.lastBackup?.status === 'FAILED' && d.lastBackup.errorCategory === 'timeout').length, DEVICES / 2);
  assert.is(large.statements, small.statements, `bounded: ${large.statements} statements for ${DEVICES} devices, ${small.statements} for 10`);
  // The page, its tags, the count, the credentials, the last backups, their devices and those devices' tags.
  assert.ok(large.statements <= 8, `${large.statements} statements`);
});

it('a job\'s devices with their device: a fixed number of statements too', async (ctx) => {
  const JOB = 'query($id: ID!, $first: Int) { job(id: $id) { devices(first: $first) { nodes { status device { name lastBackup { status } } } } } }';
  const count = async (first: number) => {
    const before = ctx.counter.count;
    const { job } = await graphql<{ job: { devices: { nodes: Array<{ device: { name: string } | null }> } } }>(ctx.fx.url, JOB, { id: ctx.jobId, first });
    assert.is(job.devices.nodes.filter((d) => d.device).length, first);
    return ctx.counter.count - before;
  };
  assert.is(await count(DEVICES), await count(5));
});

it('keyset pages over backup times (many equal to the millisecond) neither repeat nor skip a device', async (ctx) => {
  const Q = 'query($after: String, $first: Int) { devices(sort: LAST_BACKUP_OLDEST, first: $first, after: $after) { nodes { id lastBackupAt } pageInfo { hasNextPage endCursor } } }';
  type Answer = { devices: { nodes: Array<{ id: string; lastBackupAt: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  const whole = (await graphql<Answer>(ctx.fx.url, Q, { first: DEVICES })).devices.nodes;
  const paged: string[] = [];
  for (let after: string | null = null, more = true; more;) {
    const { devices }: Answer = await graphql<Answer>(ctx.fx.url, Q, { first: 137, after });
    paged.push(...devices.nodes.map((d) => d.id));
    more = devices.pageInfo.hasNextPage;
    after = devices.pageInfo.endCursor;
  }
  assert.equal(paged, whole.map((d) => d.id));
  assert.ok(whole.every((d, i) => i === 0 || whole[i - 1]!.lastBackupAt <= d.lastBackupAt), 'oldest first');
});

it.run();
