import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ForbiddenError, normalizeTags, NotFoundError, requireId, requireSecretFor, requireWebhookSecret, validateWebhook, ValidationError, webhookDecider,
  type SecretReference, type WebhookChanges, type WebhookCommand, type WebhookFormat, type WebhookInput,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { CredentialVault } from '@netraven/infra/secrets';
import {
  deliveryAttempts, findWebhook, listWebhooks, waitUntilCaughtUp, webhookDeliveries, webhooksProjector,
  type ReadModelDatabase, type WebhookDeliveryAttemptRow, type WebhookDeliveryRow, type WebhookRow,
} from '@netraven/projections';
import { actorLabel, isScoped, type Actor } from '../access/actor.js';
import { authorize } from '../access/policy.js';
import { pingPayload, shapedBody } from './webhook-payload.js';
import { deliveryHeaders } from './webhook-signature.js';
import { webhookSecret } from './webhook-delivery.js';
import type { WebhookAnswer, WebhookTransport } from './webhook-transport.js';

export interface WebhookUseCasesDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly transport: WebhookTransport;
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
}

/** The request's shape: the rule plus the write-only secret. */
export type WebhookRequest = WebhookInput & { readonly secret?: string | null };
export type WebhookChangeRequest = WebhookChanges & { readonly secret?: string | null };

export type WebhookDeliveryView = WebhookDeliveryRow & { readonly attemptLog: WebhookDeliveryAttemptRow[] };

export const MAX_DELIVERIES = 1000;

/**
 * Webhooks are ADMIN's, reads included: a Slack or Teams URL is itself a bearer secret, so even the list is not
 * for every operator. A scoped admin's webhooks name only its tags (none would mean every device) and it sees
 * only those. The secret goes to the vault first; events and read models keep its reference and fingerprint.
 */
export class WebhookUseCases {
  constructor(private readonly deps: WebhookUseCasesDependencies) {}

  async webhooks(actor: Actor): Promise<WebhookRow[]> {
    authorize(actor, 'webhooks');
    return (await listWebhooks(this.deps.db)).filter((row) => this.isVisible(actor, row));
  }

