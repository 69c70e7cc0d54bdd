import { WEBHOOK_DELIVERY_EVENT_TYPES, WEBHOOK_EVENT_TYPES, type WebhookDeliveryEvent, type WebhookEvent } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import type { Projector, ReadModelTransaction } from '../runner/projector.js';

/** `webhooks`, `webhook_deliveries` and the delivery log `webhook_delivery_attempts`; every write is an upsert, so a replay lands the same rows. */
export const webhooksProjector: Projector = {
  name: 'webhooks',
  tables: ['webhooks', 'webhook_deliveries', 'webhook_delivery_attempts'],
  eventTypes: [...WEBHOOK_EVENT_TYPES, ...WEBHOOK_DELIVERY_EVENT_TYPES],
  async apply(trx: ReadModelTransaction, recorded: RecordedEvent) {
    const event = { type: recorded.type, data: recorded.data } as WebhookEvent | WebhookDeliveryEvent;
    switch (event.type) {
      case 'WebhookCreated': {
        const d = event.data;
        const at = new Date(d.createdAt);
        const values = {
          id: d.webhookId, url: d.url, events: JSON.stringify(d.events), tags: JSON.stringify(d.tags), format: d.format,
          secret_ref: d.secretRef, secret_fingerprint: d.secretFingerprint, created_by: recorded.metadata.actor, created_at: at, updated_at: at, deleted_at: null,
        };
        await trx.insertInto('webhooks').values(values).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
        return;
      }
      case 'WebhookUpdated': {
        const d = event.data;
        await trx.updateTable('webhooks')
          .set({ url: d.url, events: JSON.stringify(d.events), tags: JSON.stringify(d.tags), format: d.format, updated_at: new Date(d.updatedAt) })
          .where('id', '=', d.webhookId).execute();
        return;
      }
      case 'WebhookSecretChanged': {
        const d = event.data;
        await trx.updateTable('webhooks').set({ secret_ref: d.secretRef, secret_fingerprint: d.secretFingerprint, updated_at: new Date(d.changedAt) }).where('id', '=', d.webhookId).execute();
        return;
      }
      case 'WebhookDeleted':
        await trx.updateTable('webhooks').set({ deleted_at: new Date(event.data.deletedAt), updated_at: new Date(event.data.deletedAt) }).where('id', '=', event.data.webhookId).execute();
        return;
      case 'WebhookDeliveryRequested': {
        const d = event.data;
        const at = new Date(d.requestedAt);
        const subject = d.subject;
        await trx.insertInto('webhook_deliveries').values({
          id: d.deliveryId, webhook_id: d.webhookId, source_event_id: d.sourceEventId, event: d.event, subject: JSON.stringify(subject),
          device_id: 'device' in subject ? subject.device.id : null, job_id: 'jobId' in subject ? subject.jobId : null,
          status: 'PENDING', attempts: 0, next_attempt_at: at, last_status_code: null, last_error: null, created_at: at, updated_at: at, delivered_at: null,
        }).onConflict((oc) => oc.column('id').doNothing()).execute();
        return;
      }
      case 'WebhookDeliveryAttempted': {
        const d = event.data;
        const at = new Date(d.attemptedAt);
        await trx.insertInto('webhook_delivery_attempts').values({
          delivery_id: d.deliveryId, attempt: d.attempt, status_code: d.statusCode, error: d.error, duration_ms: d.durationMs, outcome: d.outcome, attempted_at: at,
        }).onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing()).execute();
        const status = d.outcome === 'RETRY' ? 'PENDING' : d.outcome;
        await trx.updateTable('webhook_deliveries').set({
          status, attempts: d.attempt, next_attempt_at: d.nextAttemptAt ? new Date(d.nextAttemptAt) : null,
          last_status_code: d.statusCode, last_error: d.error, updated_at: at, delivered_at: d.outcome === 'DELIVERED' ? at : null,
        }).where('id', '=', d.deliveryId).execute();
        return;
      }
      default:
        return;
    }
  },
};
