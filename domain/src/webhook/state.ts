import type { WebhookDefinition, WebhookEvent } from './events.js';

export interface ExistingWebhook {
  readonly phase: 'Active';
  readonly webhookId: string;
  readonly definition: WebhookDefinition;
  readonly secretRef: string | null;
  readonly secretFingerprint: string | null;
}

export type WebhookState = { readonly phase: 'New' } | ExistingWebhook | { readonly phase: 'Deleted'; readonly webhookId: string };

export const initialState = (): WebhookState => ({ phase: 'New' });

export const evolve = (state: WebhookState, event: WebhookEvent): WebhookState => {
  if (event.type === 'WebhookCreated') {
    const { webhookId, secretRef, secretFingerprint, url, events, tags, format } = event.data;
    return { phase: 'Active', webhookId, secretRef, secretFingerprint, definition: { url, events, tags, format } };
  }
  if (state.phase !== 'Active') return state;
  switch (event.type) {
    case 'WebhookUpdated': {
      const { url, events, tags, format } = event.data;
      return { ...state, definition: { url, events, tags, format } };
    }
    case 'WebhookSecretChanged':
      return { ...state, secretRef: event.data.secretRef, secretFingerprint: event.data.secretFingerprint };
    case 'WebhookDeleted':
      return { phase: 'Deleted', webhookId: state.webhookId };
    default:
      return state;
  }
};
