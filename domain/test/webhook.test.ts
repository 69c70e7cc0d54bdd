import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  backoffAfter, classifyAnswer, notificationKindOf, webhookDecider, webhookDeliveryDecider, webhookWants,
  type NotificationSubject, type WebhookCommand, type WebhookDeliveryCommand, type WebhookDeliveryEvent, type WebhookEvent,
} from '../src/webhook/index.js';
import { IllegalStateError } from '../src/shared/errors.js';
import { AT, given, metadata, NOW } from './decider-spec.js';

const secret = { secretRef: 'ref-1', secretFingerprint: 'fp-1' };
const create = (input: Record<string, unknown> = {}, withSecret: typeof secret | null = secret): WebhookCommand =>
  ({ type: 'CreateWebhook', data: { webhookId: 'w1', input: { url: 'https://hooks.example.com/n', events: ['CONFIG_CHANGED'], ...input }, secret: withSecret }, metadata } as WebhookCommand);
const created: WebhookEvent = {
  type: 'WebhookCreated',
  data: { webhookId: 'w1', url: 'https://hooks.example.com/n', events: ['CONFIG_CHANGED'], tags: [], format: 'JSON', secretRef: 'ref-1', secretFingerprint: 'fp-1', createdAt: AT },
};

const Rules = suite('Webhook — rules');

Rules('created with JSON by default; events in their canonical order, tags normalized', () => {
  given(webhookDecider, []).when(create()).then([created]);
  given(webhookDecider, []).when(create({ events: ['JOB_FAILED', 'CONFIG_CHANGED', 'JOB_FAILED'], tags: ['b ', 'a'] })).then([
    { type: 'WebhookCreated', data: { ...created.data, events: ['CONFIG_CHANGED', 'JOB_FAILED'], tags: ['a', 'b'] } as Extract<WebhookEvent, { type: 'WebhookCreated' }>['data'] },
  ]);
});

