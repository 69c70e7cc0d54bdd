import type { Command, Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { requireId } from '../shared/validation.js';
import type { WebhookEventKind } from './events.js';
import type { DeliveryOutcome, NotificationSubject, WebhookDeliveryEvent } from './delivery-events.js';
import { backoffAfter, classifyAnswer, type DeliveryPolicy } from './delivery-policy.js';

export type RequestWebhookDelivery = Command<
  'RequestWebhookDelivery',
  { deliveryId: string; webhookId: string; sourceEventId: string; event: WebhookEventKind; subject: NotificationSubject }
>;
export type RecordWebhookDeliveryAttempt = Command<
  'RecordWebhookDeliveryAttempt',
  {
    deliveryId: string; attempt: number; statusCode: number | null; error: string | null; durationMs: number;
    policy: DeliveryPolicy; retryAfterMs?: number | null;
  }
>;
export type WebhookDeliveryCommand = RequestWebhookDelivery | RecordWebhookDeliveryAttempt;

export type WebhookDeliveryState =
  | { readonly phase: 'New' }
  | { readonly phase: 'Pending' | 'Delivered' | 'Failed'; readonly deliveryId: string; readonly webhookId: string; readonly attempts: number };

export const initialDeliveryState = (): WebhookDeliveryState => ({ phase: 'New' });

const PHASE: Record<DeliveryOutcome, 'Pending' | 'Delivered' | 'Failed'> = { DELIVERED: 'Delivered', RETRY: 'Pending', FAILED: 'Failed' };

export const evolveDelivery = (state: WebhookDeliveryState, event: WebhookDeliveryEvent): WebhookDeliveryState => {
  if (event.type === 'WebhookDeliveryRequested') return { phase: 'Pending', deliveryId: event.data.deliveryId, webhookId: event.data.webhookId, attempts: 0 };
  if (state.phase === 'New') return state;
  return { ...state, phase: PHASE[event.data.outcome], attempts: event.data.attempt };
};

/** Error texts from the network are bounded before they become events. */
const ERROR_CHARS = 512;

export const decideDelivery = (command: WebhookDeliveryCommand, state: WebhookDeliveryState): WebhookDeliveryEvent[] => {
  const now = command.metadata.now.toISOString();
  if (command.type === 'RequestWebhookDelivery') {
    const { deliveryId, webhookId, sourceEventId, event, subject } = command.data;
    requireId(deliveryId, 'deliveryId');
    // Matching the same event again (a restart from an older checkpoint) is not a second delivery.
    if (state.phase !== 'New') return [];
    return [{ type: 'WebhookDeliveryRequested', data: { deliveryId, webhookId, sourceEventId, event, subject, requestedAt: now } }];
  }
  if (command.type !== 'RecordWebhookDeliveryAttempt') throw new ValidationError(`Unknown delivery command ${(command as { type: string }).type}`);
  if (state.phase === 'New') throw new IllegalStateError('Delivery was not requested');
  if (state.phase !== 'Pending') throw new IllegalStateError(`Delivery is already ${state.phase.toLowerCase()}`);
  const { attempt, statusCode, error, durationMs, policy, retryAfterMs } = command.data;
  // Two senders may both try an attempt; only the first report counts.
  if (attempt !== state.attempts + 1) throw new IllegalStateError(`Attempt ${attempt} is not the next one (${state.attempts + 1})`);
  const answer = classifyAnswer(statusCode);
  const outcome: DeliveryOutcome = answer === 'received' ? 'DELIVERED' : answer === 'retryable' && attempt < policy.maxAttempts ? 'RETRY' : 'FAILED';
  const nextAttemptAt = outcome === 'RETRY' ? new Date(command.metadata.now.getTime() + backoffAfter(attempt, policy, retryAfterMs)).toISOString() : null;
  return [{
    type: 'WebhookDeliveryAttempted',
    data: {
      deliveryId: state.deliveryId, webhookId: state.webhookId, attempt, statusCode, error: error === null ? null : error.slice(0, ERROR_CHARS),
      durationMs: Math.max(0, Math.round(durationMs)), outcome, nextAttemptAt, attemptedAt: now,
    },
  }];
};

export const webhookDeliveryDecider: Decider<WebhookDeliveryCommand, WebhookDeliveryEvent, WebhookDeliveryState> = {
  decide: decideDelivery,
  evolve: evolveDelivery,
  initialState: initialDeliveryState,
  streamName: (deliveryId) => `webhookdelivery-${deliveryId}`,
};
