import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { replayJob } from '@netraven/application';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { eventually, freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { findJob, jobDevices } from '@netraven/projections';
import { startNetRaven } from '../src/standalone.js';
import { parseRoles } from '../src/composition/roles.js';
import { createCredential, registerDevice, runBackup } from './standalone-fixture.js';
import { deleteStream } from './nats-cleanup.js';
import { graphql, signIn, TEST_ADMIN_PASSWORD } from './graphql-client.js';
import { expectedStatesAt, type Node } from './audit-expectations.js';

const here = dirname(fileURLToPath(import.meta.url));
const cliSource = join(here, '..', 'src', 'cli.ts');
const BIN = join(here, '..', 'bin', 'netraven.mjs');
const natsUrl = process.env.NETRAVEN_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const FLAKY = 'flaky';

const HISTORY = `query($id: ID!, $after: String) { job(id: $id) { history(first: 7, after: $after) {
  nodes { position stream type at actor correlationId causationId data } pageInfo { hasNextPage endCursor } } } }`;
const STATE_FIELDS = 'status deviceCount succeeded failed devices { nodes { deviceId status attempts errorCategory commit changed } }';

async function history(url: string, jobId: string): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | undefined;
  for (;;) {
    const { job } = await graphql<{ job: { history: { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(url, HISTORY, { id: jobId, ...(after ? { after } : {}) });
    nodes.push(...job.history.nodes);
    if (!job.history.pageInfo.hasNextPage) return nodes;
    after = job.history.pageInfo.endCursor;
  }
}

/** `netraven audit job ...` as an operator runs it. */
function audit(args: string[], token: string | undefined): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'audit', 'job', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...(token ? { NETRAVEN_TOKEN: token } : {}) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

/** The flaky device drops its first session halfway through the config, then heals: one transient failure, then a retry. */
async function healAfterFirstDrop(lab: DeviceLab): Promise<void> {
  await eventually('the flaky device to be connected to', async () => (lab.openConnections(FLAKY) > 0 ? true : undefined), 60_000, 5);
  await eventually('the flaky device to drop its first session', async () => (lab.openConnections(FLAKY) === 0 ? true : undefined), 60_000, 5);
  lab.setFaults(FLAKY, { commandLatencyMs: 100 });
}

test('a job with a retry and a worker killed mid-task: history explains every step, stateAt replays it, the fold equals the read model, the CLI prints it', async () => {
  const database = await freshTestDatabase('netraven_audit');
  const dataDir = await tempDir('netraven-audit-');
  const suffix = randomBytes(4).toString('hex');
  const environment: Record<string, string> = {
    DATABASE_URL: database.connectionString, NETRAVEN_DATA_DIR: dataDir.path, NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    NATS_URL: natsUrl, NETRAVEN_NATS_STREAM: `NETRAVEN_AUDIT_${suffix}`, NETRAVEN_NATS_SUBJECT: `netraven.audit.${suffix}`,
    NETRAVEN_NATS_DURABLE: `audit_${suffix}`, NETRAVEN_NATS_ACK_WAIT_MS: '2000', NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'),
    NETRAVEN_WORKER_CONCURRENCY: '1', NETRAVEN_RETRIES: '1', NETRAVEN_RETRY_BACKOFF_MS: '1500', NETRAVEN_LOG_LEVEL: 'warn', PORT: '0',
  };
  const lab = await startDeviceLab({
    devices: [
      { name: FLAKY, faults: { commandLatencyMs: 100, dropDuringConfig: true } },
      ...Array.from({ length: 5 }, (_v, i) => ({ name: `steady-${i + 1}`, faults: { commandLatencyMs: 400 } })),
    ],
  });
  const control = await startNetRaven(loadConfig(environment), createLogger('control', 'warn'), parseRoles('gateway,projector,scheduler'));
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      workers.push(spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cliSource, 'start', '--roles', 'worker'], {
        env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'inherit'],
      }));
    }
    const url = control.graphqlUrl;
    const labDevice = lab.devices[0]!;
    const credentialId = await createCredential(url, labDevice.username, labDevice.password, labDevice.enablePassword);
    const ids = new Map<string, string>();
    for (const device of lab.devices) {
      ids.set(device.name, await registerDevice(url, credentialId, { name: device.name, host: device.host, port: device.port, tags: ['fleet'] }));
    }
    const healed = healAfterFirstDrop(lab);
    const finished = runBackup(url, { tags: ['fleet'] }, 120_000);

    // Kill a worker while it backs up a steady device: its task is redelivered to the other worker.
    const pids = new Map(workers.map((w) => [`/${w.pid}`, w]));
    let lastSeen = '';
    const victim = await eventually('a worker to be mid-backup of a steady device', async () => {
      const rows = await control.db.selectFrom('job_devices').select(['device_id', 'worker_id', 'status', 'started_at']).execute();
      // Started moments ago: a session of this lab takes longer, so the device is surely still in the worker's hands.
      const busy = rows.find((r) => r.status === 'RUNNING' && r.device_id !== ids.get(FLAKY) && Date.now() - (r.started_at?.getTime() ?? 0) < 1000
        && [...pids.keys()].some((p) => r.worker_id?.endsWith(p)));
      if (!busy) lastSeen = JSON.stringify(rows);
      return busy ? { deviceId: busy.device_id, worker: [...pids.entries()].find(([p]) => busy.worker_id?.endsWith(p))![1] } : undefined;
    }, 60_000, 10).catch((error: unknown) => {
      throw new Error(`${String(error)}; workers ${[...pids.keys()].join(' ')}; job devices ${lastSeen}`);
    });
    victim.worker.kill('SIGKILL');
    const job = await finished;
    await healed;
    assert.is(job.status, 'COMPLETED', JSON.stringify(job.devices));

    // history: every step, in log order, across the job, its log and its devices.
    const nodes = await eventually('the trail to end with the completion', async () => {
      const all = await history(url, job.id);
      return all.at(-1)?.type === 'JobCompleted' ? all : undefined;
    });
    assert.ok(nodes.every((n, i) => i === 0 || n.position > nodes[i - 1]!.position), 'global order');
    assert.is(nodes[0]!.type, 'BackupScheduled');
    assert.is(nodes[0]!.actor, 'user:admin');
    assert.is(nodes.find((n) => n.type === 'JobDispatched')?.actor, 'system:scheduler');
    assert.ok(nodes.every((n) => n.correlationId === job.id), 'the whole trail shares the job id as correlation');
    const about = (deviceId: string) => nodes.filter((n) => n.data['deviceId'] === deviceId && n.stream === `job-${job.id}`).map((n) => `${n.type}:${String(n.data['attempt'] ?? '')}`);
    assert.equal(about(victim.deviceId), ['DeviceBackupStarted:1', 'DeviceBackupStarted:2', 'SnapshotRecorded:'], 'a crash redelivery: started again, one outcome');
    const flakyLog = nodes.filter((n) => n.type === 'JobLogRecorded').flatMap((n) => n.data['entries'] as Array<{ deviceId: string; message: string }>)
      .filter((e) => e.deviceId === ids.get(FLAKY));
    assert.ok(flakyLog.some((e) => /^Attempt 1 failed \[protocol\]/.test(e.message)), `the retry is in the job log: ${JSON.stringify(flakyLog)}`);
    assert.equal(about(ids.get(FLAKY)!), ['DeviceBackupStarted:1', 'SnapshotRecorded:'], 'a retry inside one delivery');
    assert.is(nodes.filter((n) => n.type === 'DeviceHostKeyPinned').length, lab.devices.length, 'each first backup pinned its host key');
    const text = JSON.stringify(nodes);
    for (const secret of [labDevice.password, labDevice.enablePassword ?? 'none', ...lab.devices.flatMap((d) => d.plantedSecrets)]) {
      assert.not.ok(text.includes(secret), 'no secret in the trail');
    }

    // stateAt: the state after each of several positions, as the trail says it must be.
    const jobPositions = nodes.filter((n) => n.stream === `job-${job.id}`).map((n) => n.position);
    const checkpoints = [...new Set([jobPositions[0]!, jobPositions[1]!, jobPositions[2]!, jobPositions[Math.floor(jobPositions.length / 2)]!, jobPositions.at(-2)!, jobPositions.at(-1)!])];
    for (const position of checkpoints) {
      const { job: at } = await graphql<{ job: { stateAt: unknown } }>(url, `query($id: ID!, $p: Int) { job(id: $id) { stateAt(position: $p) { ${STATE_FIELDS} } } }`, { id: job.id, p: position });
      assert.equal(at.stateAt, expectedStatesAt(nodes, position), `state at position ${position}`);
    }
    const redelivered = nodes.find((n) => n.data['deviceId'] === victim.deviceId && n.data['attempt'] === 2)!;
    const { job: mid } = await graphql<{ job: { stateAt: { status: string; devices: { nodes: Array<{ deviceId: string; status: string; attempts: number }> } } } }>(url,
      `query($id: ID!, $at: DateTime) { job(id: $id) { stateAt(at: $at) { ${STATE_FIELDS} } } }`, { id: job.id, at: redelivered.at });
    assert.is(mid.stateAt.status, 'RUNNING');
    assert.equal(mid.stateAt.devices.nodes.find((d) => d.deviceId === victim.deviceId), { ...mid.stateAt.devices.nodes.find((d) => d.deviceId === victim.deviceId)!, status: 'RUNNING', attempts: 2 });

    // Folding the whole history with the domain's evolve reproduces the read-model rows exactly.
    const replayed = replayJob(job.id, await control.store.readStream(`job-${job.id}`));
    assert.equal(replayed?.job, await findJob(control.db, job.id));
    assert.equal(replayed?.devices, await jobDevices(control.db, job.id));

    // The CLI: a readable timeline, the state at a point, JSON, and API errors with their code.
    const token = await signIn(url);
    const run = await audit([job.id, '--url', url, '--at', String(redelivered.position)], token);
    assert.is(run.code, 0, run.stderr);
    const victimName = [...ids.entries()].find(([, id]) => id === victim.deviceId)![0];
    assert.match(run.stdout, /user:admin asked for a backup of tags fleet/);
    assert.match(run.stdout, /dispatched by system:scheduler to 6 devices/);
    assert.match(run.stdout, new RegExp(`crash redelivery: ${victimName} started again, attempt 2 on worker \\S+ \\(attempt 1 on \\S+ ended without an outcome\\)`));
    assert.match(run.stdout, new RegExp(`retry: ${FLAKY}: Attempt 1 failed \\[protocol\\]`));
    assert.match(run.stdout, new RegExp(`${FLAKY} succeeded: commit [0-9a-f]{12} \\(changed\\)`));
    assert.match(run.stdout, /job completed: COMPLETED \(6 succeeded, 0 failed\)/);
    assert.match(run.stdout, new RegExp(`State at position ${redelivered.position}: RUNNING, 6 devices`));
    assert.match(run.stdout, new RegExp(`  ${victimName}: RUNNING, attempt 2`));
    const json = await audit([job.id, '--url', url, '--json'], token);
    assert.is(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { job: { id: string; status: string }; history: Node[] };
    assert.equal([parsed.job.id, parsed.job.status, parsed.history.length], [job.id, 'COMPLETED', nodes.length]);
    const missing = await audit(['no-such-job', '--url', url], token);
    assert.equal([missing.code, missing.stdout], [1, '']);
    assert.match(missing.stderr, /NOT_FOUND: job no-such-job not found/);
    const anonymous = await audit([job.id, '--url', url], undefined);
    assert.is(anonymous.code, 1);
    assert.match(anonymous.stderr, /UNAUTHENTICATED/);
    const badTime = await audit([job.id, '--url', url, '--at', 'yesterday-ish'], token);
    assert.is(badTime.code, 2);
  } finally {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.exitCode !== null || w.signalCode !== null ? resolve() : w.once('exit', () => resolve())))));
    await control.stop();
    await lab.close();
    await deleteStream(natsUrl, `NETRAVEN_AUDIT_${suffix}`);
    await database.drop();
    await dataDir.remove();
  }
});

test.run();
