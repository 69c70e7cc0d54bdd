import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { postmasterRunning } from '@netraven/infra/db';
import { eventually, tempDir } from '@netraven/infra/testing';
import { freePort, freePortRange, startCli, stopLeftoverPostgres } from './cli-process.js';
import { graphql, signIn } from './graphql-client.js';
import { runBackup } from './standalone-fixture.js';

const DEVICES = 3;

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n', 1)[0]);
}

test('netraven start on its embedded PostgreSQL: the database killed with SIGKILL is started again, and backups carry on without a restart of NetRaven', async () => {
  const dataDir = await tempDir('netraven-pg-kill-');
  const pgPort = await freePort();
  const labPort = await freePortRange(DEVICES);
  const cli = startCli(['--lab', String(DEVICES), '--lab-port', String(labPort)], {
    NETRAVEN_DATA_DIR: dataDir.path, PORT: '0', NETRAVEN_EMBEDDED_PG_PORT: String(pgPort), NETRAVEN_LOG_LEVEL: 'info',
  });
  try {
    const url = await cli.url;
    await eventually('the lab job to complete', async () => {
      const { jobs } = await graphql<{ jobs: { nodes: Array<{ status: string }> } }>(url, '{ jobs(first: 5) { nodes { status } } }');
      return jobs.nodes.some((job) => job.status === 'COMPLETED') ? true : undefined;
    }, 60_000);

    const token = await signIn(url);
    const killed = await postmasterPid(dataDir.path);
    process.kill(killed, 'SIGKILL');
    // Asked while the server is down: a typed, retryable refusal (unless the keeper already brought it back).
    const during = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ devices(first: 10) { nodes { id } } }' }),
    }).then((response) => response.json() as Promise<{ errors?: Array<{ extensions?: { code?: string } }> }>);
    for (const error of during.errors ?? []) assert.is(error.extensions?.code, 'SERVICE_UNAVAILABLE', JSON.stringify(during.errors));
    await eventually('the embedded PostgreSQL to be started again', async () =>
      cli.output().includes('embedded PostgreSQL is running again') ? true : undefined, 60_000);
    assert.ok(await postmasterRunning(join(dataDir.path, 'postgres')));
    assert.is.not(await postmasterPid(dataDir.path), killed, 'a new server');
    assert.match(cli.output(), /embedded PostgreSQL is not running; starting it again/);

    const { devices } = await graphql<{ devices: { nodes: Array<{ id: string }> } }>(url, '{ devices(first: 10) { nodes { id } } }');
    assert.is(devices.nodes.length, DEVICES, 'the inventory survived');
    const job = await runBackup(url, { deviceIds: devices.nodes.map((d) => d.id) }, 60_000);
    assert.is(job.status, 'COMPLETED');
    assert.equal(job.devices.map((d) => d.status), Array(DEVICES).fill('SUCCEEDED'));

    cli.signalGroup('SIGINT');
    assert.is(await cli.exited, 0, 'a clean stop: the server stopped on purpose is not started again');
    assert.not.ok(await postmasterRunning(join(dataDir.path, 'postgres')));
  } finally {
    if (cli.child.exitCode === null) cli.signalGroup('SIGKILL');
    await stopLeftoverPostgres(dataDir.path, pgPort).catch(() => undefined);
    await dataDir.remove();
  }
});

test.run();
