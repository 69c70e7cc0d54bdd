import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { replayJob } from '@netraven/application';
import { eventually } from '@netraven/infra/testing';
import { findJob, jobDevices } from '@netraven/projections';
import { graphql, signIn } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice } from './standalone-fixture.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'netraven.mjs');

interface Node { position: number; type: string; actor: string; stream: string; data: Record<string, unknown> }
interface State { status: string; cancelled: number; devices: { nodes: Array<{ deviceId: string; status: string }> } }

const HISTORY = 'query($id: ID!) { job(id: $id) { history(first: 500) { nodes { position type actor stream data } } } }';
const STATE_AT = 'query($id: ID!, $p: Int) { job(id: $id) { stateAt(position: $p) { status cancelled devices { nodes { deviceId status } } } } }';

function auditCli(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'audit', 'job', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NETRAVEN_TOKEN: token },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

test('a cancelled job: the trail shows who cancelled and which devices, stateAt either side of it, the fold equals the read model, the CLI prints it', async () => {
  const lab: DeviceLab = await startDeviceLab({ devices: 4 });
  // Slow devices and one worker slot: one device runs while the others wait in the queue.
  for (const device of lab.devices) lab.setFaults(device.name, { commandLatencyMs: 400 });
  const fx = await openStandalone({ NETRAVEN_WORKER_CONCURRENCY: '1' });
  try {
    const first = lab.devices[0]!;
    const credentialId = await createCredential(fx.url, first.username, first.password, first.enablePassword);
    for (const device of lab.devices) await registerDevice(fx.url, credentialId, { name: device.name, host: device.host, port: device.port, tags: ['slow'] });
    const { scheduleBackup: job } = await graphql<{ scheduleBackup: { id: string } }>(fx.url, 'mutation { scheduleBackup(input: { tags: ["slow"] }) { id } }');
    await eventually('one device to be running', async () => {
      const { job: now } = await graphql<{ job: State }>(fx.url, 'query($id: ID!) { job(id: $id) { status cancelled devices { nodes { deviceId status } } } }', { id: job.id });
      return now.devices.nodes.some((d) => d.status === 'RUNNING') ? true : undefined;
    }, 30_000, 20);
    const { cancelJob } = await graphql<{ cancelJob: { status: string; cancelled: number } }>(fx.url, 'mutation($id: ID!) { cancelJob(id: $id) { status cancelled } }', { id: job.id });
    assert.ok(cancelJob.cancelled >= 1, `queued devices cancelled at once: ${cancelJob.cancelled}`);
    await eventually('the job to end CANCELLED', async () => {
      const { job: now } = await graphql<{ job: { status: string } }>(fx.url, 'query($id: ID!) { job(id: $id) { status } }', { id: job.id });
      return now.status === 'CANCELLED' ? true : undefined;
    }, 30_000);

    const nodes = await eventually('the trail to end with the completion', async () => {
      const { job: found } = await graphql<{ job: { history: { nodes: Node[] } } }>(fx.url, HISTORY, { id: job.id });
      return found.history.nodes.at(-1)?.type === 'JobCompleted' ? found.history.nodes : undefined;
    });
    const cancelled = nodes.find((n) => n.type === 'JobCancelled')!;
    assert.ok(cancelled, 'the cancellation is in the trail');
    assert.is(cancelled.actor, 'user:admin', 'who cancelled');
    const queuedIds = cancelled.data['cancelledDeviceIds'] as string[];
    assert.is(queuedIds.length, cancelJob.cancelled);
    assert.ok(nodes.every((n) => n.type !== 'DeviceBackupStarted' || !queuedIds.includes(String(n.data['deviceId'])) || n.position < cancelled.position),
      'no cancelled device starts after the cancellation');
    const completed = nodes.at(-1)!;
    assert.is(completed.data['status'], 'CANCELLED');

    const stateAt = async (position: number) => (await graphql<{ job: { stateAt: State } }>(fx.url, STATE_AT, { id: job.id, p: position })).job.stateAt;
    const before = await stateAt(cancelled.position - 1);
    assert.is(before.status, 'RUNNING');
    assert.ok(queuedIds.every((id) => before.devices.nodes.find((d) => d.deviceId === id)?.status === 'QUEUED'), 'queued just before');
    const after = await stateAt(cancelled.position);
    assert.ok(queuedIds.every((id) => after.devices.nodes.find((d) => d.deviceId === id)?.status === 'CANCELLED'), 'cancelled right after');
    assert.is(after.cancelled, queuedIds.length);
    assert.is((await stateAt(completed.position)).status, 'CANCELLED');

    // Folding the whole stream with the domain's evolve reproduces the read-model rows exactly.
    const replayed = replayJob(job.id, await fx.netraven.store.readStream(`job-${job.id}`));
    assert.equal(replayed?.job, await findJob(fx.netraven.db, job.id));
    assert.equal(replayed?.devices, await jobDevices(fx.netraven.db, job.id));

    const run = await auditCli([job.id, '--url', fx.url], await signIn(fx.url));
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`job cancelled by user:admin: ${queuedIds.length} queued devices? cancelled`));
    assert.match(run.stdout, /job completed: CANCELLED/);
  } finally {
    await fx.dispose();
    await lab.close();
  }
});

test.run();
