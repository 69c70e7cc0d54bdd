import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, dispatch, login, registerDevice, scheduleJob } from './access-fixture.js';
import { appendLogLines, entry } from './logs-fixture.js';

interface Ctx {
  fx: GatewayFixture;
  scoped: string;
  core: string;
  edge: string;
  coreJob: string;
  edgeJob: string;
}

interface Line { id: string; jobId: string | null; deviceId: string | null; level: string; kind: string; type: string; source: string; message: string; at: string }
interface Page { logs: { nodes: Line[]; edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

const LINE = 'id jobId deviceId level kind type source message at';
const PAGE = `query($f: LogFilter, $first: Int, $after: String) { logs(filter: $f, first: $first, after: $after) {
  nodes { ${LINE} } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;

const logs = suite<Ctx>('logs: a connection with filters, types, levels and stats, within the tag scope');

logs.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.core = await registerDevice(ctx.fx, createCredential.id, ['core']);
  ctx.edge = await registerDevice(ctx.fx, createCredential.id, ['edge']);
  ctx.coreJob = await scheduleJob(ctx.fx, [ctx.core]);
  ctx.edgeJob = await scheduleJob(ctx.fx, [ctx.edge]);
  await dispatch(ctx.fx, ctx.coreJob, [ctx.core]);
  await dispatch(ctx.fx, ctx.edgeJob, [ctx.edge]);
  await appendLogLines(ctx.fx, ctx.coreJob, [
    entry('connection', 'info', ctx.core, 'Connecting to core (10.0.0.1:22)', '2026-03-01T10:00:00.000Z'),
    entry('session', 'info', ctx.core, 'config captured: 100% of 4200 characters', '2026-03-01T10:00:01.000Z'),
    entry('session', 'warn', ctx.core, 'dropped 3 characters that were not text', '2026-03-01T10:00:02.000Z'),
    entry('system', 'error', ctx.core, 'ALERT: host key changed', '2026-03-01T10:00:03.000Z'),
  ]);
  await appendLogLines(ctx.fx, ctx.edgeJob, [
    entry('connection', 'error', ctx.edge, '[auth] login refused', '2026-03-02T10:00:00.000Z'),
    entry('session', 'info', ctx.edge, 'CONFIG captured: 80 characters', '2026-03-02T10:00:01.000Z'),
  ]);
  const { password } = await createUser(ctx.fx, 'core-viewer', 'VIEWER', ['core']);
  ctx.scoped = (await login(ctx.fx.url, 'core-viewer', password)).accessToken;
});
logs.after(async (ctx) => {
  await ctx.fx.dispose();
});

const page = (ctx: Ctx, variables: Record<string, unknown>, token?: string) =>
  token ? call<Page>(ctx.fx.url, token, PAGE, variables).then((a) => { if (!a.data) throw new Error(JSON.stringify(a.errors)); return a.data; })
    : graphql<Page>(ctx.fx.url, PAGE, variables);

/** Every page of a filter, `first` lines at a time. */
async function allPages(ctx: Ctx, filter: Record<string, unknown>, first: number, token?: string): Promise<{ lines: Line[]; pages: number }> {
  const lines: Line[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const { logs: p }: Page = await page(ctx, { f: filter, first, after }, token);
    pages++;
    lines.push(...p.nodes);
    assert.equal(p.edges.map((e) => e.node.id), p.nodes.map((n) => n.id), 'edges and nodes agree');
    if (!p.pageInfo.hasNextPage) return { lines, pages };
    after = p.pageInfo.endCursor;
    assert.ok(after);
  }
}

const newestFirst = (a: Line, b: Line) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

logs('pages are newest first, keyset on (at, id), and together hold every line exactly once', async (ctx) => {
  const { lines: whole } = await allPages(ctx, {}, 1000);
  const rows = await ctx.fx.db.selectFrom('logs').select('id').execute();
  assert.is(whole.length, rows.length);
  assert.ok(whole.length >= 10, `job lines and worker lines: ${whole.length}`);
  const { lines, pages } = await allPages(ctx, {}, 3);
  assert.is(pages, Math.ceil(whole.length / 3));
  assert.equal(lines.map((l) => l.id), whole.map((l) => l.id));
  assert.equal(new Set(lines.map((l) => l.id)).size, lines.length, 'no line twice');
  assert.equal(lines.map((l) => l.id), [...lines].sort(newestFirst).map((l) => l.id));
  // Lines written while a reader pages neither shift its next page nor repeat a line: a newer one
  // lies before its cursor, an older one simply appears in its place.
  const first = await page(ctx, { first: 2 });
  await appendLogLines(ctx.fx, ctx.coreJob, [
    entry('job', 'info', ctx.core, 'newer line', '2027-01-01T00:00:00.000Z'),
    entry('job', 'info', ctx.core, 'older line', '2025-01-01T00:00:00.000Z'),
  ]);
  const now = (await allPages(ctx, {}, 1000)).lines;
  assert.is(now[0]?.message, 'newer line');
  assert.is(now.at(-1)?.message, 'older line');
  const next = await page(ctx, { first: 1000, after: first.logs.pageInfo.endCursor });
  assert.equal(next.logs.nodes.map((l) => l.id), now.slice(3).map((l) => l.id));
});

logs('filters: type, level, source, device, job, time range and text, alone and together', async (ctx) => {
  const messages = async (f: Record<string, unknown>) => (await allPages(ctx, f, 1000)).lines.map((l) => l.message).sort();
  assert.equal(await messages({ type: 'session' }), ['CONFIG captured: 80 characters', 'config captured: 100% of 4200 characters', 'dropped 3 characters that were not text']);
  assert.equal(await messages({ type: 'session', level: 'warn' }), ['dropped 3 characters that were not text']);
  assert.equal(await messages({ level: 'error', deviceId: ctx.edge }), ['[auth] login refused']);
  assert.equal(await messages({ type: 'system' }), ['ALERT: host key changed']);
  assert.equal(await messages({ text: 'CONFIG CAPTURED' }), ['CONFIG captured: 80 characters', 'config captured: 100% of 4200 characters']);
  assert.equal(await messages({ text: '100%' }), ['config captured: 100% of 4200 characters'], '% is a character, not a wildcard');
  assert.equal(await messages({ since: '2026-03-01T10:00:01.000Z', until: '2026-03-01T10:00:03.000Z' }),
    ['config captured: 100% of 4200 characters', 'dropped 3 characters that were not text'], 'since inclusive, until exclusive');
  const api = (await allPages(ctx, { source: 'api' }, 1000)).lines;
  assert.ok(api.length >= 2 && api.every((l) => l.type === 'job' && l.message.startsWith('Backup job scheduled by user:admin')), JSON.stringify(api));
  const worker = (await allPages(ctx, { source: 'device-comm', jobId: ctx.edgeJob }, 1000)).lines;
  assert.equal(worker.map((l) => l.message).sort(), ['CONFIG captured: 80 characters', '[auth] login refused']);
  assert.ok(worker.every((l) => l.jobId === ctx.edgeJob && l.kind === l.type));
  const jobLines = (await allPages(ctx, { jobId: ctx.coreJob, type: 'job' }, 1000)).lines;
  assert.ok(jobLines.length >= 2 && jobLines.every((l) => l.jobId === ctx.coreJob && l.type === 'job'));
});

logs('logs(jobId), the first contract’s form: the same lines as filter: { jobId }; two different jobs are refused', async (ctx) => {
  const byFilter = (await allPages(ctx, { jobId: ctx.edgeJob }, 1000)).lines.map((l) => l.id);
  const { logs: byArgument } = await graphql<Page>(ctx.fx.url, `query($j: ID) { logs(jobId: $j, first: 1000) { nodes { ${LINE} } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { j: ctx.edgeJob });
  assert.ok(byFilter.length >= 2);
  assert.equal(byArgument.nodes.map((l) => l.id), byFilter);
  const { logs: both } = await graphql<Page>(ctx.fx.url, `query($j: ID) { logs(jobId: $j, filter: { jobId: $j, type: session }) { nodes { ${LINE} } edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { j: ctx.edgeJob });
  assert.equal(both.nodes.map((l) => l.message), ['CONFIG captured: 80 characters']);
  const clash = await call(ctx.fx.url, ctx.fx.authorization.slice(7), 'query($a: ID, $b: ID) { logs(jobId: $a, filter: { jobId: $b }) { nodes { id } } }', { a: ctx.coreJob, b: ctx.edgeJob });
  assert.is(codeOf(clash), 'BAD_USER_INPUT', JSON.stringify(clash));
  assert.is((clash.errors?.[0]?.extensions as { field?: string } | undefined)?.field, 'jobId');
});

logs('logTypes, logLevels and logStats (total, by type, by level, newest time; filtered)', async (ctx) => {
  type Counts = Array<{ key: string; count: number }>;
  // The contract's own selection: byType and byLevel are objects (type or level → lines), typeCounts/levelCounts lists.
  const answer = await graphql<{ logTypes: string[]; logLevels: string[]; logStats: { total: number; byType: Record<string, number>; byLevel: Record<string, number>; typeCounts: Counts; levelCounts: Counts; lastAt: string | null } }>(
    ctx.fx.url, '{ logTypes logLevels logStats { total byType byLevel lastAt typeCounts { key count } levelCounts { key count } } }');
  assert.equal(answer.logTypes, ['job', 'connection', 'session', 'system']);
  assert.equal(answer.logLevels, ['debug', 'info', 'warn', 'error']);
  const rows = await ctx.fx.db.selectFrom('logs').select(['kind', 'level', 'at']).execute();
  const count = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).length;
  assert.is(answer.logStats.total, rows.length);
  assert.equal(answer.logStats.byType, Object.fromEntries(answer.logTypes.map((type) => [type, count((r) => r.kind === type)])));
  assert.equal(answer.logStats.byLevel, Object.fromEntries(answer.logLevels.map((level) => [level, count((r) => r.level === level)])));
  assert.equal(answer.logStats.typeCounts, answer.logTypes.map((key) => ({ key, count: answer.logStats.byType[key] })));
  assert.equal(answer.logStats.levelCounts, answer.logLevels.map((key) => ({ key, count: answer.logStats.byLevel[key] })));
  assert.is(answer.logStats.lastAt, new Date(Math.max(...rows.map((r) => r.at.getTime()))).toISOString());
  const edge = await graphql<{ logStats: { total: number; byType: Record<string, number>; lastAt: string } }>(ctx.fx.url,
    'query($d: ID) { logStats(filter: { deviceId: $d, type: session }) { total byType lastAt } }', { d: ctx.edge });
  assert.is(edge.logStats.total, 1);
  assert.is(edge.logStats.byType['session'], 1);
  assert.is(edge.logStats.byType['connection'], 0);
  assert.is(edge.logStats.lastAt, '2026-03-02T10:00:01.000Z');
});

logs('a scoped reader: pages, stats and a job’s log hold only lines of its devices and jobs', async (ctx) => {
  const { lines } = await allPages(ctx, {}, 2, ctx.scoped);
  assert.ok(lines.length > 0);
  assert.ok(lines.every((l) => l.deviceId !== ctx.edge && l.jobId !== ctx.edgeJob), JSON.stringify(lines));
  assert.ok(lines.some((l) => l.deviceId === ctx.core) && lines.some((l) => l.jobId === ctx.coreJob && l.deviceId === null));
  const stats = await call<{ logStats: { total: number } }>(ctx.fx.url, ctx.scoped, '{ logStats { total } }');
  assert.is(stats.data?.logStats.total, lines.length, 'the count agrees with the pages');
  const edge = await call<Page>(ctx.fx.url, ctx.scoped, PAGE, { f: { deviceId: ctx.edge } });
  assert.equal(edge.data?.logs.nodes, []);
});

logs('Job.logs: the job’s own log in the order it happened, bounded by first', async (ctx) => {
  const { job } = await graphql<{ job: { logs: Array<{ message: string; type: string }> } }>(ctx.fx.url,
    'query($id: ID!) { job(id: $id) { logs { message type } } }', { id: ctx.edgeJob });
  assert.equal(job.logs.map((l) => l.message).slice(0, 2), ['Backup job scheduled by user:admin for device ' + ctx.edge, 'Job dispatched to 1 device(s)']);
  assert.equal(job.logs.slice(2).map((l) => l.message), ['[auth] login refused', 'CONFIG captured: 80 characters']);
  const bounded = await graphql<{ job: { logs: unknown[] } }>(ctx.fx.url, 'query($id: ID!) { job(id: $id) { logs(first: 3) { message } } }', { id: ctx.edgeJob });
  assert.is(bounded.job.logs.length, 3);
});

logs('bad input: a foreign cursor, backward paging, an empty time range, an unknown type', async (ctx) => {
  const refused = async (query: string, variables: Record<string, unknown>, field: string | undefined) => {
    const answer = await call(ctx.fx.url, ctx.fx.authorization.slice(7), query, variables);
    assert.is(codeOf(answer), field === undefined ? 'GRAPHQL_VALIDATION_FAILED' : 'BAD_USER_INPUT', JSON.stringify(answer));
    if (field) assert.is((answer.errors?.[0]?.extensions as { field?: string } | undefined)?.field, field, JSON.stringify(answer));
  };
  await refused('query($a: String) { logs(after: $a) { nodes { id } } }', { a: 'not-a-cursor' }, 'after');
  await refused('{ logs(last: 5) { nodes { id } } }', {}, 'last');
  await refused('{ logs(first: 1001) { nodes { id } } }', {}, 'first');
  await refused('query($f: LogFilter) { logs(filter: $f) { nodes { id } } }', { f: { since: '2026-03-02T00:00:00Z', until: '2026-03-01T00:00:00Z' } }, 'filter.since');
  await refused('query($f: LogFilter) { logStats(filter: $f) { total } }', { f: { text: 'x'.repeat(201) } }, 'filter.text');
  const unknownType = await call(ctx.fx.url, ctx.fx.authorization.slice(7), '{ logs(filter: { type: kernel }) { nodes { id } } }');
  assert.ok(unknownType.errors?.length && unknownType.errors[0]?.extensions?.code !== 'INTERNAL_SERVER_ERROR', JSON.stringify(unknownType));
});

logs.run();
