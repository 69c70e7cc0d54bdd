import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, tempDir, type TempDir } from '@netraven/infra/testing';
import { errorLines, freePort, freePortRange, startCli, stopLeftoverPostgres, type CliProcess } from './cli-process.js';
import { graphql } from './graphql-client.js';
import { deleteStream } from './nats-cleanup.js';

const run = promisify(execFile);
const DEVICES = 1000;
const NATS_URL = process.env.NETRAVEN_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

interface JobSummary {
  id: string;
  status: string;
  succeeded: number;
  failed: number;
}

interface Setup {
  dataDir: TempDir;
  pgPort: number;
  environment: Record<string, string>;
  args: string[];
}

async function setup(extra: Record<string, string>): Promise<Setup> {
  const dataDir = await tempDir('netraven-crash-');
  const pgPort = await freePort();
  const labPort = await freePortRange(DEVICES);
  return {
    dataDir, pgPort,
    environment: {
      NETRAVEN_DATA_DIR: dataDir.path, PORT: '0', NETRAVEN_EMBEDDED_PG_PORT: String(pgPort),
      NETRAVEN_LOG_LEVEL: 'warn', NETRAVEN_WORKER_CONCURRENCY: '20', ...extra,
    },
    // Slow devices keep the job running long enough to be killed in the middle of it.
    args: ['--lab', String(DEVICES), '--lab-port', String(labPort), '--lab-platforms', 'cisco_ios,arista_eos', '--lab-latency', '40'],
  };
}

async function labJob(url: string): Promise<JobSummary | undefined> {
  const { jobs } = await graphql<{ jobs: { nodes: JobSummary[] } }>(url, '{ jobs(first: 10) { nodes { id status succeeded failed } } }');
  return jobs.nodes[jobs.nodes.length - 1];
}

async function killMidJob(cli: CliProcess): Promise<string> {
  const url = await cli.url;
  const job = await eventually('the lab job to be part-way', async () => {
    const current = await labJob(url);
    return current && current.succeeded >= 100 ? current : undefined;
  }, 180_000);
  assert.is(job.status, 'RUNNING', 'killed in the middle of the job');
  assert.ok(job.succeeded < DEVICES);
  cli.signalGroup('SIGKILL');
  assert.is(await cli.exited, 137);
  return job.id;
}

async function assertCompletedOnce(s: Setup, url: string, jobId: string): Promise<void> {
  const job = await eventually(`job ${jobId} to complete after the restart`, async () => {
    const { job: current } = await graphql<{ job: JobSummary }>(url, 'query($id: ID!) { job(id: $id) { id status succeeded failed } }', { id: jobId });
    return current.status === 'RUNNING' || current.status === 'QUEUED' ? undefined : current;
  }, 240_000);
  assert.equal({ status: job.status, succeeded: job.succeeded, failed: job.failed }, { status: 'COMPLETED', succeeded: DEVICES, failed: 0 });

  const client = new pg.Client({ connectionString: `postgres://postgres:netraven@127.0.0.1:${s.pgPort}/netraven` });
  await client.connect();
  try {
    const { rows } = await client.query<{ outcomes: string; devices: string }>(
      `SELECT count(*) AS outcomes, count(DISTINCT data->>'deviceId') AS devices FROM eventstore.events
        WHERE stream_id = $1 AND event_type IN ('SnapshotRecorded', 'DeviceBackupFailed')`, [`job-${jobId}`]);
    assert.equal(rows[0], { outcomes: String(DEVICES), devices: String(DEVICES) }, 'exactly one outcome per device');
  } finally {
    await client.end();
  }

  // Every lab config is new to Git: each device file must appear in exactly one commit.
  const { stdout } = await run('git', ['--git-dir', join(s.dataDir.path, 'configs.git'), 'log', '--format=', '--name-only'], { maxBuffer: 64 * 1024 * 1024 });
  const touches = new Map<string, number>();
  for (const path of stdout.split('\n').filter(Boolean)) touches.set(path, (touches.get(path) ?? 0) + 1);
  assert.is(touches.size, DEVICES, 'one file per device');
  assert.equal([...touches.values()].filter((count) => count !== 1), [], 'no config committed twice');
}

async function crashAndRecover(extra: Record<string, string>): Promise<void> {
  const s = await setup(extra);
  let second: CliProcess | undefined;
  try {
    const first = startCli(s.args, s.environment);
    const jobId = await killMidJob(first);
    second = startCli(s.args, s.environment);
    const restarted = second;
    await assertCompletedOnce(s, await restarted.url, jobId).catch((error: unknown) => {
      // A stuck recovery is diagnosed from what the restarted process said (warnings included).
      const tail = restarted.output().split('\n').slice(-60).join('\n');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- restarted process output (last 60 lines) ---\n${tail}`, { cause: error });
    });
    second.signalGroup('SIGINT');
    assert.is(await second.exited, 0, 'a clean stop after the recovery');
    assert.equal(errorLines(second.output()), []);
  } finally {
    if (second && second.child.exitCode === null) second.signalGroup('SIGKILL');
    await stopLeftoverPostgres(s.dataDir.path, s.pgPort).catch(() => undefined);
    await s.dataDir.remove();
  }
}

const crash = suite('SIGKILL in the middle of a 1,000-device job');

crash('standalone (embedded PostgreSQL, embedded queue): the job completes after a restart, one outcome and one commit per device', async () => {
  await crashAndRecover({});
});

crash('standalone on NATS JetStream: the same after the process (worker included) is killed', async () => {
  const suffix = `${process.pid}_${Date.now()}`;
  try {
    await crashAndRecover({
      NATS_URL, NETRAVEN_NATS_STREAM: `CRASH_${suffix}`, NETRAVEN_NATS_SUBJECT: `netraven.crash.${suffix}`,
      NETRAVEN_NATS_DURABLE: `crash_${suffix}`, NETRAVEN_NATS_ACK_WAIT_MS: '3000',
    });
  } finally {
    await deleteStream(NATS_URL, `CRASH_${suffix}`).catch(() => undefined);
  }
});

crash.run();
