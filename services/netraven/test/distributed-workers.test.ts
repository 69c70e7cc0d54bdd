import { spawn, type ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab } from '@netraven/device-lab';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { eventually, freshTestDatabase, tempDir } from '@netraven/infra/testing';
import { jobDevices } from '@netraven/projections';
import { startNetRaven } from '../src/standalone.js';
import { parseRoles } from '../src/composition/roles.js';
import { createCredential, registerDevice, runBackup } from './standalone-fixture.js';
import { deleteStream } from './nats-cleanup.js';
import { TEST_ADMIN_PASSWORD } from './graphql-client.js';

const run = promisify(execFile);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.ts');
const natsUrl = process.env.NETRAVEN_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

test('3 workers on NATS, one killed with SIGKILL mid-job: one outcome per device, no duplicate commit, job completes', async () => {
  const database = await freshTestDatabase('netraven_dist');
  const dataDir = await tempDir('netraven-dist-');
  const suffix = randomBytes(4).toString('hex');
  const environment: Record<string, string> = {
    DATABASE_URL: database.connectionString,
    NETRAVEN_DATA_DIR: dataDir.path,
    NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    NATS_URL: natsUrl,
    NETRAVEN_NATS_STREAM: `NETRAVEN_TEST_${suffix}`,
    NETRAVEN_NATS_SUBJECT: `netraven.test.${suffix}`,
    NETRAVEN_NATS_DURABLE: `workers_${suffix}`,
    NETRAVEN_NATS_ACK_WAIT_MS: '2000',
    NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'),
    NETRAVEN_WORKER_CONCURRENCY: '4',
    NETRAVEN_LOG_LEVEL: 'warn',
    PORT: '0',
  };
  const lab = await startDeviceLab({ devices: Array.from({ length: 24 }, () => ({ faults: { commandLatencyMs: 150 } })) });
  const control = await startNetRaven(loadConfig(environment), createLogger('control', 'warn'), parseRoles('gateway,projector,scheduler'));
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const worker = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, 'start', '--roles', 'worker'], {
        env: { ...process.env, ...environment },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      workers.push(worker);
    }
    const [victim] = workers;
    const labDevice = lab.devices[0]!;
    const credentialId = await createCredential(control.graphqlUrl, labDevice.username, labDevice.password, labDevice.enablePassword);
    for (const device of lab.devices) {
      await registerDevice(control.graphqlUrl, credentialId, { name: device.name, host: device.host, port: device.port, tags: ['fleet'] });
    }
    const jobPromise = runBackup(control.graphqlUrl, { tags: ['fleet'] }, 90_000);

    // Kill the first worker while it holds sessions in flight.
    const victimId = `/${victim!.pid}`;
    const jobId = await eventually('the victim to be mid-backup', async () => {
      const rows = await control.db.selectFrom('job_devices').select(['job_id', 'worker_id', 'status']).execute();
      const busy = rows.find((r) => r.status === 'RUNNING' && r.worker_id?.endsWith(victimId));
      return busy?.job_id;
    }, 60_000, 20);
    victim!.kill('SIGKILL');

    const job = await jobPromise;
    assert.is(job.status, 'COMPLETED', JSON.stringify(job.devices.filter((d) => d.status !== 'SUCCEEDED')));
    assert.is(job.devices.length, 24);

    const outcomes = (await control.store.readStream(`job-${jobId}`)).filter((e) => e.type === 'SnapshotRecorded' || e.type === 'DeviceBackupFailed');
    const perDevice = new Map<string, number>();
    for (const e of outcomes) {
      const id = (e.data as { deviceId: string }).deviceId;
      perDevice.set(id, (perDevice.get(id) ?? 0) + 1);
    }
    assert.is(perDevice.size, 24);
    assert.ok([...perDevice.values()].every((n) => n === 1), 'exactly one outcome per device');
    const restarted = (await jobDevices(control.db, jobId)).filter((d) => d.attempts > 1);
    assert.ok(restarted.length > 0, 'at least one device was redelivered after the kill');

    const gitDir = join(dataDir.path, 'configs.git');
    // Devices of one job that finish together share a wave commit; none is ever committed twice.
    const { stdout: count } = await run('git', ['--git-dir', gitDir, 'rev-list', '--count', 'main']);
    assert.ok(Number(count.trim()) >= 1 && Number(count.trim()) <= 24, `${count.trim()} commits for 24 devices`);
    const { stdout: files } = await run('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', 'main']);
    assert.is(files.trim().split('\n').length, 24, 'every device has its file');
    for (const file of files.trim().split('\n')) {
      const { stdout: log } = await run('git', ['--git-dir', gitDir, 'log', '--format=%H', 'main', '--', file]);
      assert.is(log.trim().split('\n').length, 1, `${file} was committed once`);
    }
  } finally {
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => (w.exitCode !== null || w.signalCode !== null ? resolve() : w.once('exit', () => resolve())))));
    await control.stop();
    await lab.close();
    await deleteStream(natsUrl, `NETRAVEN_TEST_${suffix}`);
    await database.drop();
    await dataDir.remove();
  }
});

test.run();
