import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { verifySignature } from '@netraven/application';
import { openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { assertAccepted, assertRefused } from './bad-input-client.js';
import { call, codeOf, createUser, login } from './access-fixture.js';

const SECRET = 'never-shown-again-5f1c';
const CREATE = 'mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { id url events tags format hasSecret createdBy } }';
const it = suite<{ fx: GatewayFixture }>('webhooks over GraphQL');
it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
});
it.after(async (ctx) => ctx.fx.dispose());

const valid = { url: 'https://hooks.example.com/netraven', events: ['CONFIG_CHANGED', 'BACKUP_FAILED'], secret: SECRET };

it('a webhook is created, listed and edited; the secret is never answered, logged in events or kept in a read model', async ({ fx }) => {
  const data = await assertAccepted(fx, CREATE, { i: { ...valid, tags: [' edge ', 'core'] } });
  const created = data['createWebhook'] as { id: string; events: string[]; tags: string[]; format: string; hasSecret: boolean; createdBy: string };
  assert.equal([created.events, created.tags, created.format, created.hasSecret, created.createdBy], [['CONFIG_CHANGED', 'BACKUP_FAILED'], ['core', 'edge'], 'JSON', true, 'user:admin']);
  const edited = await assertAccepted(fx, 'mutation($id: ID!) { updateWebhook(id: $id, input: { events: [JOB_FAILED], secret: "another-secret-of-16" }) { events tags hasSecret } }', { id: created.id });
  assert.equal(edited['updateWebhook'], { events: ['JOB_FAILED'], tags: ['core', 'edge'], hasSecret: true });
  const listed = await assertAccepted(fx, '{ webhooks { id url } }');
  assert.equal(listed['webhooks'], [{ id: created.id, url: valid.url }]);

  const { rows: events } = await sql<{ data: unknown; metadata: unknown }>`SELECT data, metadata FROM eventstore.events WHERE stream_id = ${`webhook-${created.id}`}`.execute(fx.db);
  assert.is(events.length, 3, 'created, secret changed, updated');
  assert.not.ok(JSON.stringify(events).includes(SECRET));
  assert.not.ok(JSON.stringify(events).includes('another-secret-of-16'));
  const { rows: readModel } = await sql`SELECT * FROM webhooks`.execute(fx.db);
  assert.not.ok(JSON.stringify(readModel).includes(SECRET));
  const { __type } = (await assertAccepted(fx, '{ __type(name: "Webhook") { fields { name } } }')) as { __type: { fields: Array<{ name: string }> } };
  assert.not.ok(__type.fields.some((f) => /secret/i.test(f.name) && f.name !== 'hasSecret'), 'no field shows the secret');
});

it('bad input is refused with the field at fault and appends nothing', async ({ fx }) => {
  const refuse = (i: Record<string, unknown>, field: string) => assertRefused(fx, { query: CREATE, variables: { i } }, { code: 'BAD_USER_INPUT', field });
  await refuse({ ...valid, url: 'ftp://files.example.com/x' }, 'url');
  await refuse({ ...valid, url: 'not a url' }, 'url');
  await refuse({ ...valid, url: 'https://user:pw@hooks.example.com/' }, 'url');
  await refuse({ ...valid, url: `https://example.com/${'x'.repeat(3000)}` }, 'url');
  await refuse({ ...valid, events: [] }, 'events');
  await refuse({ ...valid, secret: 'short' }, 'secret');
  await refuse({ url: valid.url, events: ['JOB_FAILED'] }, 'secret');
  await refuse({ ...valid, tags: [''] }, 'tags');
  await assertRefused(fx, { query: CREATE, variables: { i: { ...valid, events: ['EVERYTHING'] } } }, { code: 'BAD_USER_INPUT' });
  await assertRefused(fx, { query: '{ webhookDeliveries(webhookId: "nope") { id } }' }, { code: 'NOT_FOUND', field: 'webhookId' });
  await assertRefused(fx, { query: 'mutation { deleteWebhook(id: "nope") { id } }' }, { code: 'NOT_FOUND', field: 'id' });
  // Slack and Teams cannot check a signature: their secret is optional.
  await assertAccepted(fx, CREATE, { i: { url: 'https://hooks.slack.com/services/T0/B0/x', events: ['JOB_FAILED'], format: 'SLACK' } });
});

it('testWebhook sends a signed PING to the receiver and says what it answered; a deleted webhook is gone', async ({ fx }) => {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const { createWebhook } = (await assertAccepted(fx, CREATE, { i: { ...valid, url } })) as { createWebhook: { id: string } };
    const tested = await assertAccepted(fx, 'mutation($id: ID!) { testWebhook(id: $id) { ok statusCode error } }', { id: createWebhook.id });
    assert.equal(tested['testWebhook'], { ok: true, statusCode: 204, error: null });
    assert.is(received.length, 1);
    assert.ok(verifySignature(SECRET, received[0]?.body ?? '', received[0]?.headers['x-netraven-signature'] as string));
    assert.is((JSON.parse(received[0]?.body ?? '{}') as { event: string }).event, 'PING');
    await assertAccepted(fx, 'mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id: createWebhook.id });
    const listed = (await assertAccepted(fx, '{ webhooks { id } }')) as { webhooks: Array<{ id: string }> };
    assert.not.ok(listed.webhooks.some((w) => w.id === createWebhook.id));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

it('an edit is checked like a creation; a scoped admin\'s webhooks name only its tags, and it sees only those', async ({ fx }) => {
  const { createWebhook } = (await assertAccepted(fx, CREATE, { i: valid })) as { createWebhook: { id: string } };
  const UPDATE = 'mutation($id: ID!, $i: UpdateWebhookInput!) { updateWebhook(id: $id, input: $i) { id } }';
  await assertRefused(fx, { query: UPDATE, variables: { id: createWebhook.id, i: { url: 'gopher://x.example.com/' } } }, { code: 'BAD_USER_INPUT', field: 'url' });
  await assertRefused(fx, { query: UPDATE, variables: { id: createWebhook.id, i: { secret: 'short' } } }, { code: 'BAD_USER_INPUT', field: 'secret' });

  const { password } = await createUser(fx, 'edge-admin', 'ADMIN', ['edge']);
  const { accessToken } = await login(fx.url, 'edge-admin', password);
  const everyDevice = await call(fx.url, accessToken, CREATE, { i: valid });
  assert.is(codeOf(everyDevice), 'FORBIDDEN', 'no tags would mean every device');
  assert.is(codeOf(await call(fx.url, accessToken, CREATE, { i: { ...valid, tags: ['edge', 'core'] } })), 'FORBIDDEN');
  const own = await call<{ createWebhook: { id: string } }>(fx.url, accessToken, CREATE, { i: { ...valid, tags: ['edge'] } });
  assert.is(own.errors, undefined, JSON.stringify(own.errors));
  const seen = await call<{ webhooks: Array<{ id: string }> }>(fx.url, accessToken, '{ webhooks { id } }');
  assert.equal(seen.data?.webhooks.map((w) => w.id), [own.data?.createWebhook.id]);
  assert.is(codeOf(await call(fx.url, accessToken, 'query($id: ID!) { webhookDeliveries(webhookId: $id) { id } }', { id: createWebhook.id })), 'NOT_FOUND');
});

it.run();
