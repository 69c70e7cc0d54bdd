import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { eventually, freshTestDatabase, tempDir, type TempDir } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { startStandalone, type StandaloneNetRaven } from '../src/standalone.js';
import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';

const run = promisify(execFile);

interface Context {
  database: FreshDatabase;
  dataDir: TempDir;
  lab: DeviceLab;
  netraven: StandaloneNetRaven;
  url: string;
}

const e2e = suite<Context>('one backup end to end: GraphQL → event store → worker → SSH lab → Git → read models');

e2e.before(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_e2e');
  ctx.dataDir = await tempDir('netraven-e2e-');
  ctx.lab = await startDeviceLab({ devices: 2 });
  const config = loadConfig({
    DATABASE_URL: ctx.database.connectionString,
    NETRAVEN_DATA_DIR: ctx.dataDir.path,
    NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    PORT: '0',
    NETRAVEN_CONNECT_TIMEOUT_MS: '5000',
    NETRAVEN_COMMAND_TIMEOUT_MS: '10000',
  });
  ctx.netraven = await startStandalone(config, createLogger('netraven-e2e', 'warn'));
  ctx.url = ctx.netraven.graphqlUrl;
});

e2e.after(async (ctx) => {
  await ctx.netraven?.stop();
  await ctx.lab?.close();
  await ctx.database?.drop();
  await ctx.dataDir?.remove();
});

const CREATE_CREDENTIAL = `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id name username fingerprint } }`;
const REGISTER_DEVICE = `mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id name tags } }`;
const SCHEDULE_BACKUP = `mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id status } }`;
const JOB = `query($id: ID!) { job(id: $id) { id status succeeded failed devices { nodes { deviceId status error errorCategory commit changed } } } }`;
const DEVICE = `query($id: ID!) { device(id: $id) { id hostname model serial lastBackupStatus config snapshots { nodes { jobId commit changed sha256 size recordedAt config } } } }`;

interface JobResult {
  job: { id: string; status: string; succeeded: number; failed: number;
    devices: { nodes: Array<{ deviceId: string; status: string; error: string | null; errorCategory: string | null; commit: string | null; changed: boolean | null }> } };
}
interface DeviceResult {
  device: { id: string; hostname: string | null; model: string | null; serial: string | null; lastBackupStatus: string | null; config: string | null;
    snapshots: { nodes: Array<{ jobId: string; commit: string; changed: boolean; sha256: string; size: number; recordedAt: string; config: string | null }> } };
}

async function backupAndWait(url: string, deviceIds: string[]): Promise<JobResult['job']> {
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string; status: string } }>(url, SCHEDULE_BACKUP, { input: { deviceIds } });
  // Read-your-writes means "at least the schedule": a fast worker may already be at it.
  assert.ok(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'].includes(scheduleBackup.status), scheduleBackup.status);
  return eventually(`job ${scheduleBackup.id} to finish`, async () => {
    const { job } = await graphql<JobResult>(url, JOB, { id: scheduleBackup.id });
    return job.status === 'COMPLETED' || job.status === 'FAILED' ? job : undefined;
  }, 30_000);
}

async function gitCommitCount(gitDir: string): Promise<number> {
  const { stdout } = await run('git', ['--git-dir', gitDir, 'rev-list', '--count', 'main']);
  return Number(stdout.trim());
}

