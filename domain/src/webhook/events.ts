import type { DomainEvent } from '../shared/decider.js';

/**
 * What a webhook may subscribe to. `DEVICE_STALE` is accepted now so rules can name it; it fires once the
 * staleness check records its event (a line in `notification-subjects.ts` maps that event type to it).
 */
export const WEBHOOK_EVENTS = ['CONFIG_CHANGED', 'BACKUP_FAILED', 'DEVICE_STALE', 'JOB_FAILED'] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENTS)[number];

/** The payload's shape: NetRaven's own JSON, or a message Slack or Microsoft Teams incoming webhooks accept. */
export const WEBHOOK_FORMATS = ['JSON', 'SLACK', 'TEAMS'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** A webhook's rule, as created or edited. The secret is never here: only its vault reference. */
export interface WebhookDefinition {
  readonly url: string;
  readonly events: WebhookEventKind[];
  /** Devices carrying one of these tags; empty: every device. */
  readonly tags: string[];
  readonly format: WebhookFormat;
}

export type WebhookCreated = DomainEvent<
  'WebhookCreated',
  WebhookDefinition & { webhookId: string; secretRef: string | null; secretFingerprint: string | null; createdAt: string }
>;
/** The whole definition after the edit. */
export type WebhookUpdated = DomainEvent<'WebhookUpdated', WebhookDefinition & { webhookId: string; updatedAt: string }>;
/** A new secret (or none): only the vault reference and a fingerprint that shows the change. */
export type WebhookSecretChanged = DomainEvent<
  'WebhookSecretChanged',
  { webhookId: string; secretRef: string | null; secretFingerprint: string | null; changedAt: string }
>;
export type WebhookDeleted = DomainEvent<'WebhookDeleted', { webhookId: string; deletedAt: string }>;

export type WebhookEvent = WebhookCreated | WebhookUpdated | WebhookSecretChanged | WebhookDeleted;

export const WEBHOOK_EVENT_TYPES: readonly WebhookEvent['type'][] = ['WebhookCreated', 'WebhookUpdated', 'WebhookSecretChanged', 'WebhookDeleted'];
