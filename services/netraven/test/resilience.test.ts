import { rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab } from '@netraven/device-lab';
import { graphql } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice, runBackup, type StandaloneFixture } from './standalone-fixture.js';

const resilience = suite<{ fx: StandaloneFixture }>('device failures: host keys, retries, circuit breaker');
resilience.before.each(async (ctx) => {
  ctx.fx = await openStandalone({
    NETRAVEN_RETRIES: '1',
    NETRAVEN_RETRY_BACKOFF_MS: '50',
    NETRAVEN_CIRCUIT_THRESHOLD: '2',
    NETRAVEN_CIRCUIT_COOLDOWN_MS: '600000',
  });
});
resilience.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

resilience('pins the host key on first use, refuses a changed key with an alert, and re-pins after a reset', async ({ fx }) => {
  const port = await freePort();
  let lab = await startDeviceLab({ devices: 1, basePort: port });
  const labDevice = lab.devices[0]!;
  const credentialId = await createCredential(fx.url, labDevice.username, labDevice.password, labDevice.enablePassword);
  const deviceId = await registerDevice(fx.url, credentialId, { name: labDevice.name, host: labDevice.host, port });
  try {
    assert.is((await runBackup(fx.url, { deviceIds: [deviceId] })).status, 'COMPLETED');
    const pinned = await graphql<{ device: { hostKeyFingerprint: string } }>(fx.url, 'query($id: ID!) { device(id: $id) { hostKeyFingerprint } }', { id: deviceId });
    assert.is(pinned.device.hostKeyFingerprint, labDevice.hostKeyFingerprint);

    // Same address, new host key: what a man-in-the-middle (or a replaced chassis) looks like.
    await lab.close();
    lab = await startDeviceLab({ devices: 1, basePort: port });
    const changed = await runBackup(fx.url, { deviceIds: [deviceId] });
    assert.is(changed.status, 'FAILED');
    assert.is(changed.devices[0]?.errorCategory, 'hostkey');
    assert.ok(changed.logs.some((l) => l.kind === 'system' && l.level === 'error' && l.message.startsWith('ALERT:')), 'an alert is logged');

    const { resetHostKey } = await graphql<{ resetHostKey: { hostKeyFingerprint: string | null } }>(fx.url,
      'mutation($id: ID!) { resetHostKey(id: $id) { hostKeyFingerprint } }', { id: deviceId });
    assert.is(resetHostKey.hostKeyFingerprint, null);
    assert.is((await runBackup(fx.url, { deviceIds: [deviceId] })).status, 'COMPLETED');
    const repinned = await graphql<{ device: { hostKeyFingerprint: string } }>(fx.url, 'query($id: ID!) { device(id: $id) { hostKeyFingerprint } }', { id: deviceId });
    assert.is(repinned.device.hostKeyFingerprint, lab.devices[0]!.hostKeyFingerprint);
  } finally {
    await lab.close();
  }
});

resilience('retries transient failures, then opens the circuit and skips the device', async ({ fx }) => {
  const credentialId = await createCredential(fx.url, 'admin', 'whatever');
  const deviceId = await registerDevice(fx.url, credentialId, { name: 'gone-rtr', host: '127.0.0.1', port: await freePort() });
  for (let i = 0; i < 2; i++) {
    const job = await runBackup(fx.url, { deviceIds: [deviceId] });
    assert.is(job.devices[0]?.errorCategory, 'unreachable');
    assert.ok(job.logs.some((l) => l.level === 'warn' && /Attempt 1 failed \[unreachable\].*retrying in 50 ms/.test(l.message)), 'one retry before giving up');
  }
  const skipped = await runBackup(fx.url, { deviceIds: [deviceId] });
  assert.is(skipped.status, 'FAILED');
  assert.is(skipped.devices[0]?.errorCategory, 'circuit-open');
  assert.match(skipped.devices[0]?.errorMessage ?? '', /2 transient failures in a row/);
  const { device } = await graphql<{ device: { circuit: { open: boolean; consecutiveTransientFailures: number; retryAfter: string } } }>(fx.url,
    'query($id: ID!) { device(id: $id) { circuit { open consecutiveTransientFailures retryAfter } } }', { id: deviceId });
  assert.is(device.circuit.open, true);
  assert.is(device.circuit.consecutiveTransientFailures, 2);
  assert.ok(Date.parse(device.circuit.retryAfter) > Date.now());
});

resilience.run();

const ownFailures = suite<{ fx: StandaloneFixture }>('failures on NetRaven\'s own side');
ownFailures.before.each(async (ctx) => {
  ctx.fx = await openStandalone({ NETRAVEN_MAX_DELIVER: '2', NETRAVEN_REDELIVERY_BACKOFF_MS: '50' });
});
ownFailures.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

ownFailures('a task whose Git write keeps failing ends as an internal failure after its last delivery: the job still completes', async ({ fx }) => {
  const lab = await startDeviceLab({ devices: 1 });
  try {
    const labDevice = lab.devices[0]!;
    const credentialId = await createCredential(fx.url, labDevice.username, labDevice.password, labDevice.enablePassword);
    const deviceId = await registerDevice(fx.url, credentialId, { name: labDevice.name, host: labDevice.host, port: labDevice.port });
    // The repository vanishes under the running worker: every commit attempt fails on our side.
    await rm(join(fx.dataDir.path, 'configs.git'), { recursive: true, force: true });
    await writeFile(join(fx.dataDir.path, 'configs.git'), 'not a repository');
    const job = await runBackup(fx.url, { deviceIds: [deviceId] });
    assert.is(job.status, 'FAILED');
    assert.is(job.devices[0]?.errorCategory, 'internal');
    assert.match(job.devices[0]?.errorMessage ?? '', /gave up after 2 deliveries/);
  } finally {
    await lab.close();
  }
});

ownFailures.run();
