// Webhook documents (ADMIN): endpoints with their rules, a test ping, the delivery log.
export type WebhookEvent = 'CONFIG_CHANGED' | 'BACKUP_FAILED' | 'DEVICE_STALE' | 'JOB_FAILED';
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['CONFIG_CHANGED', 'BACKUP_FAILED', 'DEVICE_STALE', 'JOB_FAILED'];
export type WebhookFormat = 'JSON' | 'SLACK' | 'TEAMS';

export interface Webhook {
  id: string; url: string; events: WebhookEvent[]; tags: string[]; format: WebhookFormat; hasSecret: boolean;
  createdAt: string; createdBy: string; updatedAt: string;
}
const FIELDS = '{ id url events tags format hasSecret createdAt createdBy updatedAt }';
export const WEBHOOKS = `query Webhooks { webhooks ${FIELDS} }`;
export interface WebhooksData { webhooks: Webhook[] }

export const CREATE_WEBHOOK = `mutation CreateWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) ${FIELDS} }`;
export const UPDATE_WEBHOOK = `mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) ${FIELDS} }`;
export const DELETE_WEBHOOK = `mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) { id } }`;
export const TEST_WEBHOOK = `mutation TestWebhook($id: ID!) { testWebhook(id: $id) { ok statusCode error durationMs } }`;
export interface TestWebhookData { testWebhook: { ok: boolean; statusCode: number | null; error: string | null; durationMs: number } }

export interface WebhookDelivery {
  id: string; event: WebhookEvent; status: 'DELIVERED' | 'FAILED' | 'PENDING'; attempts: number; createdAt: string;
  deliveredAt: string | null; nextAttemptAt: string | null; lastStatusCode: number | null; lastError: string | null;
  deviceId: string | null; jobId: string | null;
  attemptLog: Array<{ attempt: number; attemptedAt: string; durationMs: number; outcome: string; statusCode: number | null; error: string | null }>;
}
export const WEBHOOK_DELIVERIES = `query WebhookDeliveries($webhookId: ID!) {
  webhookDeliveries(webhookId: $webhookId, limit: 50) {
    id event status attempts createdAt deliveredAt nextAttemptAt lastStatusCode lastError deviceId jobId
    attemptLog { attempt attemptedAt durationMs outcome statusCode error }
  }
}`;
export interface WebhookDeliveriesData { webhookDeliveries: WebhookDelivery[] }
