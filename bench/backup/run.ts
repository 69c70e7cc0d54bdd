// bench/backup: end-to-end backup throughput of NetRaven against the SSH device lab (in its own
// process), and the original design's Netmiko baseline on the same lab. One JSON line per figure.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { freshTestDatabase, tempDir, testDatabaseServerUrl } from '@netraven/infra/testing';
import { findJob, jobDevices } from '@netraven/projections';
import { parseRoles, startNetRaven, systemActor } from '@netraven/cli';
import { percentile, report } from '../support/metrics.js';
import { startLabProcess, type LabDeviceInfo } from './lab-process.js';
import { startWorkerProcess } from './worker-process.js';
import { reportBackup, type BackupMode } from './backup-report.js';
import { runEmbeddedScenario } from './embedded-scenario.js';
import { processCpuMs } from './process-cpu.js';
import { reportHostCalibration } from '../support/host-calibration.js';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '1000:0,10000:0,10000:50' },
    concurrency: { type: 'string', default: '500' },
    'baseline-sample': { type: 'string', default: '40' },
    'nats-url': { type: 'string', default: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' },
    // Below Linux's ephemeral range (32768+) and clear of the services this machine kind runs (RabbitMQ: 25672).
    'lab-port': { type: 'string', default: '10000' },
    // nats: control process + worker process on NATS JetStream; embedded: `netraven start` as shipped.
    modes: { type: 'string', default: 'nats,embedded' },
  },
});

interface ScenarioRate { readonly scenario: string; readonly mode: BackupMode; readonly rate: number }

async function runScenario(devices: number, latencyMs: number, concurrency: number): Promise<ScenarioRate[]> {
  const tag = `${devices}dev_${latencyMs}ms`;
  const modes = values.modes!.split(',');
  const lab = await startLabProcess({ devices, basePort: Number(values['lab-port']), latencyMs });
  try {
    const rates: ScenarioRate[] = [];
    if (modes.includes('nats')) rates.push({ scenario: tag, mode: 'nats', rate: await runNatsScenario(lab.devices, tag, concurrency, lab.pid) });
    if (modes.includes('embedded')) rates.push({ scenario: tag, mode: 'embedded', rate: await runEmbeddedScenario(lab.devices, tag, lab.pid) });
    return rates;
  } finally {
    await lab.stop();
  }
}