  async webhookDeliveries(actor: Actor, webhookId: string, limit = 100): Promise<WebhookDeliveryView[]> {
    authorize(actor, 'webhookDeliveries');
    requireId(webhookId, 'webhookId');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DELIVERIES) throw new ValidationError(`limit must be between 1 and ${MAX_DELIVERIES}`, 'limit');
    await this.visible(actor, webhookId, 'webhookId');
    const rows = await webhookDeliveries(this.deps.db, webhookId, limit);
    const attempts = await deliveryAttempts(this.deps.db, rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, attemptLog: attempts.filter((a) => a.delivery_id === row.id) }));
  }

  async createWebhook(actor: Actor, request: WebhookRequest): Promise<WebhookRow> {
    authorize(actor, 'createWebhook');
    const { secret, ...input } = request;
    const definition = validateWebhook(input);
    this.checkScope(actor, definition.tags);
    if (secret != null) requireWebhookSecret(secret);
    requireSecretFor(definition.format, secret != null);
    const webhookId = randomUUID();
    const stored = secret != null ? await this.storeSecret(secret) : null;
    try {
      await this.issue(actor, { type: 'CreateWebhook', data: { webhookId, input, secret: stored } });
    } catch (error) {
      if (stored) await this.deps.vault.discard(stored.secretRef);
      throw error;
    }
    return this.visible(actor, webhookId);
  }

  /** Changes only what is given; a new `secret` replaces the old one (which is then discarded from the vault). */
  async updateWebhook(actor: Actor, webhookId: string, request: WebhookChangeRequest): Promise<WebhookRow> {
    authorize(actor, 'updateWebhook');
    requireId(webhookId, 'id');
    const { secret, ...changes } = request;
    const before = await this.visible(actor, webhookId);
    if (changes.tags != null) this.checkScope(actor, normalizeTags(changes.tags));
    if (secret != null) requireWebhookSecret(secret);
    const format = (changes.format ?? before.format) as WebhookFormat;
    requireSecretFor(format, secret != null || before.secret_ref !== null);
    validateWebhook({ url: changes.url ?? before.url, events: changes.events ?? (before.events as WebhookInput['events']), tags: changes.tags ?? before.tags, format });
    if (secret != null) {
      const stored = await this.storeSecret(secret);
      try {
        await this.issue(actor, { type: 'ChangeWebhookSecret', data: { webhookId, secret: stored } });
      } catch (error) {
        await this.deps.vault.discard(stored.secretRef);
        throw error;
      }
      if (before.secret_ref) await this.deps.vault.discard(before.secret_ref);
    }
    await this.issue(actor, { type: 'UpdateWebhook', data: { webhookId, changes } });
    return this.visible(actor, webhookId);
  }

  /** Answers the webhook as it was; its pending deliveries are not sent. */
  async deleteWebhook(actor: Actor, webhookId: string): Promise<WebhookRow> {
    authorize(actor, 'deleteWebhook');
    requireId(webhookId, 'id');
    const before = await this.visible(actor, webhookId);
    await this.issue(actor, { type: 'DeleteWebhook', data: { webhookId } });
    return before;
  }

  /** Sends a signed `PING` now and says what the receiver answered; nothing is recorded or retried. */
  async testWebhook(actor: Actor, webhookId: string): Promise<WebhookAnswer> {
    authorize(actor, 'testWebhook');
    requireId(webhookId, 'id');
    const webhook = await this.visible(actor, webhookId);
    const now = (this.deps.clock ?? systemClock)();
    const deliveryId = `ping-${randomUUID()}`;
    const body = shapedBody(webhook.format as WebhookFormat, pingPayload(webhook.id, deliveryId, now));
    const headers = deliveryHeaders({ deliveryId, event: 'PING', attempt: 1, now, body, secret: await webhookSecret(this.deps.vault, webhook) });
    return this.deps.transport.post(webhook.url, body, headers);
  }

  private async storeSecret(secret: string): Promise<SecretReference> {
    const { secretRef, fingerprint } = await this.deps.vault.store({ username: 'webhook', password: secret });
    return { secretRef, secretFingerprint: fingerprint };
  }

  /** A scoped actor's webhook must name tags, all of its scope: no tags would mean every device. */
  private checkScope(actor: Actor, tags: readonly string[]): void {
    if (!isScoped(actor)) return;
    if (tags.length === 0 || !tags.every((tag) => actor.tags.includes(tag)))
      throw new ForbiddenError(`a webhook of yours must name tags, all of your scope (${actor.tags.join(', ')})`);
  }

  private isVisible(actor: Actor, row: WebhookRow): boolean {
    return !isScoped(actor) || (row.tags.length > 0 && row.tags.every((tag) => actor.tags.includes(tag)));
  }

  private async visible(actor: Actor, webhookId: string, field = 'id'): Promise<WebhookRow> {
    const row = await findWebhook(this.deps.db, webhookId);
    if (!row || !this.isVisible(actor, row)) throw new NotFoundError(`webhook ${webhookId} not found`, field);
    return row;
  }

  private async issue(actor: Actor, command: Pick<WebhookCommand, 'type' | 'data'>): Promise<void> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.deps.clock ?? systemClock });
    const webhookId = (command.data as { webhookId: string }).webhookId;
    const { position } = await this.deps.commands.handle(webhookDecider, webhookId, { ...command, metadata } as WebhookCommand);
    await this.caughtUp(position);
  }

  private async caughtUp(position: Position | undefined): Promise<void> {
    if (!position) return;
    await waitUntilCaughtUp(this.deps.db, this.deps.store, webhooksProjector, position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
  }
}
