import type { Kysely } from 'kysely';
import {
  deliveryIdOf, NOTIFYING_EVENT_TYPES, notificationKindOf, webhookDeliveryDecider, webhookWants,
  type WebhookDeliveryCommand, type WebhookEventKind,
} from '@netraven/domain';
import { newCommandMetadata, type CommandHandler, type EventStore, type RecordedEvent } from '@netraven/infra/eventstore';
import type { Follower, FollowerRun } from '@netraven/infra/supervision';
import {
  devicesProjector, jobsProjector, listWebhooks, loadCheckpoint, saveCheckpoint, waitUntilCaughtUp, webhooksProjector,
  type Projector, type ReadModelDatabase, type WebhookRow,
} from '@netraven/projections';
import { subjectOf, type PreviousConfigSource } from './notification-subjects.js';

const CHECKPOINT = 'scheduler:webhook-matcher';

export interface WebhookMatcherOptions {
  readonly catchUpTimeoutMs?: number;
  /** Told after deliveries were requested, so a sender in this process can look at once. */
  readonly onRequested?: (count: number) => void;
}

/**
 * Follows the log from its checkpoint and turns each notifying event into one delivery per matching webhook:
 * `RequestWebhookDelivery` on the stream of `deliveryIdOf(event id, webhook id)`, which the decider accepts
 * once, so a restart that reads events again (crash before the checkpoint moved) requests nothing twice.
 * Webhooks only hear of events logged after they were created.
 */
export class WebhookMatcher implements Follower {
  readonly name = 'webhook-matcher';
  readonly tracks = { checkpoint: CHECKPOINT, eventTypes: NOTIFYING_EVENT_TYPES };

  constructor(
    private readonly store: EventStore,
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly commands: CommandHandler,
    private readonly git: PreviousConfigSource,
    private readonly options: WebhookMatcherOptions = {},
  ) {}

  async follow(): Promise<FollowerRun> {
    const after = await loadCheckpoint(this.db, CHECKPOINT);
    return this.store.subscribeAll({ ...(after ? { after } : {}), filter: { eventTypes: this.tracks.eventTypes } }, async (events) => {
      const requested = await this.matchBatch(events);
      const last = events[events.length - 1];
      if (last) await saveCheckpoint(this.db, CHECKPOINT, last.position);
      if (requested > 0) this.options.onRequested?.(requested);
    });
  }

  /**
   * Read models are awaited once per batch, up to its last notifying event (later is as good), and devices and
   * jobs only when some rule wants one of the events: a 10,000-device job costs a few queries, not 10,000 waits.
   */
  private async matchBatch(events: readonly RecordedEvent[]): Promise<number> {
    const notifying = events.flatMap((event) => {
      const kind = notificationKindOf(event);
      return kind === null ? [] : [{ event, kind }];
    });
    const last = notifying[notifying.length - 1];
    if (!last) return 0;
    await this.caughtUp([webhooksProjector], last.event);
    const rules = await listWebhooks(this.db);
    const wanted = notifying.map(({ event, kind }) => ({
      event, kind, rules: rules.filter((w) => w.created_at.getTime() <= event.recordedAt.getTime() && w.events.includes(kind)),
    })).filter((m) => m.rules.length > 0);
    if (wanted.length === 0) return 0;
    await this.caughtUp([devicesProjector, jobsProjector], last.event);
    let requested = 0;
    for (const { event, kind, rules: candidates } of wanted) requested += await this.match(event, kind, candidates);
    return requested;
  }

  private async match(event: RecordedEvent, kind: WebhookEventKind, candidates: readonly WebhookRow[]): Promise<number> {
    const matched = await subjectOf(this.db, this.git, kind, event);
    if (matched === null) return 0;
    let requested = 0;
    for (const rule of candidates) {
      if (!webhookWants({ events: rule.events as WebhookEventKind[], tags: rule.tags }, kind, matched.deviceTags)) continue;
      const deliveryId = deliveryIdOf(event.metadata.eventId, rule.id);
      const command: WebhookDeliveryCommand = {
        type: 'RequestWebhookDelivery',
        data: { deliveryId, webhookId: rule.id, sourceEventId: event.metadata.eventId, event: kind, subject: matched.subject },
        metadata: newCommandMetadata({ actor: 'system:webhooks', commandId: `request-${deliveryId}`, correlationId: event.metadata.correlationId }),
      };
      const result = await this.commands.handle(webhookDeliveryDecider, deliveryId, command);
      if (result.events.length > 0) requested++;
    }
    return requested;
  }

  /** Rules, devices and job outcomes as they stood at the event (or later), never before it. */
  private async caughtUp(projectors: readonly Projector[], event: RecordedEvent): Promise<void> {
    const timeoutMs = this.options.catchUpTimeoutMs ?? 30_000;
    for (const projector of projectors) await waitUntilCaughtUp(this.db, this.store, projector, event.position, { timeoutMs });
  }
}
