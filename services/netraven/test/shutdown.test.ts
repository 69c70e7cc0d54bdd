import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, tempDir } from '@netraven/infra/testing';
import { errorLines, freePort, freePortRange, startCli, stopLeftoverPostgres, type CliProcess } from './cli-process.js';
import { graphql } from './graphql-client.js';

interface JobView {
  id: string;
  status: string;
  succeeded: number;
  failed: number;
  devices: { nodes: Array<{ status: string }> };
}

const JOB_QUERY = '{ jobs(first: 5) { nodes { id status succeeded failed devices { nodes { status } } } } }';

const shutdown = suite('clean shutdown');

shutdown('SIGINT to the process group of `netraven start --lab 5` during a job: exit 0, no error lines, the job completes after the next start', async () => {
  const dataDir = await tempDir('netraven-sigint-');
  const pgPort = await freePort();
  const environment = { NETRAVEN_DATA_DIR: dataDir.path, PORT: '0', NETRAVEN_EMBEDDED_PG_PORT: String(pgPort), NETRAVEN_LOG_LEVEL: 'info' };
  // Each command takes 700 ms on these devices: the first job is surely running when Ctrl-C comes.
  const args = ['--lab', '5', '--lab-port', String(await freePortRange(5)), '--lab-latency', '700'];
  let second: CliProcess | undefined;
  try {
    const first = startCli(args, environment);
    const url = await first.url;
    const running = await eventually('a device session in progress', async () => {
      const { jobs } = await graphql<{ jobs: { nodes: JobView[] } }>(url, JOB_QUERY);
      const job = jobs.nodes[0];
      return job && job.devices.nodes.some((d) => d.status === 'RUNNING') ? job : undefined;
    }, 60_000);
    assert.is(running.status, 'RUNNING');

    first.signalGroup('SIGINT');
    assert.is(await first.exited, 0, `exit code 0; output:\n${first.output().slice(-3000)}`);
    assert.equal(errorLines(first.output()), [], 'no line at error level, no stack trace');
    assert.match(first.output(), /"msg":"stopped"/);

    second = startCli(args, environment);
    const url2 = await second.url;
    const finished = await eventually(`job ${running.id} to complete`, async () => {
      const { job } = await graphql<{ job: JobView }>(url2, 'query($id: ID!) { job(id: $id) { id status succeeded failed devices { nodes { status } } } }', { id: running.id });
      return job.status === 'COMPLETED' || job.status === 'FAILED' ? job : undefined;
    }, 120_000);
    assert.equal({ status: finished.status, succeeded: finished.succeeded }, { status: 'COMPLETED', succeeded: 5 });
    second.signalGroup('SIGTERM');
    assert.is(await second.exited, 0);
    assert.equal(errorLines(second.output()), []);
  } finally {
    if (second && second.child.exitCode === null) second.signalGroup('SIGKILL');
    await stopLeftoverPostgres(dataDir.path, pgPort).catch(() => undefined);
    await dataDir.remove();
  }
});

shutdown.run();