Rules('only http(s) URLs without credentials; known events and formats; JSON needs a secret', () => {
  for (const url of ['ftp://x.example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'hooks.example.com/x', 'https://u:p@x.example.com/', ''])
    given(webhookDecider, []).when(create({ url })).thenRefusesField('url');
  given(webhookDecider, []).when(create({ events: [] })).thenRefusesField('events');
  given(webhookDecider, []).when(create({ events: ['CONFIG_CHANGED', 'REBOOTED'] })).thenRefusesField('events');
  given(webhookDecider, []).when(create({ format: 'XML' })).thenRefusesField('format');
  given(webhookDecider, []).when(create({}, null)).thenRefusesField('secret');
  given(webhookDecider, []).when(create({ format: 'SLACK' }, null)).then([
    { type: 'WebhookCreated', data: { ...created.data, format: 'SLACK', secretRef: null, secretFingerprint: null } as Extract<WebhookEvent, { type: 'WebhookCreated' }>['data'] },
  ]);
});

Rules('an edit changes what is given; an edit that changes nothing appends nothing; deleted is gone', () => {
  const update = (changes: Record<string, unknown>): WebhookCommand => ({ type: 'UpdateWebhook', data: { webhookId: 'w1', changes }, metadata } as WebhookCommand);
  given(webhookDecider, [created]).when(update({ tags: ['edge'] })).then([
    { type: 'WebhookUpdated', data: { webhookId: 'w1', url: 'https://hooks.example.com/n', events: ['CONFIG_CHANGED'], tags: ['edge'], format: 'JSON', updatedAt: AT } },
  ]);
  given(webhookDecider, [created]).when(update({ url: 'https://hooks.example.com/n' })).thenNothingHappens();
  const deleted: WebhookEvent = { type: 'WebhookDeleted', data: { webhookId: 'w1', deletedAt: AT } };
  given(webhookDecider, [created, deleted]).when(update({ tags: ['x'] })).thenThrows(IllegalStateError, 'deleted');
});

const Matching = suite('Webhook — which events notify whom');

Matching('changed configs, failed backups and jobs with failures notify; unchanged configs and clean jobs do not', () => {
  assert.is(notificationKindOf({ type: 'SnapshotRecorded', data: { changed: true } }), 'CONFIG_CHANGED');
  assert.is(notificationKindOf({ type: 'SnapshotRecorded', data: { changed: false } }), null);
  assert.is(notificationKindOf({ type: 'DeviceBackupFailed', data: {} }), 'BACKUP_FAILED');
  assert.is(notificationKindOf({ type: 'JobCompleted', data: { status: 'FAILED', failed: 2 } }), 'JOB_FAILED');
  assert.is(notificationKindOf({ type: 'JobCompleted', data: { status: 'COMPLETED', failed: 0 } }), null);
  assert.is(notificationKindOf({ type: 'DeviceRegistered', data: {} }), null);
  assert.is(notificationKindOf({ type: 'DeviceBecameStale', data: {} }), 'DEVICE_STALE');
  assert.is(notificationKindOf({ type: 'DeviceBecameFresh', data: {} }), null);
});

Matching('a rule without tags hears of every device; with tags, of devices carrying one', () => {
  assert.ok(webhookWants({ events: ['CONFIG_CHANGED'], tags: [] }, 'CONFIG_CHANGED', []));
  assert.ok(webhookWants({ events: ['CONFIG_CHANGED'], tags: ['edge'] }, 'CONFIG_CHANGED', ['core', 'edge']));
  assert.not.ok(webhookWants({ events: ['CONFIG_CHANGED'], tags: ['edge'] }, 'CONFIG_CHANGED', ['core']));
  assert.not.ok(webhookWants({ events: ['JOB_FAILED'], tags: [] }, 'CONFIG_CHANGED', ['core']));
});

const Delivery = suite('Webhook delivery — attempts, retries, once');

const policy = { maxAttempts: 3, initialBackoffMs: 1000, maxBackoffMs: 3000 };
const subject: NotificationSubject = { kind: 'BACKUP_FAILED', occurredAt: AT, jobId: 'j1', device: { id: 'd1', name: 'core1', host: '10.0.0.1', platform: 'cisco_ios', tags: [] }, category: 'auth', message: 'no' };
const request: WebhookDeliveryCommand = { type: 'RequestWebhookDelivery', data: { deliveryId: 'e1:w1', webhookId: 'w1', sourceEventId: 'e1', event: 'BACKUP_FAILED', subject }, metadata };
const requested: WebhookDeliveryEvent = { type: 'WebhookDeliveryRequested', data: { deliveryId: 'e1:w1', webhookId: 'w1', sourceEventId: 'e1', event: 'BACKUP_FAILED', subject, requestedAt: AT } };
const attempt = (n: number, statusCode: number | null, retryAfterMs: number | null = null): WebhookDeliveryCommand =>
  ({ type: 'RecordWebhookDeliveryAttempt', data: { deliveryId: 'e1:w1', attempt: n, statusCode, error: statusCode === null ? 'ECONNREFUSED' : null, durationMs: 12, policy, retryAfterMs }, metadata });
const attempted = (n: number, statusCode: number | null, outcome: 'DELIVERED' | 'RETRY' | 'FAILED', nextInMs: number | null): WebhookDeliveryEvent => ({
  type: 'WebhookDeliveryAttempted',
  data: { deliveryId: 'e1:w1', webhookId: 'w1', attempt: n, statusCode, error: statusCode === null ? 'ECONNREFUSED' : null, durationMs: 12, outcome,
    nextAttemptAt: nextInMs === null ? null : new Date(NOW.getTime() + nextInMs).toISOString(), attemptedAt: AT },
});

Delivery('requested once per (event, webhook): matching again appends nothing', () => {
  given(webhookDeliveryDecider, []).when(request).then([requested]);
  given(webhookDeliveryDecider, [requested]).when(request).thenNothingHappens();
});

Delivery('5xx, 429 and network errors retry with doubling waits; 2xx delivers; other answers are final', () => {
  given(webhookDeliveryDecider, [requested]).when(attempt(1, 500)).then([attempted(1, 500, 'RETRY', 1000)]);
  given(webhookDeliveryDecider, [requested, attempted(1, 500, 'RETRY', 1000)]).when(attempt(2, null)).then([attempted(2, null, 'RETRY', 2000)]);
  given(webhookDeliveryDecider, [requested]).when(attempt(1, 429, 2500)).then([attempted(1, 429, 'RETRY', 2500)]);
  given(webhookDeliveryDecider, [requested]).when(attempt(1, 204)).then([attempted(1, 204, 'DELIVERED', null)]);
  given(webhookDeliveryDecider, [requested]).when(attempt(1, 404)).then([attempted(1, 404, 'FAILED', null)]);
  given(webhookDeliveryDecider, [requested]).when(attempt(1, 301)).then([attempted(1, 301, 'FAILED', null)]);
  assert.equal([classifyAnswer(502), classifyAnswer(408), classifyAnswer(200)], ['retryable', 'final', 'received']);
  assert.equal([1, 2, 3, 4].map((n) => backoffAfter(n, policy)), [1000, 2000, 3000, 3000], 'capped');
});

Delivery('attempts are bounded; an attempt is recorded once; a finished delivery takes no more', () => {
  const history = [requested, attempted(1, 500, 'RETRY', 1000), attempted(2, 500, 'RETRY', 2000)];
  given(webhookDeliveryDecider, history).when(attempt(3, 503)).then([attempted(3, 503, 'FAILED', null)]);
  given(webhookDeliveryDecider, history).when(attempt(2, 200)).thenThrows(IllegalStateError, 'not the next');
  given(webhookDeliveryDecider, [requested, attempted(1, 200, 'DELIVERED', null)]).when(attempt(2, 200)).thenThrows(IllegalStateError, 'already delivered');
  given(webhookDeliveryDecider, []).when(attempt(1, 200)).thenThrows(IllegalStateError, 'not requested');
});

Rules.run();
Matching.run();
Delivery.run();
