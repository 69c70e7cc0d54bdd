import { performance } from 'node:perf_hooks';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually } from '@netraven/infra/testing';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { registerDevice } from './access-fixture.js';
import { storeVersions } from './history-fixture.js';

// Issue 14: a device with 1,000 versions pages its snapshots and diffs its first version against its last fast,
// through the GraphQL API on a real repository and read models (no history walk on the request path).

interface World { fx: GatewayFixture; device: string; commits: string[] }

const it = suite<World>('history at scale: 1,000 versions of one device');
const VERSIONS = 1000;

/** About 300 lines; each version changes a description and a banner line, and every tenth adds an ACL entry. */
const configOf = (v: number): string => {
  const lines = ['version 17.9', 'hostname core-1', `banner motd ^C revision ${v} ^C`];
  for (let i = 0; i < 48; i++) lines.push(`interface GigabitEthernet1/0/${i + 1}`, ` description uplink-${i}-rev-${i === v % 48 ? v : Math.floor(v / 48)}`, ' switchport mode access', '!');
  lines.push('ip access-list extended EDGE');
  for (let i = 0; i < Math.floor(v / 10); i++) lines.push(` permit tcp host 10.0.${i >> 8}.${i & 255} any eq 22`);
  return [...lines, 'end', ''].join('\n');
};

interface SnapshotPage { device: { snapshots: { nodes: Array<{ commit: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } }
interface Hunk { oldStart: number; oldLines: number; lines: Array<{ kind: string; oldNumber: number | null; text: string }> }

/** The new text rebuilt from the old one and the hunks, each removed or kept line checked against the old text. */
function applyHunks(oldText: string, hunks: readonly Hunk[]): string {
  const old = oldText.split('\n');
  const out: string[] = [];
  let next = 0;
  for (const hunk of hunks) {
    const upTo = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    out.push(...old.slice(next, upTo));
    next = upTo;
    for (const line of hunk.lines) {
      if (line.kind !== 'ADDED') {
        assert.is(old[next], line.text, `old line ${next + 1}`);
        assert.is(line.oldNumber, next + 1);
        next++;
      }
      if (line.kind !== 'REMOVED') out.push(line.text);
    }
  }
  return [...out, ...old.slice(next)].join('\n');
}

it.before(async (w) => {
  w.fx = await openGatewayFixture();
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(w.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  w.device = await registerDevice(w.fx, createCredential.id, ['core']);
  w.commits = await storeVersions(w.fx, w.device, VERSIONS, configOf);
  await eventually(`${VERSIONS} snapshots in the read model`, async () => {
    const row = await w.fx.db.selectFrom('snapshots').where('device_id', '=', w.device).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n) === VERSIONS ? true : undefined;
  }, 120_000);
});

it.after(async (w) => {
  await w.fx.dispose();
});

it('1,000 versions page 100 at a time, newest first, each commit once', async (w) => {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const { device }: SnapshotPage = await graphql<SnapshotPage>(w.fx.url,
      'query($id: ID!, $after: String) { device(id: $id) { snapshots(first: 100, after: $after) { nodes { commit } pageInfo { hasNextPage endCursor } } } }',
      { id: w.device, after });
    seen.push(...device.snapshots.nodes.map((n) => n.commit));
    after = device.snapshots.pageInfo.hasNextPage ? device.snapshots.pageInfo.endCursor : null;
  } while (after !== null);
  assert.equal(seen, [...w.commits].reverse());
});

it('the diff of the first version against the last answers in under a second and is the change', async (w) => {
  const query = 'query($f: ConfigRef!, $t: ConfigRef!) { configDiff(from: $f, to: $t) { stats { added removed } hunks { oldStart oldLines lines { kind oldNumber text } } } }';
  const variables = { f: { deviceId: w.device, commit: w.commits[0] }, t: { deviceId: w.device, commit: w.commits.at(-1) } };
  const started = performance.now();
  const { configDiff } = await graphql<{ configDiff: { stats: { added: number; removed: number }; hunks: Hunk[] } }>(w.fx.url, query, variables);
  const ms = performance.now() - started;
  assert.ok(ms < 1000, `configDiff took ${Math.round(ms)} ms`);
  assert.is(applyHunks(configOf(0), configDiff.hunks), configOf(VERSIONS - 1));
  // 99 ACL lines added; the banner and each description changed once.
  assert.equal(configDiff.stats, { added: 99 + 1 + 48, removed: 1 + 48 });
});

it.run();
