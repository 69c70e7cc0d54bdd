import type { Kysely, Selectable } from 'kysely';
import type { ReadModelDatabase, WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhooksTable } from '../schema/database.js';

export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookDeliveryAttemptRow = Selectable<WebhookDeliveryAttemptsTable>;

/** Live webhooks, oldest first. */
export function listWebhooks(db: Kysely<ReadModelDatabase>): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

export function findWebhook(db: Kysely<ReadModelDatabase>, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** A webhook's deliveries, newest first. */
export function webhookDeliveries(db: Kysely<ReadModelDatabase>, webhookId: string, limit: number): Promise<WebhookDeliveryRow[]> {
  return db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The attempts of these deliveries, in order. */
export function deliveryAttempts(db: Kysely<ReadModelDatabase>, deliveryIds: readonly string[]): Promise<WebhookDeliveryAttemptRow[]> {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('webhook_delivery_attempts').selectAll().where('delivery_id', 'in', [...deliveryIds]).orderBy('delivery_id').orderBy('attempt').execute();
}

/** Pending deliveries whose next attempt is due, of webhooks that still exist, oldest due first. */
export function dueDeliveries(db: Kysely<ReadModelDatabase>, now: Date, limit: number): Promise<WebhookDeliveryRow[]> {
  return db.selectFrom('webhook_deliveries').selectAll('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .where('webhook_deliveries.status', '=', 'PENDING').where('webhook_deliveries.next_attempt_at', '<=', now)
    .where('webhooks.deleted_at', 'is', null)
    .orderBy('webhook_deliveries.next_attempt_at').limit(limit).execute();
}

/** When the next pending delivery is due (null: none pending). */
export async function nextDueAt(db: Kysely<ReadModelDatabase>): Promise<Date | null> {
  const row = await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.min('next_attempt_at').as('due')).where('status', '=', 'PENDING').executeTakeFirst();
  return row?.due ?? null;
}
