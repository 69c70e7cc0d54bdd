import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { graphql } from './graphql-client.js';
import { createCredential, openStandalone, runBackup, type JobView, type StandaloneFixture } from './standalone-fixture.js';

// One backup of a lab with every platform, each config full of its vendor's secrets; afterwards no
// planted value may be found anywhere NetRaven keeps text: Git, the event log, the read models, the job's logs.

const run = promisify(execFile);
const PLATFORMS = [
  'cisco_ios', 'cisco_iosxe', 'cisco_nxos', 'cisco_iosxr', 'cisco_asa', 'arista_eos', 'dell_os10', 'juniper_junos',
  'hp_procurve', 'aruba_aoscx', 'mikrotik_routeros', 'fortinet_fortios', 'paloalto_panos', 'huawei_vrp', 'linux',
];

interface Context {
  lab: DeviceLab;
  standalone: StandaloneFixture;
  job: JobView;
  secrets: string[];
}

const it = suite<Context>('no planted secret leaves a backup, wherever NetRaven stores text');

it.before(async (ctx) => {
  ctx.lab = await startDeviceLab({ devices: PLATFORMS.map((platform) => ({ platform, name: `sec-${platform.replace(/_/g, '-')}` })) });
  ctx.standalone = await openStandalone();
  ctx.secrets = ctx.lab.devices.flatMap((device) => device.plantedSecrets);
  const device = ctx.lab.devices[0];
  if (!device) throw new Error('the lab has no devices');
  const credentialId = await createCredential(ctx.standalone.url, device.username, device.password, 'lab-enable');
  const deviceIds: string[] = [];
  for (const labDevice of ctx.lab.devices) {
    const { registerDevice } = await graphql<{ registerDevice: { id: string } }>(ctx.standalone.url,
      'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
      { input: { name: labDevice.name, host: labDevice.host, port: labDevice.port, platform: labDevice.platform, credentialId } });
    deviceIds.push(registerDevice.id);
  }
  ctx.job = await runBackup(ctx.standalone.url, { deviceIds }, 120_000);
});

it.after(async (ctx) => {
  await ctx.standalone?.dispose();
  await ctx.lab?.close();
});

function assertNoSecretIn(text: string, where: string, secrets: readonly string[]): void {
  const leaked = secrets.filter((secret) => text.includes(secret));
  assert.equal(leaked, [], `planted secrets found in ${where}`);
}

it('every device was backed up, and the lab planted secrets to look for', (ctx) => {
  assert.equal(ctx.job.devices.filter((device) => device.status !== 'SUCCEEDED'), [], 'every device succeeded');
  assert.is(ctx.job.status, 'COMPLETED');
  assert.ok(ctx.secrets.length >= 100, `${ctx.secrets.length} planted secrets`);
});

it('no Git object of the configs repository holds one, in any commit', async (ctx) => {
  const gitDir = `${ctx.standalone.dataDir.path}/configs.git`;
  const { stdout } = await run('git', ['--git-dir', gitDir, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 256 * 1024 * 1024 });
  assert.ok(stdout.includes('hostname sec-cisco-ios'), 'the configs are in the repository');
  assertNoSecretIn(stdout, 'the Git repository', ctx.secrets);
});

it('no event (data or metadata) and no read-model row holds one', async (ctx) => {
  const client = new pg.Client({ connectionString: ctx.standalone.databaseUrl });
  await client.connect();
  try {
    const events = await client.query<{ text: string }>('SELECT data::text || metadata::text AS text FROM eventstore.events');
    assert.ok(events.rows.length > 0);
    assertNoSecretIn(events.rows.map((row) => row.text).join('\n'), 'eventstore.events', ctx.secrets);
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'eventstore')`,
    );
    for (const table of tables.rows) {
      const dump = await client.query<{ text: string }>(`SELECT t::text AS text FROM ${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)} t`);
      assertNoSecretIn(dump.rows.map((row) => row.text).join('\n'), `${table.schema}.${table.name}`, ctx.secrets);
    }
  } finally {
    await client.end();
  }
});

it("the job's logs through GraphQL hold none", (ctx) => {
  assert.ok(ctx.job.logs.length > 0);
  assertNoSecretIn(ctx.job.logs.map((line) => line.message).join('\n'), 'the job logs', ctx.secrets);
});

it.run();
