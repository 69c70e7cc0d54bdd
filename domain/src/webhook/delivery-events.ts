import type { DomainEvent } from '../shared/decider.js';
import type { FailureCategory } from '../job/events.js';
import type { WebhookEventKind } from './events.js';

/** The device a notification is about, as the inventory knew it when the event was matched. */
export interface NotificationDevice {
  readonly id: string;
  readonly name: string;
  readonly host: string;
  readonly platform: string;
  readonly tags: readonly string[];
}

/**
 * What happened, fixed when the event is matched, so every attempt of a delivery sends the same thing. The
 * diff is not here (it can be large): it is read from Git by commit at each attempt, which gives the same text.
 */
export type NotificationSubject =
  | {
      readonly kind: 'CONFIG_CHANGED'; readonly occurredAt: string; readonly jobId: string; readonly device: NotificationDevice;
      readonly commit: string; readonly previousCommit: string; readonly sha256: string; readonly size: number;
    }
  | {
      readonly kind: 'BACKUP_FAILED'; readonly occurredAt: string; readonly jobId: string; readonly device: NotificationDevice;
      readonly category: FailureCategory; readonly message: string;
    }
  | {
      readonly kind: 'JOB_FAILED'; readonly occurredAt: string; readonly jobId: string; readonly status: string;
      readonly succeeded: number; readonly failed: number; readonly failedDevices: readonly NotificationDevice[];
    }
  | {
      /** `lastBackupAt`: the last successful backup (null: never); stale past `staleAfterHours`, noticed at `occurredAt`. */
      readonly kind: 'DEVICE_STALE'; readonly occurredAt: string; readonly device: NotificationDevice; readonly lastBackupAt: string | null;
      readonly staleAfterHours: number;
    };

export const DELIVERY_OUTCOMES = ['DELIVERED', 'RETRY', 'FAILED'] as const;
/** After an attempt: received (2xx), to be tried again (5xx, 429, network), or given up (other answers, or attempts spent). */
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export type WebhookDeliveryRequested = DomainEvent<
  'WebhookDeliveryRequested',
  { deliveryId: string; webhookId: string; sourceEventId: string; event: WebhookEventKind; subject: NotificationSubject; requestedAt: string }
>;
export type WebhookDeliveryAttempted = DomainEvent<
  'WebhookDeliveryAttempted',
  {
    deliveryId: string; webhookId: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number;
    outcome: DeliveryOutcome; nextAttemptAt: string | null; attemptedAt: string;
  }
>;

export type WebhookDeliveryEvent = WebhookDeliveryRequested | WebhookDeliveryAttempted;

export const WEBHOOK_DELIVERY_EVENT_TYPES: readonly WebhookDeliveryEvent['type'][] = ['WebhookDeliveryRequested', 'WebhookDeliveryAttempted'];
