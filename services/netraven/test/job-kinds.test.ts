import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { eventually } from '@netraven/infra/testing';
import { graphql } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice, type StandaloneFixture } from './standalone-fixture.js';

interface Context { lab: DeviceLab; fx: StandaloneFixture; good: string; locked: string }

const it = suite<Context>('job kinds against the lab: REACHABILITY, COMMAND, re-run of failed devices');

it.before(async (ctx) => {
  ctx.lab = await startDeviceLab({ devices: 2 });
  ctx.fx = await openStandalone();
  const [one, two] = ctx.lab.devices as [DeviceLab['devices'][number], DeviceLab['devices'][number]];
  const credentialId = await createCredential(ctx.fx.url, one.username, one.password, one.enablePassword);
  const wrong = await createCredential(ctx.fx.url, two.username, 'not-the-password');
  ctx.good = await registerDevice(ctx.fx.url, credentialId, { name: one.name, host: one.host, port: one.port, tags: ['lab'] });
  ctx.locked = await registerDevice(ctx.fx.url, wrong, { name: two.name, host: two.host, port: two.port, tags: ['lab'] });
});

it.after(async (ctx) => {
  await ctx.fx?.dispose();
  await ctx.lab?.close();
});

type Job = { id: string; type: string; status: string; priority: string; rerunOf: { id: string } | null; targets: { deviceIds: string[] };
  devices: { nodes: Array<{ deviceId: string; status: string; errorCategory: string | null }> }; results: Array<{ deviceId: string; command: string; output: string }> };
const JOB = 'id type status priority rerunOf { id } targets { deviceIds } devices { nodes { deviceId status errorCategory } } results { deviceId command output }';

async function finished(url: string, id: string): Promise<Job> {
  return eventually(`job ${id} to finish`, async () => {
    const { job } = await graphql<{ job: Job }>(url, `query($id: ID!) { job(id: $id) { ${JOB} } }`, { id });
    return ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status) ? job : undefined;
  }, 60_000);
}

const reachabilityOf = async (url: string, id: string) =>
  (await graphql<{ device: { reachability: string; lastSeenAt: string | null } }>(url, 'query($id: ID!) { device(id: $id) { reachability lastSeenAt } }', { id })).device;

it('REACHABILITY logs in (no Git), marks each device REACHABLE or AUTH_FAILED and moves lastSeenAt; a re-run takes only the failed one', async ({ fx, good, locked }) => {
  assert.equal(await reachabilityOf(fx.url, good), { reachability: 'UNKNOWN', lastSeenAt: null });
  const asked = Date.now();
  const { runJob } = await graphql<{ runJob: Job }>(fx.url, `mutation { runJob(input: { jobType: REACHABILITY, targets: { tags: ["lab"] } }) { ${JOB} } }`);
  const job = await finished(fx.url, runJob.id);
  assert.equal([job.type, job.priority, job.status], ['REACHABILITY', 'HIGH', 'FAILED']);
  assert.equal(job.devices.nodes.find((d) => d.deviceId === locked)?.errorCategory, 'auth');
  const seen = await eventually('reachability projected', async () => {
    const device = await reachabilityOf(fx.url, good);
    return device.reachability === 'REACHABLE' ? device : undefined;
  });
  assert.ok(seen.lastSeenAt !== null && Date.parse(seen.lastSeenAt) >= asked - 1000, JSON.stringify(seen));
  assert.equal(await eventually('auth failure projected', async () => {
    const device = await reachabilityOf(fx.url, locked);
    return device.reachability === 'AUTH_FAILED' ? device : undefined;
  }), { reachability: 'AUTH_FAILED', lastSeenAt: null });
  const { devices: { nodes: devices } } = await graphql<{ devices: { nodes: Array<{ id: string; snapshots: { nodes: unknown[] } }> } }>(fx.url, '{ devices { nodes { id snapshots { nodes { commit } } } } }');
  assert.ok(devices.every((d) => d.snapshots.nodes.length === 0), 'a reachability check commits nothing to Git');

  const { rerunFailed } = await graphql<{ rerunFailed: Job }>(fx.url, `mutation($id: ID!) { rerunFailed(jobId: $id) { ${JOB} } }`, { id: job.id });
  assert.equal([rerunFailed.type, rerunFailed.priority, rerunFailed.rerunOf?.id, rerunFailed.targets.deviceIds], ['REACHABILITY', 'LOW', job.id, [locked]]);
  const rerun = await finished(fx.url, rerunFailed.id);
  assert.equal(rerun.devices.nodes.map((d) => d.deviceId), [locked]);
});

it('COMMAND runs read-only commands and keeps their outputs, secrets masked', async ({ fx, lab, good }) => {
  const device = lab.devices[0] as DeviceLab['devices'][number];
  const { runJob } = await graphql<{ runJob: Job }>(fx.url, `mutation($id: ID!) { runJob(input: { jobType: COMMAND, targets: { deviceIds: [$id] }, commands: ["show version", "show running-config"] }) { id } }`, { id: good });
  const done = await finished(fx.url, runJob.id);
  assert.is(done.status, 'COMPLETED', JSON.stringify(done));
  // The outputs are their own read model (job-control projector): they may land just after the job's status.
  const job = await eventually('the outputs projected', async () => {
    const now = await finished(fx.url, runJob.id);
    return now.results.length === 2 ? now : undefined;
  });
  assert.equal(job.results.map((r) => [r.deviceId, r.command]), [[good, 'show version'], [good, 'show running-config']]);
  const running = job.results[1]?.output ?? '';
  assert.match(running, `hostname ${device.name}`);
  assert.match(running, '<removed>', 'secrets are masked');
  assert.not.match(running, /secret 9 \$9\$/, 'no hash leaves the device');
  assert.not.ok(running.includes(device.password), 'the login password never appears');
  assert.not.match(running, 'show running-config', 'the echo is dropped');
  const { logs: { nodes: logs } } = await graphql<{ logs: { nodes: Array<{ message: string }> } }>(fx.url, 'query($id: ID!) { logs(filter: { jobId: $id }, first: 1000) { nodes { message } } }', { id: job.id });
  assert.ok(logs.some((l) => l.message.includes('2 command(s) run')), JSON.stringify(logs));
});

it.run();
