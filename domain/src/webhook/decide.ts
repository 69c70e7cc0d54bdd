import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { requireId, requireText } from '../shared/validation.js';
import type { ChangeWebhookSecret, CreateWebhook, DeleteWebhook, SecretReference, UpdateWebhook, WebhookCommand } from './commands.js';
import type { WebhookEvent } from './events.js';
import { evolve, initialState, type ExistingWebhook, type WebhookState } from './state.js';
import { requireSecretFor, validateWebhook } from './validate.js';

const requireExisting = (state: WebhookState): ExistingWebhook => {
  if (state.phase === 'New') throw new IllegalStateError('Webhook does not exist');
  if (state.phase === 'Deleted') throw new IllegalStateError('Webhook was deleted');
  return state;
};

const checkedSecret = (secret: SecretReference | null): SecretReference | null => {
  if (secret === null) return null;
  requireText(secret.secretRef, 'secretRef');
  requireText(secret.secretFingerprint, 'secretFingerprint');
  return secret;
};

export const createWebhook = (command: CreateWebhook, state: WebhookState): WebhookEvent[] => {
  const { webhookId, input } = command.data;
  requireId(webhookId, 'id');
  const definition = validateWebhook(input);
  const secret = checkedSecret(command.data.secret);
  requireSecretFor(definition.format, secret !== null);
  if (state.phase !== 'New') throw new IllegalStateError('Webhook already exists');
  return [{
    type: 'WebhookCreated',
    data: { webhookId, ...definition, secretRef: secret?.secretRef ?? null, secretFingerprint: secret?.secretFingerprint ?? null, createdAt: command.metadata.now.toISOString() },
  }];
};

export const updateWebhook = (command: UpdateWebhook, state: WebhookState): WebhookEvent[] => {
  const webhook = requireExisting(state);
  const { changes } = command.data;
  const before = webhook.definition;
  const definition = validateWebhook({
    url: changes.url ?? before.url,
    events: changes.events ?? before.events,
    tags: changes.tags ?? before.tags,
    format: changes.format ?? before.format,
  });
  requireSecretFor(definition.format, webhook.secretRef !== null);
  if (JSON.stringify(definition) === JSON.stringify(before)) return [];
  return [{ type: 'WebhookUpdated', data: { webhookId: webhook.webhookId, ...definition, updatedAt: command.metadata.now.toISOString() } }];
};

export const changeWebhookSecret = (command: ChangeWebhookSecret, state: WebhookState): WebhookEvent[] => {
  const webhook = requireExisting(state);
  const secret = checkedSecret(command.data.secret);
  requireSecretFor(webhook.definition.format, secret !== null);
  if (secret?.secretFingerprint === webhook.secretFingerprint && secret?.secretRef === webhook.secretRef) return [];
  return [{
    type: 'WebhookSecretChanged',
    data: { webhookId: webhook.webhookId, secretRef: secret?.secretRef ?? null, secretFingerprint: secret?.secretFingerprint ?? null, changedAt: command.metadata.now.toISOString() },
  }];
};

export const deleteWebhook = (command: DeleteWebhook, state: WebhookState): WebhookEvent[] => {
  const webhook = requireExisting(state);
  return [{ type: 'WebhookDeleted', data: { webhookId: webhook.webhookId, deletedAt: command.metadata.now.toISOString() } }];
};

export const decide = (command: WebhookCommand, state: WebhookState): WebhookEvent[] => {
  switch (command.type) {
    case 'CreateWebhook':
      return createWebhook(command, state);
    case 'UpdateWebhook':
      return updateWebhook(command, state);
    case 'ChangeWebhookSecret':
      return changeWebhookSecret(command, state);
    case 'DeleteWebhook':
      return deleteWebhook(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown webhook command ${(command as { type: string }).type}`);
    }
  }
};

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  decide,
  evolve,
  initialState,
  streamName: (webhookId) => `webhook-${webhookId}`,
};
