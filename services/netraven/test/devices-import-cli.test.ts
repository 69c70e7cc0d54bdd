import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStandalone, type StandaloneFixture } from './standalone-fixture.js';
import { graphql, signIn } from './graphql-client.js';
import { runOperatorCommand, type OperatorRun } from './cli-process.js';


type Run = OperatorRun;
interface Ctx { fx: StandaloneFixture; token: string }

/** `netraven devices import ...` as an operator runs it: NETRAVEN_TOKEN in the environment, stderr not a terminal. */
function cli(args: string[], token: string | undefined): Promise<Run> {
  return runOperatorCommand(['devices', 'import', ...args], token);
}

async function eventCount(fx: StandaloneFixture): Promise<number> {
  const client = new pg.Client({ connectionString: fx.databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('select count(*) as n from eventstore.events')).rows[0]?.n);
  } finally {
    await client.end();
  }
}

const deviceNames = async (url: string): Promise<string[]> =>
  (await graphql<{ devices: { nodes: Array<{ name: string }> } }>(url, '{ devices(first: 1000) { nodes { name } } }')).devices.nodes.map((d) => d.name).sort();

const test = suite<Ctx>('netraven devices import: the CLI as a GraphQL client of a running NetRaven');

test.before(async (ctx) => {
  ctx.fx = await openStandalone();
  await graphql(ctx.fx.url, 'mutation { createCredential(input: { name: "lab ro", username: "netops", password: "device-secret" }) { id } }');
  ctx.token = await signIn(ctx.fx.url);
});
test.after(async (ctx) => {
  await ctx.fx.dispose();
});

const csv = (count: number): string => ['name,host,port,platform,credential,tags',
  ...Array.from({ length: count }, (_v, i) => `sw-${i},10.2.${Math.floor(i / 200)}.${(i % 200) + 1},22,cisco_ios,lab ro,core;site-${i % 3}`)].join('\n');

test('a refused CSV: every fault as "line N, field F", exit 1, nothing appended', async ({ fx, token }) => {
  const file = join(fx.dataDir.path, 'bad.csv');
  await writeFile(file, [
    'name,host,port,platform,credential,tags',
    'ok-1,10.0.0.1,22,cisco_ios,lab ro,core',
    '',
    'bad-host,not a host!,22,cisco_ios,lab ro,core',
    'ok-1,10.0.0.2,22,cisco_ios,lab ro,core',
    'bad-port,10.0.0.3,twenty,cisco_ios,nope,core|edge',
  ].join('\n'));
  const before = await eventCount(fx);
  const run = await cli([file, '--url', fx.url, '--chunk-size', '2'], token);
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stderr, /line 4, field host: /);
  assert.match(run.stderr, /line 5, field name: duplicate: the name "ok-1" is already used on line 2/);
  assert.match(run.stderr, /line 6, field port: /);
  assert.match(run.stderr, /line 6, field credential: no credential is named "nope"/);
  assert.match(run.stderr, /3 of 4 rows refused; nothing was imported/);
  assert.is(await eventCount(fx), before);
});

test('a name used twice within one chunk is reported once (the file check and NetRaven both find it)', async ({ fx, token }) => {
  const file = join(fx.dataDir.path, 'twice.csv');
  await writeFile(file, ['name,host,port,platform,credential,tags', 'twin,10.0.1.1,22,cisco_ios,lab ro,core', 'twin,10.0.1.2,22,cisco_ios,lab ro,core'].join('\n'));
  const run = await cli([file, '--url', fx.url], token);
  assert.is(run.code, 1, run.stderr);
  const faults = run.stderr.split('\n').filter((l) => l.startsWith('line '));
  assert.equal(faults, ['line 3, field name: duplicate: the name "twin" is already used on line 2'], run.stderr);
  assert.match(run.stderr, /1 of 2 rows refused; nothing was imported/);
});

test('a good CSV in chunks with progress; importing it again leaves it unchanged', async ({ fx, token }) => {
  const file = join(fx.dataDir.path, 'good.csv');
  await writeFile(file, csv(250));
  const dry = await cli([file, '--dry-run', '--url', fx.url, '--chunk-size', '100'], token);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /dry run: 250 devices would be imported, 0 unchanged/);
  assert.equal(await deviceNames(fx.url), []);

  const run = await cli([file, '--url', fx.url, '--chunk-size', '100'], token);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /imported 250 devices, 0 unchanged/);
  assert.match(run.stderr, /importing: 250\/250 rows/);
  assert.is((await deviceNames(fx.url)).length, 250);
  const { devices: { nodes: devices } } = await graphql<{ devices: { nodes: Array<{ tags: string[] }> } }>(fx.url, '{ devices(tag: "site-1") { nodes { tags } } }');
  assert.ok(devices.length > 0 && devices.every((d) => d.tags.includes('core')));

  const before = await eventCount(fx);
  const again = await cli([file, '--url', fx.url], token);
  assert.is(again.code, 0, again.stderr);
  assert.match(again.stdout, /imported 0 devices, 250 unchanged/);
  assert.is(await eventCount(fx), before);
});

test('JSON with its real line numbers; no token: UNAUTHENTICATED, exit 2', async ({ fx, token }) => {
  const file = join(fx.dataDir.path, 'inv.json');
  await writeFile(file, JSON.stringify([
    { name: 'j-1', host: '10.3.0.1', platform: 'cisco_ios', credential: 'lab ro', tags: ['core'] },
    { name: 'j-2', host: '10.3.0.2', platform: 'nokia_x', credential: 'lab ro', tags: 'core' },
  ], null, 2));
  const refused = await cli([file, '--url', fx.url], token);
  assert.is(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /line 11, field platform: unknown platform "nokia_x"/);
  const anonymous = await cli([file, '--url', fx.url], undefined);
  assert.is(anonymous.code, 2);
  assert.match(anonymous.stderr, /UNAUTHENTICATED/);
});

test.run();
