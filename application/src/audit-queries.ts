import type { Kysely } from 'kysely';
import { deviceDecider, jobDecider, jobLogStreamName, NotFoundError, roleAtLeast, ValidationError } from '@netraven/domain';
import type { EventSelection, EventStore, Position, RecordedEvent } from '@netraven/infra/eventstore';
import { deviceIdsInScopeAmong, findDevice, findJob, jobDevices, type ReadModelDatabase } from '@netraven/projections';
import { isScoped, type Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { seesTags } from './access/scope.js';
import { devicesNamedBy, scopedAuditEvent, scopedReplay, toAuditEvent, withoutCredentialIds, type AuditEvent } from './audit/audit-view.js';
import { replayJob, type ReplayedJob } from './audit/job-replay.js';

export type { AuditEvent } from './audit/audit-view.js';
export { replayJob, type ReplayedJob } from './audit/job-replay.js';

export interface HistoryPage {
  /** Exclusive: events strictly after this position of the log. */
  readonly after?: Position;
  readonly limit: number;
}

/** A point of a job's history: a time, or a position of the log (`AuditEvent.position.prepare`). */
export type HistoryPoint = { readonly at: Date } | { readonly position: bigint };

export interface AuditQueriesDependencies {
  readonly db: Kysely<ReadModelDatabase>;
  readonly store: EventStore;
}

/**
 * Audit replay: a job's or a device's trail of events, straight from the event log in global order,
 * and a job's state at any point, folded with the domain's own `evolve`. The actor's role is checked
 * first, then its tag scope: a scoped reader sees neither a job or device outside its tags nor, inside a
 * job's trail, the events of devices outside them.
 */
export class AuditQueries {
  constructor(private readonly deps: AuditQueriesDependencies) {}

  async jobHistory(actor: Actor, jobId: string, page: HistoryPage): Promise<AuditEvent[]> {
    authorize(actor, 'jobHistory');
    await this.visibleJob(actor, jobId);
    const selection = await this.jobSelection(jobId);
    return this.readPage(actor, selection, page, (events) => this.jobView(actor, jobId, events));
  }

  async deviceHistory(actor: Actor, deviceId: string, page: HistoryPage): Promise<AuditEvent[]> {
    authorize(actor, 'deviceHistory');
    const device = await findDevice(this.deps.db, deviceId);
    if (!device || !seesTags(actor, device.tags)) throw new NotFoundError(`device ${deviceId} not found`, 'id');
    const selection: EventSelection = {
      streamIds: [deviceDecider.streamName(deviceId)],
      dataField: { name: 'deviceId', value: deviceId, streamPrefixes: [jobDecider.streamName('')] },
    };
    // Only this device's events are selected: the device is in scope, so all of them are.
    return this.readPage(actor, selection, page, (events) => Promise.resolve(events));
  }

  /** The job as it stood at that point; undefined when it had not been scheduled yet. */
  async jobStateAt(actor: Actor, jobId: string, point: { at?: Date | null; position?: number | null }): Promise<ReplayedJob | undefined> {
    authorize(actor, 'jobStateAt');
    const cut = historyPoint(point);
    await this.visibleJob(actor, jobId);
    const events = await this.deps.store.readStream(jobDecider.streamName(jobId));
    const upTo = events.filter((e) => ('at' in cut ? e.recordedAt.getTime() <= cut.at.getTime() : e.position.prepare <= cut.position));
    const replayed = replayJob(jobId, upTo);
    if (!replayed || !isScoped(actor)) return replayed;
    const named = [...new Set([...(replayed.job.target_device_ids as string[]), ...replayed.devices.map((d) => d.device_id)])];
    return scopedReplay(replayed, await deviceIdsInScopeAmong(this.deps.db, named, actor.tags), actor.tags);
  }

  private async visibleJob(actor: Actor, jobId: string): Promise<void> {
    const job = await findJob(this.deps.db, jobId, isScoped(actor) ? actor.tags : undefined);
    if (!job) throw new NotFoundError(`job ${jobId} not found`, 'id');
  }

  /**
   * The job's own stream and log, plus every event carrying its correlation: the job id (workers,
   * scheduler, watchdog) and the correlation its scheduling command started (older jobs' dispatch).
   */
  private async jobSelection(jobId: string): Promise<EventSelection> {
    const [first] = await this.deps.store.readStream(jobDecider.streamName(jobId), { limit: 1 });
    const correlationIds = [...new Set([jobId, ...(first ? [first.metadata.correlationId] : [])])];
    return { streamIds: [jobDecider.streamName(jobId), jobLogStreamName(jobId)], correlationIds };
  }

  /** Reads on past events the actor may not see, so a page is full whenever more visible events exist. */
  private async readPage(
    actor: Actor, selection: EventSelection, page: HistoryPage, view: (events: AuditEvent[]) => Promise<AuditEvent[]>,
  ): Promise<AuditEvent[]> {
    const shown: AuditEvent[] = [];
    let after = page.after;
    for (;;) {
      const batch: RecordedEvent[] = await this.deps.store.readSelected(selection, { ...(after ? { after } : {}), limit: page.limit });
      const seen = await view(batch.map(toAuditEvent));
      shown.push(...seen);
      if (shown.length >= page.limit || batch.length < page.limit) break;
      after = batch[batch.length - 1]?.position;
    }
    const mayReadCredentials = actor.role !== null && roleAtLeast(actor.role, 'OPERATOR');
    return shown.slice(0, page.limit).map((e) => (mayReadCredentials ? e : withoutCredentialIds(e)));
  }

  private async jobView(actor: Actor, jobId: string, events: AuditEvent[]): Promise<AuditEvent[]> {
    if (!isScoped(actor) || events.length === 0) return events;
    // Every device of the job, not only those this page names: a command id may name any of them.
    const rows = await jobDevices(this.deps.db, jobId);
    const named = [...new Set([...events.flatMap(devicesNamedBy), ...rows.map((r) => r.device_id)])];
    const visible = await deviceIdsInScopeAmong(this.deps.db, named, actor.tags);
    const foreign = new Set(named.filter((id) => !visible.has(id)));
    const seen = rows.filter((r) => visible.has(r.device_id));
    const counts = { succeeded: seen.filter((d) => d.status === 'SUCCEEDED').length, failed: seen.filter((d) => d.status === 'FAILED').length };
    return events.flatMap((e) => scopedAuditEvent(e, visible, actor.tags, counts, foreign) ?? []);
  }
}

/** Exactly one of `at` and `position`; a position is a non-negative integer. */
function historyPoint(point: { at?: Date | null; position?: number | null }): HistoryPoint {
  const hasAt = point.at !== undefined && point.at !== null;
  const hasPosition = point.position !== undefined && point.position !== null;
  if (hasAt === hasPosition) throw new ValidationError('give exactly one of at and position', hasAt ? 'position' : 'at');
  if (hasAt) return { at: point.at as Date };
  const position = point.position as number;
  if (!Number.isSafeInteger(position) || position < 0) throw new ValidationError(`position must be a non-negative integer (got ${position})`, 'position');
  return { position: BigInt(position) };
}
