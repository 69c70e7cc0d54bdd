import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEventKind, type WebhookFormat } from '@netraven/domain';
import type { WebhookDeliveryView, WebhookRequest, WebhookChangeRequest } from '@netraven/application';
import type { WebhookDeliveryAttemptRow, WebhookRow } from '@netraven/projections';
import { idArgument, limitArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';

const WebhookEventEnum = builder.enumType('WebhookEvent', {
  description: 'What a webhook hears of. DEVICE_STALE: a device turned stale (no successful backup within its threshold), once per turn.',
  values: WEBHOOK_EVENTS,
});
const WebhookFormatEnum = builder.enumType('WebhookFormat', {
  description: 'JSON: NetRaven\'s signed payload; SLACK / TEAMS: a message their incoming webhooks accept.',
  values: WEBHOOK_FORMATS,
});
const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', { values: ['PENDING', 'DELIVERED', 'FAILED'] as const });

export const WebhookType = builder.objectRef<WebhookRow>('Webhook').implement({
  description: 'An endpoint and its rule (events, tags). The secret is write-only: only whether one is set shows.',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    events: t.field({ type: [WebhookEventEnum], resolve: (w) => w.events as WebhookEventKind[] }),
    tags: t.stringList({ description: 'Devices with one of these tags; empty: every device.', resolve: (w) => w.tags }),
    format: t.field({ type: WebhookFormatEnum, resolve: (w) => w.format as WebhookFormat }),
    hasSecret: t.boolean({ description: 'Deliveries carry X-NetRaven-Signature.', resolve: (w) => w.secret_ref !== null }),
    createdBy: t.exposeString('created_by'),
    createdAt: t.field({ type: 'DateTime', resolve: (w) => w.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (w) => w.updated_at }),
  }),
});

const AttemptType = builder.objectRef<WebhookDeliveryAttemptRow>('WebhookDeliveryAttempt').implement({
  fields: (t) => ({
    attempt: t.exposeInt('attempt'),
    statusCode: t.int({ nullable: true, description: 'The receiver\'s HTTP status; null when it did not answer.', resolve: (a) => a.status_code }),
    error: t.string({ nullable: true, resolve: (a) => a.error }),
    durationMs: t.exposeInt('duration_ms'),
    outcome: t.exposeString('outcome', { description: 'DELIVERED, RETRY or FAILED.' }),
    attemptedAt: t.field({ type: 'DateTime', resolve: (a) => a.attempted_at }),
  }),
});

const DeliveryType = builder.objectRef<WebhookDeliveryView>('WebhookDelivery').implement({
  description: 'One event sent to one webhook: the id is X-NetRaven-Delivery, the same on every attempt.',
  fields: (t) => ({
    id: t.exposeID('id'),
    webhookId: t.exposeID('webhook_id'),
    event: t.field({ type: WebhookEventEnum, resolve: (d) => d.event as WebhookEventKind }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (d) => d.status }),
    deviceId: t.id({ nullable: true, resolve: (d) => d.device_id }),
    jobId: t.id({ nullable: true, resolve: (d) => d.job_id }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => (d.status === 'PENDING' ? d.next_attempt_at : null) }),
    lastStatusCode: t.int({ nullable: true, resolve: (d) => d.last_status_code }),
    lastError: t.string({ nullable: true, resolve: (d) => d.last_error }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.created_at }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.delivered_at }),
    attemptLog: t.field({ type: [AttemptType], resolve: (d) => d.attemptLog }),
  }),
});

const TestResultType = builder.objectRef<{ statusCode: number | null; error: string | null; durationMs: number }>('WebhookTestResult').implement({
  fields: (t) => ({
    ok: t.boolean({ resolve: (r) => r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300 }),
    statusCode: t.int({ nullable: true, resolve: (r) => r.statusCode }),
    error: t.string({ nullable: true, resolve: (r) => r.error }),
    durationMs: t.exposeInt('durationMs'),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'http or https, without user name or password.' }),
    events: t.field({ type: [WebhookEventEnum], required: true }),
    tags: t.stringList({ required: false, description: 'Only devices with one of these tags; absent or empty: every device.' }),
    secret: t.string({ required: false, description: 'Write-only HMAC key (at least 16 characters); required for the JSON format.' }),
    format: t.field({ type: WebhookFormatEnum, required: false, description: 'Default JSON.' }),
  }),
});

const UpdateWebhookInput = builder.inputType('UpdateWebhookInput', {
  description: 'Only what is given changes; a secret replaces the old one.',
  fields: (t) => ({
    url: t.string({ required: false }),
    events: t.field({ type: [WebhookEventEnum], required: false }),
    tags: t.stringList({ required: false }),
    secret: t.string({ required: false }),
    format: t.field({ type: WebhookFormatEnum, required: false }),
  }),
});

const DELIVERIES_PAGE = { default: 100, max: 1000 };

builder.queryField('webhooks', (t) => t.field({ type: [WebhookType], resolve: (_root, _args, ctx) => ctx.webhooks.webhooks(ctx.actor) }));

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: [DeliveryType],
    ...pageSized(DELIVERIES_PAGE),
    description: 'A webhook\'s deliveries, newest first, each with its attempts.',
    args: { webhookId: t.arg.id({ required: true }), limit: t.arg.int({ required: false }) },
    resolve: (_root, { webhookId, limit }, ctx) =>
      ctx.webhooks.webhookDeliveries(ctx.actor, idArgument(webhookId, 'webhookId'), limitArgument(limit, 'limit', DELIVERIES_PAGE)),
  }),
);

builder.mutationField('createWebhook', (t) =>
  t.field({
    type: WebhookType,
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.webhooks.createWebhook(ctx.actor, input as WebhookRequest),
  }),
);

builder.mutationField('updateWebhook', (t) =>
  t.field({
    type: WebhookType,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateWebhookInput, required: true }) },
    resolve: (_root, { id, input }, ctx) => ctx.webhooks.updateWebhook(ctx.actor, idArgument(id, 'id'), input as WebhookChangeRequest),
  }),
);

builder.mutationField('deleteWebhook', (t) =>
  t.field({ type: WebhookType, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, ctx) => ctx.webhooks.deleteWebhook(ctx.actor, idArgument(id, 'id')) }),
);

builder.mutationField('testWebhook', (t) =>
  t.field({
    type: TestResultType,
    description: 'Sends a signed PING now and answers what the receiver said (not recorded, not retried).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => ctx.webhooks.testWebhook(ctx.actor, idArgument(id, 'id')),
  }),
);
