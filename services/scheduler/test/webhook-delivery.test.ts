import { sql } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifySignature } from '@netraven/application';
import { eventually } from '@netraven/infra/testing';
import { LOG_START, saveCheckpoint } from '@netraven/projections';
import {
  ADMIN, backUp, closeWebhookContext, failBackup, matchedThrough, openWebhookContext, settled, startDelivery, stopDelivery, type WebhookContext,
} from './webhook-fixture.js';

const SECRET = 'receiver-shared-secret-1234';
const BEFORE = 'hostname core1\ninterface Gi0/1\n description uplink\n!\nend\n';
const AFTER = 'hostname core1\ninterface Gi0/1\n description uplink to dist2\n shutdown\n!\nend\n';

const it = suite<WebhookContext>('webhook delivery (real Postgres, Git, vault and an HTTP receiver)');
it.before.each(async (ctx) => openWebhookContext(ctx));
it.after.each(async (ctx) => closeWebhookContext(ctx));

interface Payload {
  id: string; event: string; webhookId: string; device?: { id: string; tags: string[] }; job?: { id: string; status?: string };
  change?: { commit: string; previousCommit: string; linesAdded: number; linesRemoved: number }; diff?: string; failure?: { category: string };
}
const payloads = (ctx: WebhookContext) => ctx.receiver.requests.map((r) => JSON.parse(r.body) as Payload);

it('one signed delivery per changed config, with the diff; retried after a 500; in the delivery log', async (ctx) => {
  const hook = await ctx.webhooks.createWebhook(ADMIN, { url: ctx.receiver.url, events: ['CONFIG_CHANGED'], secret: SECRET });
  await startDelivery(ctx);
  ctx.receiver.plan = [500];
  await backUp(ctx, 'd1', BEFORE); // the first backup: nothing to compare with
  const changed = await backUp(ctx, 'd1', AFTER);
  const unchanged = await backUp(ctx, 'd1', AFTER);
  assert.is(changed.changed, true);
  assert.is(unchanged.changed, false);
  await matchedThrough(ctx, unchanged.position);
  await settled(ctx);

  const requests = ctx.receiver.requests;
  assert.equal(requests.map((r) => r.answered), [500, 200], 'one delivery, sent twice');
  const [first, second] = requests;
  assert.is(first?.headers['x-netraven-delivery'], second?.headers['x-netraven-delivery'], 'the same delivery id on the retry');
  assert.is(first?.body, second?.body, 'the same body on the retry');
  assert.equal([first?.headers['x-netraven-attempt'], second?.headers['x-netraven-attempt']], ['1', '2']);
  for (const r of requests) {
    assert.ok(verifySignature(SECRET, r.body, r.headers['x-netraven-signature'] as string), 'valid HMAC over the raw body');
    assert.not.ok(verifySignature('another-secret-entirely', r.body, r.headers['x-netraven-signature'] as string));
    assert.match(String(r.headers['x-netraven-timestamp']), /^\d{10}$/);
    assert.is(r.headers['x-netraven-event'], 'CONFIG_CHANGED');
  }
  const [payload] = payloads(ctx);
  assert.is(payload?.event, 'CONFIG_CHANGED');
  assert.is(payload?.webhookId, hook.id);
  assert.equal(payload?.device?.tags, ['core']);
  assert.is(payload?.job?.id, changed.jobId);
  assert.is(payload?.change?.commit, changed.commit);
  assert.equal([payload?.change?.linesAdded, payload?.change?.linesRemoved], [2, 1]);
  assert.match(payload?.diff ?? '', '--- a/d1/config.cfg\n+++ b/d1/config.cfg\n');
  assert.match(payload?.diff ?? '', '\n- description uplink\n+ description uplink to dist2\n+ shutdown\n');

  const deliveries = await ctx.webhooks.webhookDeliveries(ADMIN, hook.id);
  assert.is(deliveries.length, 1);
  assert.is(deliveries[0]?.status, 'DELIVERED');
  assert.is(deliveries[0]?.id, first?.headers['x-netraven-delivery']);
  assert.equal(deliveries[0]?.attemptLog.map((a) => [a.attempt, a.status_code, a.outcome]), [[1, 500, 'RETRY'], [2, 200, 'DELIVERED']]);
  assert.ok(deliveries[0]?.attemptLog.every((a) => a.duration_ms >= 0));
});

it('a restart reads the log again but delivers nothing twice; a delivery interrupted by a stop finishes after the restart', async (ctx) => {
  await ctx.webhooks.createWebhook(ADMIN, { url: ctx.receiver.url, events: ['CONFIG_CHANGED'], secret: SECRET });
  await startDelivery(ctx);
  await backUp(ctx, 'd1', BEFORE);
  const first = await backUp(ctx, 'd1', AFTER);
  await matchedThrough(ctx, first.position);
  await settled(ctx);
  assert.is(ctx.receiver.requests.length, 1);

  // As after a crash before the checkpoint moved: the new process reads every event again.
  await stopDelivery(ctx);
  await saveCheckpoint(ctx.db, 'scheduler:webhook-matcher', LOG_START);
  ctx.receiver.plan = [503, 503];
  const second = await backUp(ctx, 'd1', BEFORE);
  await startDelivery(ctx);
  await eventually('the next change is tried', async () => (ctx.receiver.requests.length >= 2 ? true : undefined));
  await stopDelivery(ctx); // stopped between retries
  await startDelivery(ctx);
  await matchedThrough(ctx, second.position);
  await settled(ctx);
  const ids = ctx.receiver.requests.filter((r) => r.answered === 200).map((r) => r.headers['x-netraven-delivery']);
  assert.is(ids.length, 2, 'two changes, two deliveries received');
  assert.is.not(ids[0], ids[1]);
  assert.equal(ctx.receiver.requests.map((r) => r.answered), [200, 503, 503, 200]);
  const rows = await ctx.db.selectFrom('webhook_deliveries').select(['id', 'attempts']).orderBy('created_at').execute();
  assert.equal(rows.map((r) => r.attempts), [1, 3]);
});

