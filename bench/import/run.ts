// bench/import: inventory import through the GraphQL API (`importDevices`) of an embedded NetRaven,
// from an empty inventory, then the same file again (idempotent). One JSON line per figure.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { startNetRaven, systemActor } from '@netraven/cli';
import { report } from '../support/metrics.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' } } });
const ADMIN_PASSWORD = randomBytes(12).toString('hex');

async function call<T>(url: string, token: string | undefined, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

const IMPORT = `mutation($input: ImportDevicesInput!) { importDevices(input: $input) { imported unchanged refused errors { line field reason } } }`;

async function runSize(size: number): Promise<void> {
  const database = await freshTestDatabase('netraven_bench_import');
  const dataDir = await tempDir('netraven-bench-import-');
  const netraven = await startNetRaven(loadConfig({
    DATABASE_URL: database.connectionString, NETRAVEN_DATA_DIR: dataDir.path, PORT: '0',
    NETRAVEN_ADMIN_PASSWORD: ADMIN_PASSWORD, NETRAVEN_LOG_LEVEL: 'error', NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'),
  }), createLogger('bench-import', 'error'));
  try {
    const url = netraven.graphqlUrl;
    const { login } = await call<{ login: { accessToken: string } }>(url, undefined,
      'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: 'admin', password: ADMIN_PASSWORD } });
    await netraven.commands.createCredential(systemActor('bench'), { name: 'lab', username: 'netops', password: 'secret-password' });
    const devices = Array.from({ length: size }, (_unused, i) => ({
      name: `rtr-${String(i).padStart(6, '0')}`, host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, port: 22,
      platform: 'cisco_ios', credential: 'lab', tags: [`site-${i % 50}`], line: i + 2,
    }));
    const bodyMiB = Buffer.byteLength(JSON.stringify({ query: IMPORT, variables: { input: { devices } } })) / 1024 / 1024;
    const cpuBefore = process.cpuUsage();
    let started = Date.now();
    const first = await call<{ importDevices: { imported: number; refused: number } }>(url, login.accessToken, IMPORT, { input: { devices } });
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (first.importDevices.imported !== size) throw new Error(`imported ${first.importDevices.imported} of ${size}`);
    report('import.devices_per_second', size / seconds, 'devices/s', { devices: size, requestMiB: Math.round(bodyMiB * 10) / 10 });
    report('import.seconds', seconds, 's', { devices: size });
    report('import.cpu_ms_per_device', (cpu.user + cpu.system) / 1000 / size, 'ms', { devices: size });
    started = Date.now();
    const again = await call<{ importDevices: { unchanged: number } }>(url, login.accessToken, IMPORT, { input: { devices } });
    if (again.importDevices.unchanged !== size) throw new Error(`re-import: ${again.importDevices.unchanged} of ${size} unchanged`);
    report('import.reimport_seconds', (Date.now() - started) / 1000, 's', { devices: size });
  } finally {
    await netraven.stop();
    await database.drop();
    await dataDir.remove();
  }
}

for (const size of values.sizes!.split(',').map(Number)) await runSize(size);
