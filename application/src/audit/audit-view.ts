import type { JobLogEntry } from '@netraven/domain';
import type { Position, RecordedEvent } from '@netraven/infra/eventstore';
import type { ReplayedJob } from './job-replay.js';

/** One step of an audit trail: an event of the log as the API shows it. */
export interface AuditEvent {
  readonly position: Position;
  readonly streamId: string;
  readonly type: string;
  readonly at: Date;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly data: unknown;
}

export function toAuditEvent(event: RecordedEvent): AuditEvent {
  return {
    position: event.position,
    streamId: event.streamId,
    type: event.type,
    at: event.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    data: event.data,
  };
}

type Data = Record<string, unknown>;
const dataOf = (event: AuditEvent): Data => (typeof event.data === 'object' && event.data !== null ? (event.data as Data) : {});
const DEVICE_STREAM = /^device-(.+)$/;

/** Every device id an event names (its stream, `deviceId`, a dispatch or target list, log entries), to ask once which are visible. */
export function devicesNamedBy(event: AuditEvent): string[] {
  const data = dataOf(event);
  const ids: string[] = [];
  const stream = DEVICE_STREAM.exec(event.streamId)?.[1];
  if (stream) ids.push(stream);
  if (typeof data['deviceId'] === 'string') ids.push(data['deviceId']);
  if (Array.isArray(data['deviceIds'])) ids.push(...(data['deviceIds'] as string[]));
  const targets = data['targets'] as { deviceIds?: string[] } | undefined;
  if (Array.isArray(targets?.deviceIds)) ids.push(...targets.deviceIds);
  if (Array.isArray(data['entries'])) for (const entry of data['entries'] as JobLogEntry[]) if (entry.deviceId) ids.push(entry.deviceId);
  return ids;
}

/**
 * A scoped reader's view of a job's trail, like `NetRavenQueries.scopedView` for the job itself: events
 * about devices outside its tags are left out, lists of devices and tags are cut to its scope, log entries
 * of other devices are dropped, and a completion carries the counts of the devices it sees. Undefined:
 * nothing of the event is theirs to see.
 */
export function scopedAuditEvent(
  event: AuditEvent, visible: ReadonlySet<string>, scope: readonly string[], visibleCounts: { succeeded: number; failed: number },
  foreign: ReadonlySet<string>,
): AuditEvent | undefined {
  const data = dataOf(event);
  const stream = DEVICE_STREAM.exec(event.streamId)?.[1];
  if (stream && !visible.has(stream)) return undefined;
  if (typeof data['deviceId'] === 'string' && !visible.has(data['deviceId'])) return undefined;
  const changed: Data = { ...data };
  if (Array.isArray(data['deviceIds'])) changed['deviceIds'] = (data['deviceIds'] as string[]).filter((id) => visible.has(id));
  const targets = data['targets'] as { deviceIds?: string[]; tags?: string[] } | undefined;
  if (targets) {
    changed['targets'] = {
      ...targets,
      deviceIds: (targets.deviceIds ?? []).filter((id) => visible.has(id)),
      tags: (targets.tags ?? []).filter((tag) => scope.includes(tag)),
    };
  }
  if (Array.isArray(data['entries'])) {
    const entries = (data['entries'] as JobLogEntry[]).filter((entry) => !entry.deviceId || visible.has(entry.deviceId));
    if (entries.length === 0) return undefined;
    changed['entries'] = entries;
  }
  if (event.type === 'JobCompleted') Object.assign(changed, visibleCounts);
  // Command ids name devices (`outcome-<job>-<device>`): the last outcome's may be a foreign device's.
  const causationId = namesAny(event.causationId, foreign) ? HIDDEN : event.causationId;
  const correlationId = namesAny(event.correlationId, foreign) ? HIDDEN : event.correlationId;
  return { ...event, causationId, correlationId, data: changed };
}

/** What a scoped reader sees instead of an id that names a device outside its tags. */
export const HIDDEN = 'outside-your-scope';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const namesAny = (text: string, ids: ReadonlySet<string>): boolean =>
  ids.size > 0 && [...text.matchAll(UUID)].some((m) => ids.has(m[0]) || ids.has(m[0].toLowerCase()));

/** Credential ids are for those who may read credentials (OPERATOR and up), as on `Device.credential`. */
export function withoutCredentialIds(event: AuditEvent): AuditEvent {
  const data = dataOf(event);
  if (!('credentialId' in data) && !('credentialsTried' in data) && !('changes' in data)) return event;
  const { credentialId: _omitted, ...rest } = data;
  const changed: Data = { ...rest };
  if (Array.isArray(data['credentialsTried'])) {
    changed['credentialsTried'] = (data['credentialsTried'] as Array<{ verdict: string }>).map((t) => ({ verdict: t.verdict }));
  }
  if (typeof data['changes'] === 'object' && data['changes'] !== null) {
    const { credentialId: _hidden, ...changes } = data['changes'] as Data;
    changed['changes'] = changes;
  }
  return { ...event, data: changed };
}

/** A scoped reader's view of a replayed job: only the devices it sees, counted like `NetRavenQueries.scopedView`. */
export function scopedReplay(replayed: ReplayedJob, visible: ReadonlySet<string>, scope: readonly string[]): ReplayedJob {
  const devices = replayed.devices.filter((d) => visible.has(d.device_id));
  const targets = replayed.job.target_device_ids as string[];
  return {
    job: {
      ...replayed.job,
      device_count: devices.length,
      succeeded: devices.filter((d) => d.status === 'SUCCEEDED').length,
      failed: devices.filter((d) => d.status === 'FAILED').length,
      target_device_ids: targets.filter((id) => visible.has(id)),
      target_tags: (replayed.job.target_tags as string[]).filter((tag) => scope.includes(tag)),
    },
    devices,
  };
}
