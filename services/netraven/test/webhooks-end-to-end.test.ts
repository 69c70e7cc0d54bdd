import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifySignature } from '@netraven/application';
import { startDeviceLab, type DeviceLab } from '@netraven/device-lab';
import { eventually } from '@netraven/infra/testing';
import { graphql } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice, runBackup, type StandaloneFixture } from './standalone-fixture.js';

interface Context {
  fx: StandaloneFixture;
  lab: DeviceLab;
  server: Server;
  received: Array<{ headers: IncomingHttpHeaders; body: string }>;
  receiverUrl: string;
}

const SECRET = 'end-to-end-webhook-secret';
const e2e = suite<Context>('notifications end to end: lab backup → Git → webhook receiver');

e2e.before(async (ctx) => {
  ctx.received = [];
  ctx.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      ctx.received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => ctx.server.listen(0, '127.0.0.1', resolve));
  ctx.receiverUrl = `http://127.0.0.1:${(ctx.server.address() as AddressInfo).port}/netraven`;
  ctx.lab = await startDeviceLab({ devices: 1 });
  ctx.fx = await openStandalone();
});

e2e.after(async (ctx) => {
  await ctx.fx?.dispose();
  await ctx.lab?.close();
  ctx.server.closeAllConnections();
  await new Promise<void>((resolve) => ctx.server.close(() => resolve()));
});

interface Delivery { id: string; status: string; event: string; deviceId: string; attempts: number; attemptLog: Array<{ statusCode: number | null; outcome: string }> }

e2e('a drifted lab config reaches the receiver once, signed, with its unified diff; the delivery log shows it', async (ctx) => {
  const { url } = ctx.fx;
  const labDevice = ctx.lab.devices[0]!;
  const credentialId = await createCredential(url, labDevice.username, labDevice.password, labDevice.enablePassword);
  const deviceId = await registerDevice(url, credentialId, { name: labDevice.name, host: labDevice.host, port: labDevice.port, tags: ['core'] });
  const { createWebhook } = await graphql<{ createWebhook: { id: string } }>(url,
    'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id } }', { i: { url: ctx.receiverUrl, events: ['CONFIG_CHANGED'], tags: ['core'], secret: SECRET } });

  assert.is((await runBackup(url, { deviceIds: [deviceId] })).status, 'COMPLETED'); // first: nothing to compare with
  assert.is((await runBackup(url, { deviceIds: [deviceId] })).devices[0]?.changed, false);
  ctx.lab.driftConfig(labDevice.name);
  const drifted = await runBackup(url, { deviceIds: [deviceId] });
  assert.is(drifted.devices[0]?.changed, true);
  assert.is((await runBackup(url, { deviceIds: [deviceId] })).devices[0]?.changed, false);

  const deliveries = await eventually('the delivery is logged as delivered', async () => {
    const { webhookDeliveries } = await graphql<{ webhookDeliveries: Delivery[] }>(url,
      'query($id: ID!) { webhookDeliveries(webhookId: $id) { id status event deviceId attempts attemptLog { statusCode outcome } } }', { id: createWebhook.id });
    return webhookDeliveries.length > 0 && webhookDeliveries.every((d) => d.status !== 'PENDING') ? webhookDeliveries : undefined;
  });
  // The last backup was unchanged: once the matcher has read past its snapshot, no second delivery can come.
  const client = new pg.Client({ connectionString: ctx.fx.databaseUrl });
  await client.connect();
  try {
    await eventually('the matcher read every snapshot', async () => {
      const { rows } = await client.query<{ behind: string }>(`SELECT (SELECT count(*) FROM eventstore.events e
          WHERE e.event_type = 'SnapshotRecorded' AND (e.transaction_id::text::bigint, e.global_position) > (c.position_commit::bigint, c.position_prepare::bigint)) AS behind
        FROM projection_checkpoints c WHERE c.projection = 'scheduler:webhook-matcher'`);
      return rows[0]?.behind === '0' ? true : undefined;
    });
  } finally {
    await client.end();
  }
  const { webhookDeliveries: again } = await graphql<{ webhookDeliveries: Delivery[] }>(url, 'query($id: ID!) { webhookDeliveries(webhookId: $id) { id } }', { id: createWebhook.id });
  assert.is(again.length, 1);
  assert.equal(deliveries.map((d) => [d.event, d.deviceId, d.status, d.attempts]), [['CONFIG_CHANGED', deviceId, 'DELIVERED', 1]]);
  assert.is(ctx.received.length, 1);
  const [request] = ctx.received;
  assert.ok(verifySignature(SECRET, request?.body ?? '', request?.headers['x-netraven-signature'] as string));
  assert.is(request?.headers['x-netraven-delivery'], deliveries[0]?.id);
  const payload = JSON.parse(request?.body ?? '{}') as { job: { id: string }; device: { name: string }; diff: string; change: { linesAdded: number } };
  assert.is(payload.job.id, drifted.id);
  assert.is(payload.device.name, labDevice.name);
  assert.match(payload.diff, `--- a/${deviceId}/config.cfg`);
  assert.match(payload.diff, /\n\+.*(CKT-|access-list)/, 'the drift is in the diff');
  assert.ok(payload.change.linesAdded >= 1);
});

e2e.run();
