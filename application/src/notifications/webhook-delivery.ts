import type { Kysely } from 'kysely';
import {
  DEFAULT_DELIVERY_POLICY, IllegalStateError, webhookDeliveryDecider,
  type DeliveryPolicy, type NotificationSubject, type WebhookDeliveryCommand, type WebhookFormat,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore } from '@netraven/infra/eventstore';
import type { CredentialVault } from '@netraven/infra/secrets';
import { findWebhook, waitUntilCaughtUp, webhooksProjector, type ReadModelDatabase, type WebhookDeliveryRow, type WebhookRow } from '@netraven/projections';
import { renderPayload, type ConfigSource } from './webhook-payload.js';
import { deliveryHeaders } from './webhook-signature.js';
import type { WebhookAnswer, WebhookTransport } from './webhook-transport.js';

export interface WebhookDeliveryDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly configs: ConfigSource;
  readonly transport: WebhookTransport;
  readonly policy?: DeliveryPolicy;
  readonly clock?: Clock;
}

export interface AttemptReport {
  readonly deliveryId: string;
  readonly attempt: number;
  readonly answer: WebhookAnswer;
  /** False when another sender had already recorded this attempt. */
  readonly recorded: boolean;
}

/** The webhook's secret, revealed only to sign: stored in the vault as a credential-shaped secret. */
export async function webhookSecret(vault: CredentialVault, webhook: Pick<WebhookRow, 'secret_ref'>): Promise<string | null> {
  return webhook.secret_ref === null ? null : (await vault.reveal(webhook.secret_ref)).password;
}

/**
 * One attempt of one delivery: render the payload (the same body every time), sign it, POST it, and record the
 * attempt as an event. The decider refuses a second report of the same attempt, so two senders that raced
 * leave one record; the receiver dedupes the rare double POST by `X-NetRaven-Delivery`.
 */
export class WebhookDeliveries {
  constructor(private readonly deps: WebhookDeliveryDependencies) {}

  get policy(): DeliveryPolicy {
    return this.deps.policy ?? DEFAULT_DELIVERY_POLICY;
  }

  async attempt(delivery: WebhookDeliveryRow): Promise<AttemptReport | null> {
    const webhook = await findWebhook(this.deps.db, delivery.webhook_id);
    if (!webhook) return null;
    const clock = this.deps.clock ?? systemClock;
    const attempt = delivery.attempts + 1;
    const subject = delivery.subject as unknown as NotificationSubject;
    let answer: WebhookAnswer;
    try {
      const { body } = await renderPayload(this.deps.configs, webhook.format as WebhookFormat, { deliveryId: delivery.id, webhookId: webhook.id }, subject);
      const headers = deliveryHeaders({ deliveryId: delivery.id, event: delivery.event, attempt, now: clock(), body, secret: await webhookSecret(this.deps.vault, webhook) });
      answer = await this.deps.transport.post(webhook.url, body, headers);
    } catch (error) {
      // NetRaven's own side (Git, the vault) failed: an attempt that did not reach the receiver, retried like a network error.
      answer = { statusCode: null, error: `not sent: ${error instanceof Error ? error.message : String(error)}`, durationMs: 0, retryAfterMs: null };
    }
    const command: WebhookDeliveryCommand = {
      type: 'RecordWebhookDeliveryAttempt',
      data: { deliveryId: delivery.id, attempt, statusCode: answer.statusCode, error: answer.error, durationMs: answer.durationMs, policy: this.policy, retryAfterMs: answer.retryAfterMs },
      metadata: newCommandMetadata({ actor: 'system:webhooks', commandId: `attempt-${delivery.id}-${attempt}`, clock }),
    };
    try {
      const { position } = await this.deps.commands.handle(webhookDeliveryDecider, delivery.id, command);
      // The next look at due deliveries must see this attempt, or it would send the same one again.
      if (position) await waitUntilCaughtUp(this.deps.db, this.deps.store, webhooksProjector, position, { timeoutMs: 30_000 });
      return { deliveryId: delivery.id, attempt, answer, recorded: true };
    } catch (error) {
      if (error instanceof IllegalStateError) return { deliveryId: delivery.id, attempt, answer, recorded: false };
      throw error;
    }
  }
}
