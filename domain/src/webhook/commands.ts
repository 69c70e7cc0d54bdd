import type { Command } from '../shared/decider.js';
import type { WebhookEventKind, WebhookFormat } from './events.js';

/** A webhook as a request states it; the secret itself goes to the vault before the command, which gets its reference. */
export interface WebhookInput {
  readonly url: string;
  readonly events: readonly WebhookEventKind[];
  readonly tags?: readonly string[] | null;
  readonly format?: WebhookFormat | null;
}

export type WebhookChanges = { readonly [K in keyof WebhookInput]?: WebhookInput[K] | null };

export interface SecretReference {
  readonly secretRef: string;
  readonly secretFingerprint: string;
}

export type CreateWebhook = Command<'CreateWebhook', { webhookId: string; input: WebhookInput; secret: SecretReference | null }>;
export type UpdateWebhook = Command<'UpdateWebhook', { webhookId: string; changes: WebhookChanges }>;
export type ChangeWebhookSecret = Command<'ChangeWebhookSecret', { webhookId: string; secret: SecretReference | null }>;
export type DeleteWebhook = Command<'DeleteWebhook', { webhookId: string }>;

export type WebhookCommand = CreateWebhook | UpdateWebhook | ChangeWebhookSecret | DeleteWebhook;