it('a rule with tags hears only of devices carrying one; no rule hears of unchanged configs', async (ctx) => {
  const edge = await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?rule=edge`, events: ['CONFIG_CHANGED'], tags: ['edge'], secret: SECRET });
  const all = await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?rule=all`, events: ['CONFIG_CHANGED'], secret: SECRET });
  await startDelivery(ctx);
  for (const device of ['d1', 'd2', 'd3']) await backUp(ctx, device, BEFORE);
  for (const device of ['d1', 'd2', 'd3']) await backUp(ctx, device, `${BEFORE}! ${device}\n`);
  const last = await backUp(ctx, 'd3', `${BEFORE}! d3\n`);
  await matchedThrough(ctx, last.position);
  await settled(ctx);
  const heard = (hookId: string) => payloads(ctx).filter((p) => p.webhookId === hookId).map((p) => p.device?.id).sort();
  assert.equal(heard(edge.id), ['d2', 'd3'], 'd1 carries only core');
  assert.equal(heard(all.id), ['d1', 'd2', 'd3']);
  assert.is(ctx.receiver.requests.length, 5);
});

it('backup and job failures notify their subscribers; a 4xx answer is final', async (ctx) => {
  const hook = await ctx.webhooks.createWebhook(ADMIN, { url: ctx.receiver.url, events: ['BACKUP_FAILED', 'JOB_FAILED'], secret: SECRET });
  await startDelivery(ctx);
  ctx.receiver.plan = [404];
  const failed = await failBackup(ctx, 'd2', 'auth', 'login refused');
  await backUp(ctx, 'd1', BEFORE);
  const last = await backUp(ctx, 'd1', AFTER);
  await matchedThrough(ctx, last.position);
  await settled(ctx);
  const sent = payloads(ctx);
  assert.equal(sent.map((p) => p.event).sort(), ['BACKUP_FAILED', 'JOB_FAILED'], 'no CONFIG_CHANGED: not subscribed');
  const deliveries = await ctx.webhooks.webhookDeliveries(ADMIN, hook.id);
  assert.equal(deliveries.map((d) => d.status).sort(), ['DELIVERED', 'FAILED']);
  const gaveUp = deliveries.find((d) => d.status === 'FAILED');
  assert.equal(gaveUp?.attemptLog.map((a) => [a.status_code, a.outcome]), [[404, 'FAILED']], 'not retried');
  const backupFailed = sent.find((p) => p.event === 'BACKUP_FAILED');
  assert.equal([backupFailed?.job?.id, backupFailed?.failure?.category], [failed.jobId, 'auth']);
  assert.is(sent.find((p) => p.event === 'JOB_FAILED')?.job?.status, 'FAILED');
});

it('the secret stays in the vault: not in events, read models or answers', async (ctx) => {
  const hook = await ctx.webhooks.createWebhook(ADMIN, { url: ctx.receiver.url, events: ['CONFIG_CHANGED'], secret: SECRET });
  await ctx.webhooks.updateWebhook(ADMIN, hook.id, { secret: `${SECRET}-rotated` });
  const { rows: events } = await sql<{ data: unknown }>`SELECT data FROM eventstore.events`.execute(ctx.db);
  assert.ok(events.length > 0);
  assert.not.ok(JSON.stringify(events).includes(SECRET));
  assert.not.ok(JSON.stringify(await ctx.webhooks.webhooks(ADMIN)).includes(SECRET));
  assert.is((await ctx.vault.reveal((await ctx.webhooks.webhooks(ADMIN))[0]?.secret_ref ?? '')).password, `${SECRET}-rotated`);
});

it('Slack and Teams webhooks get the message shapes their incoming webhooks accept, unsigned without a secret', async (ctx) => {
  await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?to=slack`, events: ['CONFIG_CHANGED'], format: 'SLACK' });
  await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?to=teams`, events: ['CONFIG_CHANGED'], format: 'TEAMS' });
  await startDelivery(ctx);
  await backUp(ctx, 'd1', BEFORE);
  const last = await backUp(ctx, 'd1', AFTER);
  await matchedThrough(ctx, last.position);
  await settled(ctx);
  const bodies = ctx.receiver.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
  assert.is(bodies.length, 2);
  assert.ok(ctx.receiver.requests.every((r) => r.headers['x-netraven-signature'] === undefined));
  const slack = bodies.find((b) => 'blocks' in b) as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
  assert.match(slack.text, 'Configuration of d1');
  assert.ok(slack.blocks.some((b) => b.text?.text.includes('+ shutdown')), 'the diff in a code block');
  const teams = bodies.find((b) => b['type'] === 'message') as { attachments: Array<{ contentType: string; content: { type: string; body: Array<{ text?: string }> } }> };
  assert.is(teams.attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
  assert.is(teams.attachments[0]?.content.type, 'AdaptiveCard');
  assert.ok(teams.attachments[0]?.content.body.some((b) => b.text?.includes('+ shutdown')));
});

it.run();
