import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { credentialDecider, deviceDecider, jobDecider } from '@netraven/domain';
import { eventually } from '@netraven/infra/testing';
import { findDevice, findJob, jobDevices, listCredentials, listDevices, listLogs, deviceSnapshots, resolveTargetDeviceIds } from '../src/index.js';
import { openReadModelFixture, type ReadModelFixture } from './read-model-fixture.js';

const projectors = suite<{ fx: ReadModelFixture }>('read models built from events');
projectors.before.each(async (ctx) => {
  ctx.fx = await openReadModelFixture();
});
projectors.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

const SHA = 'a'.repeat(64);

async function registerTwoDevices(fx: ReadModelFixture): Promise<void> {
  await fx.send(credentialDecider, 'c1', 'CreateCredential', { credentialId: 'c1', name: 'ops', username: 'admin', secretRef: 'ref-1', fingerprint: 'fp1' });
  await fx.send(deviceDecider, 'd1', 'RegisterDevice', { deviceId: 'd1', name: 'core-1', host: '10.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'c1', tags: ['core', 'dc1'] });
  await fx.send(deviceDecider, 'd2', 'RegisterDevice', { deviceId: 'd2', name: 'edge-1', host: '10.0.0.2', port: 22, platform: 'cisco_ios', credentialId: 'c1', tags: ['edge'] });
}

projectors('inventory: devices with tags, updates, decommission; credentials without secrets', async ({ fx }) => {
  await registerTwoDevices(fx);
  await fx.send(deviceDecider, 'd1', 'TagDevice', { deviceId: 'd1', tags: ['pci'] });
  await fx.send(deviceDecider, 'd1', 'UntagDevice', { deviceId: 'd1', tags: ['dc1'] });
  await fx.send(deviceDecider, 'd2', 'UpdateDevice', { deviceId: 'd2', changes: { host: '10.0.0.22', port: 2222 } });
  await fx.send(deviceDecider, 'd2', 'DecommissionDevice', { deviceId: 'd2', reason: 'replaced' });
  await eventually('device d2 decommissioned', async () => ((await findDevice(fx.db, 'd2'))?.status === 'decommissioned' ? true : undefined));
  const d1 = await findDevice(fx.db, 'd1');
  assert.equal(d1?.tags, ['core', 'pci']);
  const d2 = await findDevice(fx.db, 'd2');
  assert.is(d2?.host, '10.0.0.22');
  assert.is(d2?.port, 2222);
  assert.equal((await listDevices(fx.db)).map((d) => d.id), ['d1']);
  assert.equal((await listDevices(fx.db, { tag: 'pci' })).map((d) => d.id), ['d1']);
  assert.equal(await resolveTargetDeviceIds(fx.db, { deviceIds: ['d2'], tags: ['core'] }), ['d1']);
  const credentials = await listCredentials(fx.db);
  assert.equal(credentials.map((c) => [c.name, c.username, c.fingerprint]), [['ops', 'admin', 'fp1']]);
});

projectors('a job: per-device progress, snapshots, failure, completion, and its log in order', async ({ fx }) => {
  await registerTwoDevices(fx);
  await fx.send(jobDecider, 'j1', 'ScheduleBackup', { jobId: 'j1', targets: { deviceIds: [], tags: ['core', 'edge'] } });
  await fx.send(jobDecider, 'j1', 'DispatchJob', { jobId: 'j1', deviceIds: ['d1', 'd2'] });
  await fx.send(jobDecider, 'j1', 'StartDeviceBackup', { jobId: 'j1', deviceId: 'd1', workerId: 'w1', attempt: 1 });
  await fx.send(jobDecider, 'j1', 'RecordSnapshot', {
    jobId: 'j1', deviceId: 'd1', commit: 'c0ffee', changed: true, sha256: SHA, size: 1234,
    facts: { hostname: 'core-1', serial: 'FTX1', model: 'ISR4331', osVersion: '17.3' },
  });
  await fx.send(jobDecider, 'j1', 'RecordDeviceFailure', { jobId: 'j1', deviceId: 'd2', category: 'auth', message: 'Authentication failed' });
  const job = await eventually('job j1 completed', async () => {
    const row = await findJob(fx.db, 'j1');
    return row?.status === 'FAILED' ? row : undefined;
  });
  assert.is(job.device_count, 2);
  assert.is(job.succeeded, 1);
  assert.is(job.failed, 1);
  assert.equal(job.target_tags, ['core', 'edge']);
  const devices = await jobDevices(fx.db, 'j1');
  assert.equal(devices.map((d) => [d.device_id, d.status, d.error_category, d.snapshot_commit]), [
    ['d1', 'SUCCEEDED', null, 'c0ffee'],
    ['d2', 'FAILED', 'auth', null],
  ]);
  await eventually('snapshot projected', async () => ((await deviceSnapshots(fx.db, 'd1')).length === 1 ? true : undefined));
  const d1 = await eventually('device facts', async () => {
    const row = await findDevice(fx.db, 'd1');
    return row?.serial ? row : undefined;
  });
  assert.equal([d1.hostname, d1.model, d1.serial, d1.os_version, d1.last_backup_status], ['core-1', 'ISR4331', 'FTX1', '17.3', 'SUCCEEDED']);
  const logs = await eventually('logs projected', async () => {
    const rows = await listLogs(fx.db, { jobId: 'j1' });
    return rows.length >= 6 ? rows : undefined;
  });
  assert.match(logs[0]?.message ?? '', /scheduled by tester/);
  assert.match(logs[logs.length - 1]?.message ?? '', /Job FAILED: 1 succeeded, 1 failed/);
  assert.ok(logs.some((l) => l.level === 'error' && l.message.includes('[auth]')));
});

projectors('a restarted runner resumes from its checkpoints without applying anything twice', async ({ fx }) => {
  await registerTwoDevices(fx);
  await fx.send(jobDecider, 'j2', 'ScheduleBackup', { jobId: 'j2', targets: { deviceIds: ['d1'], tags: [] } });
  await fx.send(jobDecider, 'j2', 'DispatchJob', { jobId: 'j2', deviceIds: ['d1'] });
  await fx.send(jobDecider, 'j2', 'RecordSnapshot', { jobId: 'j2', deviceId: 'd1', commit: 'abc', changed: true, sha256: SHA, size: 1, facts: {} });
  await eventually('job completed', async () => ((await findJob(fx.db, 'j2'))?.status === 'COMPLETED' ? true : undefined));
  // scheduled, dispatched, snapshot, completed: wait for the logs projector too, it runs on its own.
  const logsBefore = await eventually('four log lines', async () => {
    const n = (await listLogs(fx.db, { jobId: 'j2' })).length;
    return n === 4 ? n : undefined;
  });
  await fx.runner.stop();
  await fx.runner.start();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const job = await findJob(fx.db, 'j2');
  assert.is(job?.succeeded, 1, 'the succeeded counter is not incremented again');
  assert.is((await listLogs(fx.db, { jobId: 'j2' })).length, logsBefore);
});

projectors.run();

const evolution = suite<{ fx: ReadModelFixture }>('event schema evolution');
evolution.before.each(async (ctx) => {
  ctx.fx = await openReadModelFixture();
});
evolution.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

evolution('a v1 DeviceBackupFailed already in the log still projects, upcast to v2', async ({ fx }) => {
  await registerTwoDevices(fx);
  await fx.send(jobDecider, 'j9', 'ScheduleBackup', { jobId: 'j9', targets: { deviceIds: ['d1'], tags: [] } });
  await fx.send(jobDecider, 'j9', 'DispatchJob', { jobId: 'j9', deviceIds: ['d1'] });
  // Written by an older NetRaven: schema version 1 had no `transient` field.
  const v1 = { jobId: 'j9', deviceId: 'd1', category: 'timeout', message: 'no prompt within 30 s', failedAt: '2026-11-01T10:00:00.000Z' };
  await fx.raw.append('job-j9', [{
    type: 'DeviceBackupFailed',
    data: v1,
    metadata: { eventId: '00000000-0000-4000-8000-000000000009', correlationId: 'j9', causationId: 'j9', actor: 'old-worker', occurredAt: v1.failedAt, schemaVersion: 1 },
  }], 1);
  const devices = await eventually('failure projected', async () => {
    const rows = await jobDevices(fx.db, 'j9');
    return rows[0]?.status === 'FAILED' ? rows : undefined;
  });
  assert.is(devices[0]?.error_category, 'timeout');
  const logs = await eventually('failure logged', async () => {
    const rows = await listLogs(fx.db, { jobId: 'j9', level: 'error' });
    return rows.length > 0 ? rows : undefined;
  });
  assert.match(logs[0]?.message ?? '', 'Backup failed [timeout, transient]: no prompt within 30 s');
  // The decider sees the upcast event too: the device has its outcome, a second one is refused.
  try {
    await fx.send(jobDecider, 'j9', 'RecordDeviceFailure', { jobId: 'j9', deviceId: 'd1', category: 'auth', message: 'again' });
    assert.unreachable('second outcome must be refused');
  } catch (error) {
    assert.is((error as Error).name, 'IllegalStateError');
  }
  const stored = await fx.store.readStream('job-j9');
  const failed = stored.find((e) => e.type === 'DeviceBackupFailed');
  assert.is(failed?.metadata.schemaVersion, 1, 'the log keeps what was written');
  assert.is((failed?.data as { transient: boolean }).transient, true);
});

evolution.run();
