import type { ChildProcess } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { replayJob } from '@netraven/application';
import { jobLogStreamName } from '@netraven/domain';
import { eventually } from '@netraven/infra/testing';
import { findJob, jobDevices } from '@netraven/projections';
import { createCredential, registerDevice } from './standalone-fixture.js';
import { graphql, signIn } from './graphql-client.js';
import { expectedStatesAt, type Node } from './audit-expectations.js';
import { auditCli, readHistory, startNatsDeployment } from './audit-harness.js';

const STEADY = 5;
/** A small page, so reading the history takes several. */
const PAGE = 4;
const STATE_FIELDS = 'status deviceCount succeeded failed cancelled devices(first: 100) { nodes { deviceId status attempts errorCategory commit changed } }';
/** Everything the read model keeps of a job and its devices: `job` answers it from the rows, `stateAt` from the fold. */
const ROW_FIELDS = `status type priority deviceCount succeeded failed cancelled requestedBy scheduledAt dispatchedAt startedAt completedAt
  commands targets { deviceIds tags }
  devices(first: 100) { nodes { deviceId status attempts errorCategory errorMessage commit changed startedAt finishedAt } }`;

interface Role { name: string; id: string }

/** The flaky device drops its first session halfway through the config, then heals: one transient failure, then a retry. */
async function healAfterFirstDrop(lab: DeviceLab, name: string): Promise<void> {
  await eventually('the flaky device to be connected to', async () => (lab.openConnections(name) > 0 ? true : undefined), 60_000, 5);
  await eventually('the flaky device to drop its first session', async () => (lab.openConnections(name) === 0 ? true : undefined), 60_000, 5);
  lab.setFaults(name, { commandLatencyMs: 100 });
}