async function gitShow(gitDir: string, rev: string, path: string): Promise<string> {
  const { stdout } = await run('git', ['--git-dir', gitDir, 'show', `${rev}:${path}`], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

e2e('backs up a lab device, keeps history exact in Git, and categorises a wrong password', async (ctx) => {
  const labDevice = ctx.lab.devices[0]!;
  const gitDir = `${ctx.dataDir.path}/configs.git`;
  const { createCredential } = await graphql<{ createCredential: { id: string; username: string; fingerprint: string } }>(ctx.url, CREATE_CREDENTIAL, {
    input: { name: 'lab admin', username: labDevice.username, password: labDevice.password, enablePassword: labDevice.enablePassword },
  });
  assert.is(createCredential.username, labDevice.username);
  const { registerDevice } = await graphql<{ registerDevice: { id: string; tags: string[] } }>(ctx.url, REGISTER_DEVICE, {
    input: { name: labDevice.name, host: labDevice.host, port: labDevice.port, platform: 'cisco_ios', credentialId: createCredential.id, tags: ['core', 'lab'] },
  });
  assert.equal(registerDevice.tags, ['core', 'lab']);
  const deviceId = registerDevice.id;

  // First backup: COMPLETED, one commit, config readable through GraphQL and from Git.
  const first = await backupAndWait(ctx.url, [deviceId]);
  assert.is(first.status, 'COMPLETED', JSON.stringify(first));
  assert.is(first.devices.nodes[0]?.changed, true);
  assert.is(await gitCommitCount(gitDir), 1);
  // Each read model follows the log on its own: the job can be COMPLETED a moment before the device row has its facts.
  const afterFirst = await eventually('device facts projected', async () => {
    const { device } = await graphql<DeviceResult>(ctx.url, DEVICE, { id: deviceId });
    return device.lastBackupStatus === 'SUCCEEDED' && device.snapshots.nodes.length === 1 ? device : undefined;
  });
  const path = `${deviceId}/config.cfg`;
  const fromGit = await gitShow(gitDir, 'main', path);
  assert.is(afterFirst.config, fromGit);
  assert.is(afterFirst.snapshots.nodes[0]?.config, fromGit);
  assert.is(afterFirst.snapshots.nodes[0]?.commit, first.devices.nodes[0]?.commit);
  assert.match(fromGit, `hostname ${labDevice.name}`);
  assert.ok(fromGit.trimEnd().endsWith('end'), 'stored config ends with "end"');
  assert.not.match(fromGit, 'Last configuration change', 'volatile lines are dropped');
  assert.not.match(fromGit, /secret 9 \$9\$/, 'secrets are masked before they reach Git');
  assert.is(afterFirst.hostname, labDevice.name);
  assert.ok(afterFirst.serial, 'serial number parsed from show version');
  assert.is(afterFirst.lastBackupStatus, 'SUCCEEDED');

  // Second backup of an unchanged device: no new commit.
  const second = await backupAndWait(ctx.url, [deviceId]);
  assert.is(second.status, 'COMPLETED');
  assert.is(second.devices.nodes[0]?.changed, false);
  assert.is(second.devices.nodes[0]?.commit, first.devices.nodes[0]?.commit);
  assert.is(await gitCommitCount(gitDir), 1);

  // A changed lab config: exactly one new commit, and the diff is the drift.
  ctx.lab.driftConfig(labDevice.name);
  const third = await backupAndWait(ctx.url, [deviceId]);
  assert.is(third.status, 'COMPLETED');
  assert.is(third.devices.nodes[0]?.changed, true);
  assert.is(await gitCommitCount(gitDir), 2);
  assert.is.not(await gitShow(gitDir, 'main', path), fromGit);
  const history = await eventually('three snapshots', async () => {
    const { device } = await graphql<DeviceResult>(ctx.url, DEVICE, { id: deviceId });
    return device.snapshots.nodes.length === 3 ? device.snapshots.nodes : undefined;
  });
  assert.equal(history.map((s) => s.changed), [true, false, true]);

  // A wrong password: the job FAILS and the device's error says `auth`.
  const { createCredential: wrong } = await graphql<{ createCredential: { id: string } }>(ctx.url, CREATE_CREDENTIAL, {
    input: { name: 'wrong', username: labDevice.username, password: 'not-the-password' },
  });
  const other = ctx.lab.devices[1]!;
  const { registerDevice: badDevice } = await graphql<{ registerDevice: { id: string } }>(ctx.url, REGISTER_DEVICE, {
    input: { name: other.name, host: other.host, port: other.port, platform: 'cisco_ios', credentialId: wrong.id },
  });
  const failed = await backupAndWait(ctx.url, [badDevice.id]);
  assert.is(failed.status, 'FAILED');
  assert.is(failed.devices.nodes[0]?.status, 'FAILED');
  assert.is(failed.devices.nodes[0]?.errorCategory, 'auth');
  assert.match(failed.devices.nodes[0]?.error ?? '', /^auth: /);
  assert.is(await gitCommitCount(gitDir), 2);

  // The logs projector follows its own subscription: the job's completion does not wait for it.
  const logs = await eventually('the failure and the job outcome in the job log', async () => {
    const answer = await graphql<{ logs: { nodes: Array<{ level: string; type: string; message: string }> } }>(ctx.url, `query($j: ID) { logs(filter: { jobId: $j }, first: 1000) { nodes { level type message } } }`, { j: failed.id });
    const nodes = answer.logs.nodes;
    return nodes.some((l) => l.message.startsWith('Backup failed [auth]')) && nodes.some((l) => l.message.startsWith('Job FAILED')) ? nodes : undefined;
  }, 10_000);
  assert.not.ok(logs.some((l) => l.message.includes('not-the-password')), 'the password never reaches a log');
  // One line for the refused attempt (the session's own account) and one outcome line: the reason is not repeated a third time.
  const refusal = logs.filter((l) => l.message.includes('rejected the credentials'));
  assert.equal(refusal.map((l) => `${l.type} ${l.level}`).sort(), ['job error', 'session error'], JSON.stringify(refusal));
  assert.match(refusal.find((l) => l.type === 'job')?.message ?? '', /^Backup failed \[auth\]: /);
});

e2e('rejects bad input with typed errors instead of crashing', async (ctx) => {
  try {
    await graphql(ctx.url, REGISTER_DEVICE, {
      input: { name: 'x', host: '127.0.0.1', port: 22, platform: 'cisco_ios', credentialId: 'no-such-credential' },
    });
    assert.unreachable('registering with an unknown credential must fail');
  } catch (error) {
    assert.match((error as Error).message, /BAD_USER_INPUT: credential no-such-credential does not exist/);
  }
  try {
    await graphql(ctx.url, SCHEDULE_BACKUP, { input: { deviceIds: [], tags: [] } });
    assert.unreachable('a backup without targets must fail');
  } catch (error) {
    assert.match((error as Error).message, /BAD_USER_INPUT/);
  }
});

e2e('a backup of a tag with no devices completes as COMPLETED_NO_DEVICES', async (ctx) => {
  const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(ctx.url, SCHEDULE_BACKUP, { input: { tags: ['nothing-here'] } });
  const job = await eventually('job to complete', async () => {
    const { job } = await graphql<JobResult>(ctx.url, JOB, { id: scheduleBackup.id });
    return job.status === 'COMPLETED_NO_DEVICES' ? job : undefined;
  });
  assert.equal(job.devices.nodes, []);
});

e2e.run();
