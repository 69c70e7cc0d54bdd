import type { ColumnType } from 'kysely';

// The webhook read models (rules, deliveries, attempts); part of ReadModelDatabase (database.ts).
type JsonArray = ColumnType<string[], string, string>;

/** Webhook rules; `secret_ref` points into the vault (the secret itself is never in a read model). */
export interface WebhooksTable {
  id: string;
  url: string;
  events: JsonArray;
  tags: JsonArray;
  format: string;
  secret_ref: string | null;
  secret_fingerprint: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** One row per (source event, webhook): the delivery's state and what it is about. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  source_event_id: string;
  event: string;
  /** `NotificationSubject` as JSON. */
  subject: ColumnType<Record<string, unknown>, string, string>;
  device_id: string | null;
  job_id: string | null;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
}

/** The delivery log: every attempt with what the receiver answered. */
export interface WebhookDeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  outcome: string;
  attempted_at: Date;
}
