import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { eventually, freshTestDatabase, tempDir, type TempDir } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { startStandalone, type StandaloneNetRaven } from '../src/standalone.js';
import { freePort } from './cli-process.js';
import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';

// Long enough that a loaded CI machine still sends the folded messages inside it.
const WINDOW_MS = 10_000;

interface Context {
  database: FreshDatabase;
  dataDir: TempDir;
  lab: DeviceLab;
  netraven: StandaloneNetRaven;
  url: string;
  syslogPort: number;
  logLines: Array<Record<string, unknown>>;
  devices: Array<{ id: string; name: string }>;
}

const it = suite<Context>('change-triggered backups: real syslog messages over UDP and TCP → one backup per debounce window');

it.before(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_syslog');
  ctx.dataDir = await tempDir('netraven-syslog-');
  ctx.lab = await startDeviceLab({ devices: 2 });
  ctx.syslogPort = await freePort();
  ctx.logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.startsWith('{')) ctx.logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({
    DATABASE_URL: ctx.database.connectionString,
    NETRAVEN_DATA_DIR: ctx.dataDir.path,
    NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    PORT: '0',
    NETRAVEN_SYSLOG_PORT: String(ctx.syslogPort),
    NETRAVEN_SYSLOG_HOST: '127.0.0.1',
    NETRAVEN_SYSLOG_DEBOUNCE_MS: String(WINDOW_MS),
  });
  ctx.netraven = await startStandalone(config, createLogger('netraven-syslog', 'info', sink));
  ctx.url = ctx.netraven.graphqlUrl;
  const lab = ctx.lab.devices[0]!;
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.url,
    'mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }',
    { input: { name: 'lab', username: lab.username, password: lab.password, enablePassword: lab.enablePassword } });
  ctx.devices = [];
  // Both lab devices answer on 127.0.0.1: the hostname field has to tell them apart.
  for (const device of ctx.lab.devices) {
    const { registerDevice } = await graphql<{ registerDevice: { id: string; name: string } }>(ctx.url,
      'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id name } }',
      { input: { name: device.name, host: device.host, port: device.port, platform: 'cisco_ios', credentialId: createCredential.id } });
    ctx.devices.push(registerDevice);
  }
});

it.after(async (ctx) => {
  await ctx.netraven?.stop();
  await ctx.lab?.close();
  await ctx.database?.drop();
  await ctx.dataDir?.remove();
});

interface SyslogJob { id: string; status: string; requestedBy: string; devices: Array<{ deviceId: string; status: string }> }

async function syslogJobs(ctx: Context, deviceId: string): Promise<SyslogJob[]> {
  const { jobs } = await graphql<{ jobs: { nodes: Array<Omit<SyslogJob, 'devices'> & { devices: { nodes: SyslogJob['devices'] } }> } }>(ctx.url,
    '{ jobs(first: 100) { nodes { id status requestedBy devices { nodes { deviceId status } } } } }');
  return jobs.nodes.map((job) => ({ ...job, devices: job.devices.nodes })).filter((job) => job.requestedBy === 'system:syslog' && job.devices.some((d) => d.deviceId === deviceId));
}

async function sendUdp(port: number, message: string, from = '127.0.0.1'): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind({ address: from, port: 0 }, resolve));
  await new Promise<void>((resolve, reject) => socket.send(message, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
  socket.close();
}

async function sendTcp(port: number, payload: string): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  await new Promise<void>((resolve) => socket.end(payload, resolve));
}

const octets = (message: string): string => `${Buffer.byteLength(message)} ${message}`;
const iosChange = (host: string, user: string) => `<189>1043: ${host}: *Nov 30 14:02:11.123 UTC: %SYS-5-CONFIG_I: Configured from console by ${user} on vty0 (10.0.0.5)`;
const eosChange = (host: string) => `<189>Nov 30 14:02:12 ${host} ConfigAgent: %SYS-5-CONFIG_I: Configured from console by admin on vty3 (192.0.2.50)`;
const junosCommit = (host: string) => `<189>1 2026-11-30T14:02:13.871Z ${host} mgd 4410 UI_COMMIT_COMPLETED [junos@2636.1.1.1.2.57 username="noc"] commit complete`;
const ignoredLines = (ctx: Context, address: string, reason: string) =>
  ctx.logLines.filter((l) => l['msg'] === 'syslog message ignored (logged once per sender)' && l['address'] === address && String(l['reason']).startsWith(reason));

