import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab } from '@netraven/device-lab';
import { loadConfig } from '@netraven/infra/config';
import { createLogger } from '@netraven/infra/log';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '@netraven/infra/db';
import { eventually, tempDir } from '@netraven/infra/testing';
import { startNetRaven } from '../src/standalone.js';
import { freePort } from './cli-process.js';
import { createCredential, registerDevice, runBackup } from './standalone-fixture.js';
import { TEST_ADMIN_PASSWORD } from './graphql-client.js';

interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean }>;
  followers: Array<{ name: string; state: string; lag?: number }>;
}

async function readiness(graphqlUrl: string): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/readyz'));
  return { status: response.status, body: (await response.json()) as Readiness };
}

/** A NATS server of the test's own, with JetStream on disk so a restart keeps the stream. */
function startNats(port: number, storeDir: string): ChildProcess {
  return spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
}

async function stopNats(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

const outage = suite('database and NATS restarts under a running NetRaven');

outage('backups scheduled after PostgreSQL and NATS restarts complete without restarting NetRaven; /readyz goes red, then green', async () => {
  const dir = await tempDir('netraven-outage-');
  const pgPort = await freePort();
  const natsPort = await freePort();
  mkdirSync(join(dir.path, 'nats'));
  // The cluster runs as `postgres` when the tests run as root: it must pass through the private temp dir.
  chmodSync(dir.path, 0o701);
  let database: EmbeddedPostgresServer = await startEmbeddedPostgres({ dataDir: join(dir.path, 'pg'), port: pgPort });
  let nats = startNats(natsPort, join(dir.path, 'nats'));
  const lines: string[] = [];
  const logger = createLogger('netraven-outage', 'info', new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString('utf8')), done()) }));
  const lab = await startDeviceLab({ devices: 3 });
  const netraven = await startNetRaven(loadConfig({
    DATABASE_URL: database.connectionString, NATS_URL: `nats://127.0.0.1:${natsPort}`, NETRAVEN_DATA_DIR: join(dir.path, 'data'), NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    NETRAVEN_VAULT_KEY: randomBytes(32).toString('base64'), NETRAVEN_NATS_ACK_WAIT_MS: '3000', PORT: '0',
  }), logger);
  const url = netraven.graphqlUrl;
  try {
    const labDevice = lab.devices[0]!;
    const credentialId = await createCredential(url, labDevice.username, labDevice.password, labDevice.enablePassword);
    for (const device of lab.devices) await registerDevice(url, credentialId, { name: device.name, host: device.host, port: device.port, tags: ['fleet'] });
    assert.is((await runBackup(url, { tags: ['fleet'] })).status, 'COMPLETED');
    const before = await readiness(url);
    assert.is(before.status, 200);
    assert.ok(before.body.followers.some((f) => f.name === 'dispatcher' && f.state === 'running' && f.lag === 0), JSON.stringify(before.body));

    await database.stop();
    const red = await eventually('/readyz to go red with the database down', async () => {
      const answer = await readiness(url);
      return answer.status === 503 && answer.body.checks.eventStore?.ok === false ? answer : undefined;
    }, 30_000);
    assert.is(red.body.ready, false);
    database = await startEmbeddedPostgres({ dataDir: join(dir.path, 'pg'), port: pgPort });
    await eventually('/readyz to go green again', async () => ((await readiness(url)).status === 200 ? true : undefined), 60_000);
    assert.is((await runBackup(url, { tags: ['fleet'] }, 60_000)).status, 'COMPLETED', 'a backup after the database restart');

    await stopNats(nats);
    await eventually('/readyz to go red with NATS down', async () => {
      const answer = await readiness(url);
      return answer.status === 503 && answer.body.checks.queue?.ok === false ? true : undefined;
    }, 30_000);
    nats = startNats(natsPort, join(dir.path, 'nats'));
    await eventually('/readyz to go green after NATS is back', async () => ((await readiness(url)).status === 200 ? true : undefined), 60_000);
    assert.is((await runBackup(url, { tags: ['fleet'] }, 60_000)).status, 'COMPLETED', 'a backup after the NATS restart');

    // One line per follower and outage, not one per retry.
    const outageLines = lines.filter((line) => line.includes('restarting from its checkpoint with backoff'));
    const perFollower = new Map<string, number>();
    for (const line of outageLines) {
      const component = (JSON.parse(line) as { component: string }).component;
      perFollower.set(component, (perFollower.get(component) ?? 0) + 1);
    }
    assert.ok(outageLines.length > 0, 'the outage was logged');
    assert.equal([...perFollower.entries()].filter(([, count]) => count > 1), [], `each follower reported the database outage once: ${outageLines.join('')}`);
  } finally {
    await netraven.stop();
    await lab.close();
    await stopNats(nats);
    await database.stop().catch(() => undefined);
    await dir.remove();
  }
});

outage.run();
