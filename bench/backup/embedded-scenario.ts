// The embedded default as a user runs it: `netraven start` in its own process (embedded PostgreSQL,
// in-process queue, default settings), driven only through its GraphQL API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@netraven/infra/testing';
import { reportBackup } from './backup-report.js';
import { peakRssMiB } from './worker-process.js';
import type { LabDeviceInfo } from './lab-process.js';
import { postgresCpuMs, processCpuMs } from './process-cpu.js';

const cli = fileURLToPath(new URL('../../services/netraven/src/cli.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function graphql<T>(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** The embedded default: no external database, queue or event store, whatever the caller's shell has set. */
function withoutExternalServices(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, NATS_URL: _nats, ESDB_URL: _esdb, ...rest } = environment;
  return rest;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runEmbeddedScenario(lab: readonly LabDeviceInfo[], tag: string, labPid: number): Promise<number> {
  const dataDir = await tempDir('netraven-bench-embedded-');
  const [port, pgPort] = [await freePort(), await freePort()];
  const password = randomBytes(12).toString('hex');
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '--conditions=source', '--import', 'tsx', cli, 'start'], {
    env: { ...withoutExternalServices(process.env), NETRAVEN_DATA_DIR: dataDir.path, PORT: String(port), NETRAVEN_EMBEDDED_PG_PORT: String(pgPort),
      NETRAVEN_ADMIN_PASSWORD: password, NETRAVEN_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    for (const started = Date.now(); ; await delay(200)) {
      const ready = await fetch(url.replace('/graphql', '/readyz')).then((r) => r.ok, () => false);
      if (ready) break;
      if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error('netraven start did not become ready');
    }
    const { login } = await graphql<{ login: { accessToken: string } }>(url, undefined,
      'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: 'admin', password } });
    const token = login.accessToken;
    const first = lab[0]!;
    await graphql(url, token, 'mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }',
      { input: { name: 'lab', username: first.username, password: first.password, ...(first.enablePassword ? { enablePassword: first.enablePassword } : {}) } });
    for (let i = 0; i < lab.length; i += 10_000) {
      const devices = lab.slice(i, i + 10_000).map((d) => ({ name: d.name, host: d.host, port: d.port, platform: d.platform, credential: 'lab', tags: ['bench'] }));
      await graphql(url, token, 'mutation($input: ImportDevicesInput!) { importDevices(input: $input) { imported } }', { input: { devices } });
    }
    const cpuBefore = await processCpuMs(child.pid!);
    const pgBefore = await postgresCpuMs(dataDir.path);
    const labBefore = await processCpuMs(labPid);
    const started = Date.now();
    const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(url, token,
      'mutation { scheduleBackup(input: { tags: ["bench"] }) { id } }');
    let finished: { status: string; succeeded: number; failed: number } | undefined;
    while (!finished) {
      await delay(100);
      const { job } = await graphql<{ job: { status: string; succeeded: number; failed: number } }>(url, token,
        'query($id: ID!) { job(id: $id) { status succeeded failed } }', { id: scheduleBackup.id });
      if (['COMPLETED', 'FAILED'].includes(job.status)) finished = job;
      if (Date.now() - started > 15 * 60_000) throw new Error(`job ${scheduleBackup.id} did not finish in 15 minutes`);
    }
    const seconds = (Date.now() - started) / 1000;
    const cpuMs = (await processCpuMs(child.pid!)) - cpuBefore;
    const pgMs = (await postgresCpuMs(dataDir.path)) - pgBefore;
    const labMs = (await processCpuMs(labPid)) - labBefore;
    const rate = lab.length / seconds;
    const context = { scenario: tag, mode: 'embedded' } as const;
    reportBackup(context, 'backup.devices_per_second', rate, 'devices/s');
    reportBackup(context, 'backup.job_seconds', seconds, 's');
    reportBackup(context, 'backup.failed_devices', finished.failed, 'devices');
    // The embedded default's worker is `netraven start` itself: its peak is the whole process's.
    reportBackup(context, 'backup.worker_peak_rss', await peakRssMiB(child.pid!), 'MiB', { process: 'netraven start' });
    reportBackup(context, 'backup.cpu_ms_per_device', cpuMs / lab.length, 'ms', { processes: 'netraven start' });
    reportBackup(context, 'backup.postgres_cpu_ms_per_device', pgMs / lab.length, 'ms');
    reportBackup(context, 'backup.lab_cpu_ms_per_device', labMs / lab.length, 'ms');
    return rate;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await dataDir.remove();
  }
}