async function runNatsScenario(labDevices: readonly LabDeviceInfo[], tag: string, concurrency: number, labPid: number): Promise<number> {
  const devices = labDevices.length;
  const lab = { devices: labDevices };
  const database = await freshTestDatabase('netraven_bench');
  const dataDir = await tempDir('netraven-bench-');
  const suffix = randomBytes(4).toString('hex');
  const environment = {
    DATABASE_URL: database.connectionString,
    NETRAVEN_DATA_DIR: dataDir.path,
    NATS_URL: values['nats-url']!,
    NETRAVEN_NATS_STREAM: `NETRAVEN_BENCH_${suffix}`,
    NETRAVEN_NATS_SUBJECT: `netraven.bench.${suffix}`,
    NETRAVEN_NATS_DURABLE: `bench_${suffix}`,
    NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'),
    NETRAVEN_WORKER_CONCURRENCY: String(concurrency),
    NETRAVEN_COMMAND_TIMEOUT_MS: '120000',
    NETRAVEN_CONNECT_TIMEOUT_MS: '60000',
    NETRAVEN_LOG_LEVEL: 'error',
    PORT: '0',
  };
  const control = await startNetRaven(loadConfig(environment), createLogger('bench', 'error'), parseRoles('projector,scheduler'));
  const worker = await startWorkerProcess(environment);
  try {
    const first = lab.devices[0]!;
    const credential = await control.commands.createCredential(systemActor('bench'), {
      name: 'lab', username: first.username, password: first.password, ...(first.enablePassword ? { enablePassword: first.enablePassword } : {}),
    });
    for (let i = 0; i < lab.devices.length; i += 100) {
      await Promise.all(lab.devices.slice(i, i + 100).map((d) =>
        control.commands.registerDevice(systemActor('bench'), { name: d.name, host: d.host, port: d.port, platform: d.platform, credentialId: credential.id, tags: ['bench'] })));
    }
    await worker.ready();
    const started = Date.now();
    const cpuBefore = { bench: process.cpuUsage(), worker: await processCpuMs(worker.pid), lab: await processCpuMs(labPid) };
    const job = await control.commands.scheduleBackup(systemActor('bench'), { tags: ['bench'] });
    for (;;) {
      const row = await findJob(control.db, job.id);
      if (row && ['COMPLETED', 'FAILED'].includes(row.status)) break;
      if (Date.now() - started > 15 * 60_000) throw new Error(`job ${job.id} did not finish in 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const controlCpu = process.cpuUsage(cpuBefore.bench);
    const controlCpuMs = (controlCpu.user + controlCpu.system) / 1000;
    const workerCpuMs = (await processCpuMs(worker.pid)) - cpuBefore.worker;
    const cpuMs = controlCpuMs + workerCpuMs;
    const labCpuMs = (await processCpuMs(labPid)) - cpuBefore.lab;
    const rows = await jobDevices(control.db, job.id);
    const durations = rows.filter((r) => r.started_at && r.finished_at).map((r) => r.finished_at!.getTime() - r.started_at!.getTime());
    const failed = rows.filter((r) => r.status === 'FAILED');
    const rate = devices / seconds;
    const context = { scenario: tag, mode: 'nats' } as const;
    reportBackup(context, 'backup.devices_per_second', rate, 'devices/s', { concurrency });
    reportBackup(context, 'backup.job_seconds', seconds, 's');
    reportBackup(context, 'backup.device_duration_p50', percentile(durations, 50), 'ms');
    reportBackup(context, 'backup.device_duration_p99', percentile(durations, 99), 'ms');
    reportBackup(context, 'backup.failed_devices', failed.length, 'devices', { categories: [...new Set(failed.map((f) => f.error_category))] });
    reportBackup(context, 'backup.worker_peak_rss', await worker.peakRssMiB(), 'MiB', { concurrency, process: 'worker' });
    reportBackup(context, 'backup.cpu_ms_per_device', cpuMs / devices, 'ms', { processes: 'control+worker' });
    reportBackup(context, 'backup.worker_cpu_ms_per_device', workerCpuMs / devices, 'ms');
    reportBackup(context, 'backup.control_cpu_ms_per_device', controlCpuMs / devices, 'ms');
    reportBackup(context, 'backup.lab_cpu_ms_per_device', labCpuMs / devices, 'ms');
    return rate;
  } finally {
    await worker.stop();
    await control.stop();
    await database.drop();
    await dataDir.remove();
    await deleteStream(values['nats-url']!, `NETRAVEN_BENCH_${suffix}`);
  }
}

async function runBaseline(sample: number): Promise<number> {
  const lab = await startLabProcess({ devices: sample, basePort: Number(values['lab-port']), latencyMs: 0 });
  try {
    const script = fileURLToPath(new URL('./netmiko_baseline.py', import.meta.url));
    const child = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(lab.devices.map((d) => JSON.stringify(d)).join('\n'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    const result = JSON.parse(output) as { devices: number; failures: number; seconds: number; durations: number[] };
    const rate = (result.devices - result.failures) / result.seconds;
    report('baseline_netmiko.devices_per_second', rate, 'devices/s', { devices: result.devices, failures: result.failures, threads: 5 });
    report('baseline_netmiko.device_duration_p50', percentile(result.durations.map((s) => s * 1000), 50), 'ms');
    return rate;
  } finally {
    await lab.stop();
  }
}

async function deleteStream(servers: string, stream: string): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream);
  } catch (error) {
    console.error(`could not delete NATS stream ${stream}: ${String(error)}`);
  } finally {
    await nc.close();
  }
}

const concurrency = Number(values.concurrency);
await reportHostCalibration(testDatabaseServerUrl());
const rates: ScenarioRate[] = [];
for (const scenario of values.scenarios!.split(',')) {
  const [devices, latency] = scenario.split(':').map(Number);
  rates.push(...(await runScenario(devices!, latency ?? 0, concurrency)));
}
const sample = Number(values['baseline-sample']);
if (sample > 0) {
  const baseline = await runBaseline(sample);
  for (const { scenario, mode, rate } of rates) reportBackup({ scenario, mode }, 'backup.speedup_vs_netmiko', rate / baseline, 'x');
}