it('one backup at once, messages in the window fold into one follow-up, nothing else; unrelated and unknown: no backup, logged once', async (ctx) => {
  const [a, b] = ctx.devices as [{ id: string; name: string }, { id: string; name: string }];
  const firstAt = Date.now();
  await sendUdp(ctx.syslogPort, iosChange(a.name, 'alice'));
  const first = await eventually('the first change to back the device up', async () => {
    const jobs = await syslogJobs(ctx, a.id);
    return jobs.length === 1 ? jobs[0] : undefined;
  }, 10_000);
  assert.ok(Date.now() - firstAt < WINDOW_MS, 'the first backup starts within seconds, not at the window end');
  assert.equal(first?.devices.map((d) => d.deviceId), [a.id], 'only the device that changed');

  // Three more change messages inside the window, over UDP, TCP with octet counting and TCP with newlines.
  await sendUdp(ctx.syslogPort, eosChange(a.name));
  await sendTcp(ctx.syslogPort, octets(iosChange(a.name, 'bob')) + octets(junosCommit(a.name)));
  await sendTcp(ctx.syslogPort, `${iosChange(a.name, 'carol')}\n`);
  // Unrelated messages from a known device, and a change from an address no device has: no backup.
  for (let i = 0; i < 2; i += 1) {
    await sendUdp(ctx.syslogPort, `<189>Nov 30 14:02:14 ${a.name} Bgp: %BGP-5-ADJCHANGE: peer 192.0.2.0 (VRF default AS 64600) old state Established event Stop new state Idle`);
    await sendUdp(ctx.syslogPort, iosChange('stranger', 'mallory'), '127.0.0.3');
  }
  assert.ok(Date.now() - firstAt < WINDOW_MS, `the folded messages were sent inside the window (${Date.now() - firstAt} ms)`);

  const jobs = await eventually('one follow-up at the window end', async () => {
    const found = await syslogJobs(ctx, a.id);
    return found.length >= 2 ? found : undefined;
  }, WINDOW_MS + 10_000);
  assert.ok(Date.now() - firstAt >= WINDOW_MS - 50, 'the follow-up waited for the window to end');
  // The follow-up opened a window of its own with nothing in it: no third backup after it ends.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 1_500));
  assert.is((await syslogJobs(ctx, a.id)).length, 2, `exactly two backups of ${a.name}: ${JSON.stringify(jobs)}`);
  assert.is((await syslogJobs(ctx, b.id)).length, 0, 'the other device at the same address was not backed up');

  // The backups ran against the lab and succeeded.
  const done = await eventually('both backups to finish', async () => {
    const found = await syslogJobs(ctx, a.id);
    return found.every((job) => job.status === 'COMPLETED') ? found : undefined;
  }, 30_000);
  assert.is(done.length, 2);

  assert.is(ignoredLines(ctx, '127.0.0.3', 'unknown sender').length, 1, 'an unknown sender is logged once, not per message');
  assert.is(ignoredLines(ctx, '127.0.0.1', 'not a configuration-change').length, 1, 'unrelated messages are logged once per sender');
  assert.ok(ctx.logLines.some((l) => l['msg'] === 'configuration change reported over syslog: backing up the device' && l['user'] === 'alice' && l['change'] === 'cisco-ios'));
});

it('the hostname field picks the device when several share an address (TCP, newline framing)', async (ctx) => {
  const b = ctx.devices[1]!;
  await sendTcp(ctx.syslogPort, `${eosChange(b.name)}\n`);
  const jobs = await eventually(`a backup of ${b.name}`, async () => {
    const found = await syslogJobs(ctx, b.id);
    return found.length === 1 ? found : undefined;
  }, 10_000);
  assert.equal(jobs[0]?.devices.map((d) => d.deviceId), [b.id]);
  // A change naming no device at a shared address backs up nothing.
  await sendUdp(ctx.syslogPort, '<189>1044: Nov 30 14:05:00.000 UTC: %SYS-5-CONFIG_I: Configured from console by x on vty0 (10.0.0.5)');
  await eventually('the ambiguous sender is logged', async () => ignoredLines(ctx, '127.0.0.1', 'unknown sender').length === 1 || undefined, 10_000);
});

it.run();