test('one job with a retry, a worker SIGKILLed mid-task and a cancellation: history explains every step, stateAt replays each, the fold equals the read model, the CLI tells it', async () => {
  const lab = await startDeviceLab({ devices: Array.from({ length: 3 + STEADY }, (_v, i) => ({ name: `audit-${i + 1}` })) });
  // One session per worker, two workers: the devices are taken one by one, in the dispatch's (device id) order.
  const deployment = await startNatsDeployment(2, { NETRAVEN_WORKER_CONCURRENCY: '1', NETRAVEN_RETRIES: '1', NETRAVEN_RETRY_BACKOFF_MS: '1500' });
  const { control, url } = deployment;
  try {
    const credentialId = await createCredential(url, lab.devices[0]!.username, lab.devices[0]!.password, lab.devices[0]!.enablePassword);
    const registered: Role[] = [];
    for (const device of lab.devices) {
      registered.push({ name: device.name, id: await registerDevice(url, credentialId, { name: device.name, host: device.host, port: device.port, tags: ['audit'] }) });
    }
    // Roles by dispatch order: the first task is held until its worker is killed, the next two run on the other worker.
    const byId = [...registered].sort((a, b) => (a.id < b.id ? -1 : 1));
    const [victim, refused, flaky, ...steady] = byId as [Role, Role, Role, ...Role[]];
    lab.setFaults(victim.name, { hangOnCommand: 'terminal length' });
    lab.setFaults(refused.name, { authFailure: true });
    lab.setFaults(flaky.name, { commandLatencyMs: 100, dropDuringConfig: true });
    for (const device of steady) lab.setFaults(device.name, { commandLatencyMs: 500 });
    const nameOf = new Map(registered.map((r) => [r.id, r.name]));
    const healed = healAfterFirstDrop(lab, flaky.name);
    healed.catch(() => undefined); // awaited below; a failure before then must not also surface as an unhandled rejection

    const { scheduleBackup: { id: jobId } } = await graphql<{ scheduleBackup: { id: string } }>(url, 'mutation { scheduleBackup(input: { tags: ["audit"] }) { id } }');

    // 2. The victim's worker is in its session (the lab holds the connection, the row says RUNNING on that worker): SIGKILL it.
    const pids = new Map(deployment.workers.map((w): [string, ChildProcess] => [`/${w.pid}`, w]));
    const holder = await eventually('a worker to hold the victim in a session', async () => {
      if (lab.openConnections(victim.name) === 0) return undefined;
      const row = (await jobDevices(control.db, jobId)).find((r) => r.device_id === victim.id);
      return row?.status === 'RUNNING' ? [...pids].find(([pid]) => row.worker_id?.endsWith(pid))?.[1] : undefined;
    }, 60_000, 10);
    holder.kill('SIGKILL');
    lab.setFaults(victim.name, { commandLatencyMs: 300 });

    // 1 and 3. Once the retry succeeded and the victim was redelivered, cancel: the steady devices not started yet are still queued.
    await eventually('the refusal, the retry and the redelivery', async () => {
      const rows = await jobDevices(control.db, jobId);
      const of = (role: Role) => rows.find((r) => r.device_id === role.id);
      return of(victim)?.attempts === 2 && of(flaky)?.status === 'SUCCEEDED' && of(refused)?.status === 'FAILED' ? true : undefined;
    }, 60_000, 10);
    const { cancelJob } = await graphql<{ cancelJob: { cancelled: number } }>(url, 'mutation($id: ID!) { cancelJob(id: $id) { cancelled } }', { id: jobId });
    assert.ok(cancelJob.cancelled >= 1, 'devices were still queued at the cancellation');
    await eventually('the job to end CANCELLED', async () => ((await findJob(control.db, jobId))?.status === 'CANCELLED' ? true : undefined), 60_000);
    await healed;

    // history: complete, in log order, paged, every event attributed.
    const { nodes, pages } = await eventually('the trail to end with the completion', async () => {
      const read = await readHistory(url, jobId, PAGE);
      return read.nodes.at(-1)?.type === 'JobCompleted' ? read : undefined;
    });
    const log = await control.store.readAll({ limit: 100_000 });
    const logged = log.filter((e) => e.streamId === `job-${jobId}` || e.streamId === jobLogStreamName(jobId) || e.metadata.correlationId === jobId);
    assert.equal(nodes.map((n) => n.position), logged.map((e) => Number(e.position.prepare)), 'every event of the job, once, in log order');
    // Nothing about the job or its devices was recorded under another correlation since the request.
    const shown = new Set(nodes.map((n) => n.position));
    const elsewhere = log.filter((e) => Number(e.position.prepare) > nodes[0]!.position && !shown.has(Number(e.position.prepare)))
      .filter((e) => JSON.stringify(e.data).includes(jobId) || byId.some((r) => e.streamId === `device-${r.id}`));
    assert.equal(elsewhere.map((e) => `${e.streamId} ${e.type}`), [], 'no event of the job left out of its history');
    assert.ok(pages >= Math.ceil(nodes.length / PAGE) && pages > 2, `${nodes.length} events read over ${pages} pages of ${PAGE}`);
    for (const node of nodes) {
      assert.ok(node.actor && node.causationId, `${node.type} #${node.position} names its actor and cause`);
      assert.is(node.correlationId, jobId, `${node.type} #${node.position} carries the job as correlation`);
    }
    const jobEvents = nodes.filter((n) => n.stream === `job-${jobId}`);
    const first = (type: string): Node => {
      const found = nodes.find((n) => n.type === type);
      if (!found) throw new Error(`no ${type} in the trail`);
      return found;
    };
    assert.equal([nodes[0]!.type, nodes[0]!.actor], ['BackupScheduled', 'user:admin'], 'who asked');
    assert.equal([first('JobDispatched').actor, first('JobDispatched').data['deviceIds']], ['system:scheduler', byId.map((r) => r.id)]);
    const about = (role: Role) => jobEvents.filter((n) => n.data['deviceId'] === role.id);
    const steps = (role: Role) => about(role).map((n) => `${n.type}:${String(n.data['attempt'] ?? n.data['category'] ?? '')}`);
    assert.equal(steps(victim), ['DeviceBackupStarted:1', 'DeviceBackupStarted:2', 'SnapshotRecorded:'], 'the crash redelivery: started again, one outcome');
    const [killed, redelivered] = about(victim);
    assert.ok(String(killed!.data['workerId']).endsWith(`/${holder.pid}`), 'attempt 1 ran on the killed worker');
    assert.is.not(redelivered!.data['workerId'], killed!.data['workerId'], 'attempt 2 ran on another worker');
    assert.equal(steps(flaky), ['DeviceBackupStarted:1', 'SnapshotRecorded:'], 'the retry happened inside one delivery');
    const flakyLog = nodes.filter((n) => n.type === 'JobLogRecorded').flatMap((n) => n.data['entries'] as Array<{ deviceId?: string; message: string }>)
      .filter((e) => e.deviceId === flaky.id);
    assert.ok(flakyLog.some((e) => /^Attempt 1 failed \[protocol\]/.test(e.message)), `the retry is in the job log: ${JSON.stringify(flakyLog)}`);
    assert.equal(steps(refused), ['DeviceBackupStarted:1', 'DeviceBackupFailed:auth'], 'a refusal is not retried');
    const cancellation = first('JobCancelled');
    assert.is(cancellation.actor, 'user:admin', 'who cancelled');
    assert.ok(cancellation.position > redelivered!.position, 'cancelled after the redelivery');
    const cancelledIds = cancellation.data['cancelledDeviceIds'] as string[];
    assert.is(cancelledIds.length, cancelJob.cancelled);
    const ran = steady.filter((s) => !cancelledIds.includes(s.id));
    assert.equal(cancelledIds, steady.slice(ran.length).map((s) => s.id), 'the devices still queued, the last of the dispatch');
    for (const device of steady.slice(ran.length)) assert.equal(steps(device), [], `${device.name} never started`);
    for (const device of ran) {
      assert.equal(steps(device), ['DeviceBackupStarted:1', 'SnapshotRecorded:'], `${device.name} ran before the cancellation`);
      assert.ok(about(device)[0]!.position < cancellation.position);
    }
    const completion = nodes.at(-1)!;
    const succeeded = 2 + ran.length;
    assert.equal(completion.data, { ...completion.data, status: 'CANCELLED', succeeded, failed: 1, cancelled: cancelledIds.length });
    const pinned = nodes.filter((n) => n.type === 'DeviceHostKeyPinned').map((n) => n.stream).sort();
    assert.equal(pinned, [victim, flaky, ...ran].map((r) => `device-${r.id}`).sort(), 'each successful first backup pinned its host key');
    const text = JSON.stringify(nodes);
    for (const secret of [lab.devices[0]!.password, lab.devices[0]!.enablePassword ?? 'none', ...lab.devices.flatMap((d) => d.plantedSecrets)]) {
      assert.not.ok(text.includes(secret), 'no secret in the trail');
    }

    // stateAt after every event of the job, and before the first: what the trail says the job was.
    const stateAt = async (point: { p?: number; at?: string }) => (await graphql<{ job: { stateAt: unknown } }>(url,
      `query($id: ID!, $p: Int, $at: DateTime) { job(id: $id) { stateAt(position: $p, at: $at) { ${STATE_FIELDS} } } }`, { id: jobId, ...point })).job.stateAt;
    assert.is(await stateAt({ p: nodes[0]!.position - 1 }), null, 'nothing before the request');
    for (const event of jobEvents) assert.equal(await stateAt({ p: event.position }), expectedStatesAt(nodes, event.position), `state after ${event.type} #${event.position}`);
    const atRedelivery = jobEvents.filter((n) => Date.parse(n.at) <= Date.parse(redelivered!.at)).at(-1)!;
    assert.equal(await stateAt({ at: redelivered!.at }), expectedStatesAt(nodes, atRedelivery.position), 'state at the redelivery\'s time');

    // Folding the whole history reproduces the read model: with replayJob here, and through the API with stateAt.
    const replayed = replayJob(jobId, await control.store.readStream(`job-${jobId}`));
    assert.equal(replayed?.job, await findJob(control.db, jobId));
    assert.equal(replayed?.devices, await jobDevices(control.db, jobId));
    const { job: rows } = await graphql<{ job: { stateAt: unknown } & Record<string, unknown> }>(url,
      `query($id: ID!, $p: Int) { job(id: $id) { ${ROW_FIELDS} stateAt(position: $p) { ${ROW_FIELDS} } } }`, { id: jobId, p: completion.position });
    const { stateAt: folded, ...readModel } = rows;
    assert.equal(folded, readModel, 'stateAt at the last position answers exactly what the read model answers');

    // The CLI: the readable timeline, the state at the cancellation, JSON, and API errors with their code.
    const token = await signIn(url);
    const run = await auditCli([jobId, '--url', url, '--at', String(cancellation.position)], token);
    assert.is(run.code, 0, run.stderr);
    const expectedLines = [
      /user:admin asked for a backup of tags audit/,
      new RegExp(`dispatched by system:scheduler to ${registered.length} devices`),
      new RegExp(`${refused.name} failed \\[auth\\]`),
      new RegExp(`crash redelivery: ${victim.name} started again, attempt 2 on worker \\S+ \\(attempt 1 on \\S+/${holder.pid} ended without an outcome\\)`),
      new RegExp(`retry: ${flaky.name}: Attempt 1 failed \\[protocol\\]`),
      new RegExp(`job cancelled by user:admin: ${cancelledIds.length} queued devices? cancelled \\(${cancelledIds.map((id) => nameOf.get(id)).join(', ')}\\)`),
      new RegExp(`job completed: CANCELLED \\(${succeeded} succeeded, 1 failed, ${cancelledIds.length} cancelled\\)`),
    ];
    const lines = run.stdout.split('\n');
    const [asked, dispatched, refusal, redelivery, retry, cancelled, completed] = expectedLines.map((line) => lines.findIndex((l) => line.test(l))) as number[];
    const middle = [refusal!, redelivery!, retry!];
    assert.ok([asked, dispatched, ...middle, cancelled, completed].every((i) => i! >= 0), `every step is in the timeline:\n${run.stdout}`);
    assert.ok(asked! < dispatched! && dispatched! < Math.min(...middle) && Math.max(...middle) < cancelled! && cancelled! < completed!, `in order:\n${run.stdout}`);
    const then = expectedStatesAt(nodes, cancellation.position)!;
    assert.match(run.stdout, `State at position ${cancellation.position}: ${then.status}, ${then.deviceCount} devices, ${then.succeeded} succeeded, ${then.failed} failed, ${then.cancelled} cancelled`);
    for (const id of cancelledIds) assert.match(run.stdout, new RegExp(`  ${nameOf.get(id)}: CANCELLED, attempt 0`));
    const json = await auditCli([jobId, '--url', url, '--json', '--at', redelivered!.at], token);
    assert.is(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { job: { id: string; status: string }; history: Node[]; stateAt: { status: string; devices: Array<{ deviceId: string; status: string; attempts: number }> } };
    assert.equal([parsed.job.id, parsed.job.status, parsed.history.map((n) => n.position)], [jobId, 'CANCELLED', nodes.map((n) => n.position)]);
    const victimThen = parsed.stateAt.devices.find((d) => d.deviceId === victim.id);
    assert.equal([parsed.stateAt.status, victimThen?.status, victimThen?.attempts], ['RUNNING', 'RUNNING', 2], 'the state at the redelivery\'s time, as JSON');
    const missing = await auditCli(['no-such-job', '--url', url], token);
    assert.equal([missing.code, missing.stdout], [1, '']);
    assert.match(missing.stderr, /NOT_FOUND: job no-such-job not found/);
    const anonymous = await auditCli([jobId, '--url', url], undefined);
    assert.equal([anonymous.code, /UNAUTHENTICATED/.test(anonymous.stderr)], [1, true]);
    assert.is((await auditCli([jobId, '--url', url, '--at', 'yesterday-ish'], token)).code, 2);
  } finally {
    await deployment.stop();
    await lab.close();
  }
});

test.run();
