import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { verifySignature } from '@netraven/application';
import { CommandHandler } from '@netraven/infra/eventstore';
import { eventually } from '@netraven/infra/testing';
import { stalenessCandidates } from '@netraven/projections';
import { StalenessWatch } from '../src/staleness-watch.js';
import {
  ADMIN, backUp, closeWebhookContext, matchedThrough, openWebhookContext, settled, startDelivery, type WebhookContext,
} from './webhook-fixture.js';

const SECRET = 'receiver-shared-secret-1234';
const HOUR = 3_600_000;

interface Ctx extends WebhookContext {
  now: Date;
  watch: StalenessWatch;
}

const it = suite<Ctx>('DEVICE_STALE notifications (staleness watch with a fake clock, real Postgres, Git and an HTTP receiver)');
it.before.each(async (ctx) => {
  await openWebhookContext(ctx);
  await eventually('the three devices projected', async () => ((await stalenessCandidates(ctx.db)).length === 3 ? true : undefined));
  ctx.now = new Date();
  ctx.watch = new StalenessWatch(ctx.db, new CommandHandler(ctx.store), { clock: () => ctx.now });
});
it.after.each(async (ctx) => closeWebhookContext(ctx));

interface StalePayload {
  id: string; event: string; webhookId: string; summary: string; occurredAt: string;
  device?: { id: string; name: string; tags: string[] }; lastBackupAt?: string | null; staleAfterHours?: number;
}

/** One look of the watch at the fake clock; the matcher and sender have then dealt with what it reported. */
async function look(ctx: Ctx): Promise<string[]> {
  const result = await ctx.watch.tick();
  if (result.position) await matchedThrough(ctx, result.position);
  await settled(ctx);
  return result.becameStale.sort();
}

it('one signed delivery per device turning stale, per matching rule, with its last backup and threshold', async (ctx) => {
  const edge = await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?rule=edge`, events: ['DEVICE_STALE'], tags: ['edge'], secret: SECRET });
  const all = await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?rule=all`, events: ['DEVICE_STALE'], secret: SECRET });
  await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?rule=changes`, events: ['CONFIG_CHANGED'], secret: SECRET });
  await startDelivery(ctx);
  ctx.receiver.plan = [500];
  const backup = await backUp(ctx, 'd3', 'hostname d3\n!\nend\n');
  await matchedThrough(ctx, backup.position);
  await settled(ctx);
  assert.is(ctx.receiver.requests.length, 0, 'a first backup is no change, and nothing is stale yet');
  assert.equal(await look(ctx), []);

  ctx.now = new Date(ctx.now.getTime() + 27 * HOUR);
  assert.equal(await look(ctx), ['d1', 'd2', 'd3']);
  const delivered = ctx.receiver.requests.filter((r) => r.answered === 200);
  const payloads = delivered.map((r) => JSON.parse(r.body) as StalePayload);
  const heard = (hookId: string) => payloads.filter((p) => p.webhookId === hookId).map((p) => p.device?.id).sort();
  assert.equal(heard(edge.id), ['d2', 'd3'], 'd1 carries only core');
  assert.equal(heard(all.id), ['d1', 'd2', 'd3']);
  assert.is(delivered.length, 5, 'one delivery per device and matching rule; the CONFIG_CHANGED rule hears nothing');
  assert.is(ctx.receiver.requests.length, 6, 'the one answered 500 was sent again');
  for (const r of ctx.receiver.requests) {
    assert.ok(verifySignature(SECRET, r.body, r.headers['x-netraven-signature'] as string), 'valid HMAC over the raw body');
    assert.is(r.headers['x-netraven-event'], 'DEVICE_STALE');
  }
  const d3 = payloads.find((p) => p.device?.id === 'd3');
  const d1 = payloads.find((p) => p.device?.id === 'd1');
  assert.equal([d3?.event, d3?.staleAfterHours, d3?.device?.tags], ['DEVICE_STALE', 26, ['edge']]);
  assert.ok(d3?.lastBackupAt && Math.abs(Date.parse(d3.lastBackupAt) - (ctx.now.getTime() - 27 * HOUR)) < 60_000, 'its last successful backup');
  assert.is(d1?.lastBackupAt, null, 'never backed up');
  assert.match(d1?.summary ?? '', 'no successful backup for more than 26 h');
  assert.is(d1?.occurredAt, ctx.now.toISOString());
  const log = await ctx.webhooks.webhookDeliveries(ADMIN, all.id);
  assert.equal(log.map((d) => [d.event, d.status]), [['DEVICE_STALE', 'DELIVERED'], ['DEVICE_STALE', 'DELIVERED'], ['DEVICE_STALE', 'DELIVERED']]);

  // Still stale an hour later: no second turn, no second notification.
  ctx.now = new Date(ctx.now.getTime() + HOUR);
  assert.equal(await look(ctx), []);
  assert.is(ctx.receiver.requests.length, 6);
});

it('Slack and Teams rules get the stale device in their message shapes', async (ctx) => {
  await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?to=slack`, events: ['DEVICE_STALE'], tags: ['core'], format: 'SLACK' });
  await ctx.webhooks.createWebhook(ADMIN, { url: `${ctx.receiver.url}?to=teams`, events: ['DEVICE_STALE'], tags: ['core'], format: 'TEAMS' });
  await startDelivery(ctx);
  ctx.now = new Date(ctx.now.getTime() + 30 * HOUR);
  assert.equal(await look(ctx), ['d1', 'd2', 'd3']);
  const bodies = ctx.receiver.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
  assert.is(bodies.length, 4, 'd1 and d2 carry core; each to both');
  const slack = bodies.filter((b) => 'blocks' in b) as Array<{ text: string; blocks: Array<{ fields?: Array<{ text: string }> }> }>;
  assert.is(slack.length, 2);
  assert.ok(slack.every((m) => /^d[12] \(127\.0\.0\.1\) is stale/.test(m.text)));
  assert.ok(slack.every((m) => m.blocks.some((b) => b.fields?.some((f) => f.text === '*Stale after*\n26 h'))));
  const teams = bodies.filter((b) => b['type'] === 'message') as Array<{ attachments: Array<{ content: { body: Array<{ facts?: Array<{ title: string; value: string }> }> } }> }>;
  assert.is(teams.length, 2);
  assert.ok(teams.every((m) => m.attachments[0]?.content.body.some((b) => b.facts?.some((f) => f.title === 'Last successful backup' && f.value === 'never'))));
});

it.run();
