import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigQueries, systemActor } from '@netraven/application';
import { ValidationError } from '@netraven/domain';
import { configTextsOf } from '@netraven/projections';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, createUser, login, registerDevice } from './access-fixture.js';
import { storeVersion } from './config-fixture.js';

// Configs through the gateway on real parts (Git repository, read models): tag scopes, the guard on slow searches,
// history paging in bounded steps.

interface World {
  fx: GatewayFixture;
  core: string;
  edge: string;
  coreCommits: string[];
  edgeCommit: string;
  scopedToken: string;
}

const it = suite<World>('configs: scope, guards and history paging');

const config = (hostname: string, extra: string[] = []): string => ['version 17.9', `hostname ${hostname}`, 'ip domain name lab.test', ...extra, 'end', ''].join('\n');

it.before(async (w) => {
  w.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(w.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  w.core = await registerDevice(w.fx, createCredential.id, ['core']);
  w.edge = await registerDevice(w.fx, createCredential.id, ['edge']);
  w.coreCommits = [
    await storeVersion(w.fx, w.core, config('core-1', ['ntp server 10.0.0.1'])),
    await storeVersion(w.fx, w.core, config('core-1', ['ntp server 10.0.0.2'])),
    await storeVersion(w.fx, w.core, config('core-1', ['ntp server 10.0.0.3'])),
  ];
  w.edgeCommit = await storeVersion(w.fx, w.edge, config('edge-1', ['ntp server 10.0.0.1', ...Array.from({ length: 50_000 }, (_, i) => `! filler ${i}`)]));
  const scoped = await createUser(w.fx, 'scoped-viewer', 'VIEWER', ['core']);
  w.scopedToken = (await login(w.fx.url, 'scoped-viewer', scoped.password)).accessToken;
});

it.after(async (w) => {
  await w.fx.dispose();
});

const SEARCH = 'query($q: String!, $history: Boolean) { searchConfigs(query: $q, history: $history) { nodes { device { id } commit } } }';

it('a scoped reader searches and diffs only the devices of its tags', async (w) => {
  const latest = await call<{ searchConfigs: { nodes: Array<{ device: { id: string } }> } }>(w.fx.url, w.scopedToken, SEARCH, { q: 'ntp server' });
  assert.equal(latest.data?.searchConfigs.nodes.map((n) => n.device.id), [w.core]);
  const history = await call<{ searchConfigs: { nodes: Array<{ device: { id: string }; commit: string }> } }>(w.fx.url, w.scopedToken, SEARCH, { q: 'ntp server', history: true });
  assert.equal(history.data?.searchConfigs.nodes.map((n) => n.commit).sort(), [...w.coreCommits].sort());
  const admin = await graphql<{ searchConfigs: { nodes: Array<{ device: { id: string } }> } }>(w.fx.url, SEARCH, { q: 'ntp server' });
  assert.equal(admin.searchConfigs.nodes.map((n) => n.device.id).sort(), [w.core, w.edge].sort());
  const diff = await call(w.fx.url, w.scopedToken, 'query($f: ConfigRef!, $t: ConfigRef!) { configDiff(from: $f, to: $t) { unified } }',
    { f: { deviceId: w.edge, commit: w.edgeCommit }, t: { deviceId: w.core, commit: w.coreCommits[0] } });
  assert.equal(diff.errors?.[0]?.extensions, { code: 'NOT_FOUND', field: 'from.deviceId' });
});

it("a snapshot's diff against another device's commit is not found, against its own earlier one it is the change", async (w) => {
  const query = 'query($id: ID!, $at: DateTime!, $against: String) { device(id: $id) { configAt(at: $at) { diff(against: $against) { unified stats { added removed } } } } }';
  const at = new Date().toISOString();
  const foreign = await call(w.fx.url, w.fx.authorization.slice(7), query, { id: w.core, at, against: w.edgeCommit });
  assert.equal(foreign.errors?.[0]?.extensions, { code: 'NOT_FOUND', field: 'against' });
  const own = await graphql<{ device: { configAt: { diff: { unified: string; stats: { added: number; removed: number } } } } }>(w.fx.url, query, { id: w.core, at, against: w.coreCommits[0] });
  assert.equal(own.device.configAt.diff.stats, { added: 1, removed: 1 });
  assert.match(own.device.configAt.diff.unified, /^-ntp server 10\.0\.0\.1$/m);
  assert.match(own.device.configAt.diff.unified, /^\+ntp server 10\.0\.0\.3$/m);
});

it('a search that outlasts the statement timeout is refused as input, not served or failed', async (w) => {
  const queries = new ConfigQueries(w.fx.db, configTextsOf(w.fx.git), { searchTimeoutMs: 5 });
  try {
    // Backreferences over whole lines make PostgreSQL backtrack (~4 ms for one 19-character line here, the edge
    // device has 50,000): no host finishes it in 5 ms. An unanchored pattern ending in a letter no line holds was
    // rejected line by line almost at once and sometimes finished in time on a fast host.
    await queries.searchConfigs(systemActor('test'), { query: '^(.*)(.*)(.*)(.*)(.*)\\5\\4\\3\\2\\1$', regex: true });
    assert.unreachable('the search was not stopped');
  } catch (error) {
    assert.instance(error, ValidationError);
    assert.is((error as ValidationError).field, 'query');
    assert.match((error as ValidationError).message, /took longer than 5 ms/);
  }
});

it('history search reads a bounded number of versions per page and pages through all of them', async (w) => {
  const queries = new ConfigQueries(w.fx.db, configTextsOf(w.fx.git), { historyScanLimit: 1 });
  const commits: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 10; page++) {
    const result = await queries.searchConfigs(systemActor('test'), { query: 'ntp server', history: true, ...(after ? { after } : {}) });
    assert.ok(result.nodes.length <= 1);
    commits.push(...result.nodes.map((n) => n.commit));
    if (!result.hasNextPage) break;
    after = result.endCursor ?? undefined;
  }
  assert.equal(commits.sort(), [...w.coreCommits, w.edgeCommit].sort());
});

it.run();
