// bench/api: how fast the GraphQL API answers the devices page an operator's screen asks for
// (100 devices with their last backup and the total count) over 10,000 devices, on a fresh database.
// One JSON line per figure (see bench/support/metrics.ts).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { parseRoles, startNetRaven } from '@netraven/cli';
import { percentile, report } from '../support/metrics.js';
import { seedDevicesWithLastBackup } from './seed.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '50' },
    'page-size': { type: 'string', default: '100' },
  },
});
const devices = Number(values.devices);
const pageSize = Number(values['page-size']);
const ADMIN_PASSWORD = randomBytes(12).toString('hex');

const PAGE = `query($first: Int, $after: String) { devices(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id name host platform tags status lastBackupStatus lastBackupAt lastBackup { jobId status finishedAt changed errorCategory } }
} }`;
interface DevicesPage { devices: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

async function post<T>(url: string, token: string | undefined, query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

const database = await freshTestDatabase('netraven_bench_api');
const dataDir = await tempDir('netraven-bench-api-');
const environment = {
  DATABASE_URL: database.connectionString, NETRAVEN_DATA_DIR: dataDir.path, NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'),
  NETRAVEN_ADMIN_PASSWORD: ADMIN_PASSWORD, NETRAVEN_LOG_LEVEL: 'error', PORT: '0',
};
const netraven = await startNetRaven(loadConfig(environment), createLogger('bench', 'error'), parseRoles('gateway,projector'));
try {
  const seedStarted = performance.now();
  await seedDevicesWithLastBackup(netraven, devices);
  report('api.seed_seconds', (performance.now() - seedStarted) / 1000, 's', { devices, via: 'importDevices + job decider outcomes' });
  const login = await post<{ login: { accessToken: string } }>(netraven.graphqlUrl, undefined, 'mutation($p: String!) { login(input: { username: "admin", password: $p }) { accessToken } }', { p: ADMIN_PASSWORD });
  const token = login.data?.login.accessToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(login)}`);

  // Every page's cursor, so the measured requests read shallow and deep pages alike (keyset: the same cost).
  const cursors: Array<string | null> = [null];
  for (let after: string | null = null; ;) {
    const answer: { data?: DevicesPage; errors?: unknown[] } = await post<DevicesPage>(netraven.graphqlUrl, token, PAGE, { first: pageSize, after });
    const page: DevicesPage['devices'] | undefined = answer.data?.devices;
    if (!page) throw new Error(JSON.stringify(answer.errors));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
    cursors.push(after);
  }
  // Pages and the smallest authenticated request (`me`) alternate, so the floor of this machine at
  // this moment (HTTP, sign-in check, GraphQL) is measured under the same load as the pages.
  const timings: number[] = [];
  const floor: number[] = [];
  const total = Number(values.warmup) + Number(values.requests);
  for (let i = 0; i < total; i++) {
    const after = cursors[(i * 7) % cursors.length] ?? null;
    let started = performance.now();
    const answer = await post<DevicesPage>(netraven.graphqlUrl, token, PAGE, { first: pageSize, after });
    const elapsed = performance.now() - started;
    if (answer.errors || answer.data?.devices.nodes.length === 0) throw new Error(JSON.stringify(answer.errors));
    started = performance.now();
    await post(netraven.graphqlUrl, token, '{ me { username } }', {});
    if (i >= Number(values.warmup)) {
      timings.push(elapsed);
      floor.push(performance.now() - started);
    }
  }
  const extra = { devices, pageSize, requests: timings.length, pages: cursors.length, fields: 'nodes with lastBackup, totalCount, pageInfo' };
  report('api.devices_page_p50', percentile(timings, 50), 'ms', extra);
  report('api.devices_page_p99', percentile(timings, 99), 'ms', { ...extra, target: 50 });
  report('api.me_request_p50', percentile(floor, 50), 'ms', { note: 'the floor: the smallest authenticated request, measured alongside' });
  report('api.me_request_p99', percentile(floor, 99), 'ms');
} finally {
  await netraven.stop();
  await database.drop();
  await dataDir.remove();
}
