import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { eventually } from '@netraven/infra/testing';
import { graphql } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice, type StandaloneFixture } from './standalone-fixture.js';

const it = suite<{ lab: DeviceLab; fx: StandaloneFixture }>('job priorities with one worker slot (embedded queue, lab devices)');

it.before(async (ctx) => {
  ctx.lab = await startDeviceLab({ devices: 4 });
  // Slow devices, so the first LOW backup is still running when the HIGH job arrives.
  for (const device of ctx.lab.devices) ctx.lab.setFaults(device.name, { commandLatencyMs: 400 });
  ctx.fx = await openStandalone({ NETRAVEN_WORKER_CONCURRENCY: '1' });
});
it.after(async (ctx) => {
  await ctx.fx?.dispose();
  await ctx.lab?.close();
});

type Job = { id: string; status: string; priority: string; completedAt: string | null; devices: { nodes: Array<{ deviceId: string; startedAt: string | null }> } };
const JOB = 'id status priority completedAt devices { nodes { deviceId startedAt } }';
const jobOf = async (url: string, id: string): Promise<Job> => (await graphql<{ job: Job }>(url, `query($id: ID!) { job(id: $id) { ${JOB} } }`, { id })).job;

it('LOW work queued first, then HIGH work: the HIGH job runs next and finishes before the LOW job', async ({ lab, fx }) => {
  const first = lab.devices[0] as DeviceLab['devices'][number];
  const credentialId = await createCredential(fx.url, first.username, first.password, first.enablePassword);
  const ids: string[] = [];
  for (const [index, device] of lab.devices.entries()) {
    ids.push(await registerDevice(fx.url, credentialId, { name: device.name, host: device.host, port: device.port, tags: [index < 3 ? 'bulk' : 'urgent'] }));
  }
  const { runJob: low } = await graphql<{ runJob: Job }>(fx.url, `mutation { runJob(input: { jobType: BACKUP, targets: { tags: ["bulk"] }, priority: LOW }) { ${JOB} } }`);
  assert.is(low.priority, 'LOW');
  await eventually('the first LOW device runs', async () => ((await jobOf(fx.url, low.id)).devices.nodes.some((d) => d.startedAt) ? true : undefined), 30_000);
  const { runJob: high } = await graphql<{ runJob: Job }>(fx.url, `mutation { runJob(input: { jobType: REACHABILITY, targets: { tags: ["urgent"] } }) { ${JOB} } }`);
  assert.is(high.priority, 'HIGH');
  const done = async (id: string) => eventually(`job ${id} to finish`, async () => {
    const job = await jobOf(fx.url, id);
    return job.completedAt ? job : undefined;
  }, 90_000);
  const [highDone, lowDone] = [await done(high.id), await done(low.id)];
  assert.equal([highDone.status, lowDone.status], ['COMPLETED', 'COMPLETED']);
  assert.ok(Date.parse(highDone.completedAt ?? '') < Date.parse(lowDone.completedAt ?? ''), 'HIGH finished first');
  const lowStarts = lowDone.devices.nodes.map((d) => Date.parse(d.startedAt ?? '')).sort((a, b) => a - b);
  const highStart = Date.parse(highDone.devices.nodes[0]?.startedAt ?? '');
  assert.ok(highStart < (lowStarts[1] ?? 0), `the HIGH device started right after the running LOW one (${highStart} vs ${lowStarts.join(', ')})`);
});

it.run();
