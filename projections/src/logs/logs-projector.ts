import type {
  BackupScheduled,
  DeviceBackupFailed,
  DeviceBackupStarted,
  JobCompleted,
  JobDispatched,
  JobLogEntry,
  JobLogRecorded,
  SnapshotRecorded,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import { writeRows, type ColumnTypes, type WritableRow } from '../schema/bulk-writes.js';

type Entry = Omit<JobLogEntry, 'at'> & { at: string; jobId: string | null };

const LOG_EVENT_TYPES = ['BackupScheduled', 'JobDispatched', 'DeviceBackupStarted', 'SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted', 'JobLogRecorded'];

/** `logs`: the unified log (job, connection, system), from job events and recorded log entries. */
export const logsProjector: Projector = {
  name: 'logs',
  tables: ['logs'],
  eventTypes: LOG_EVENT_TYPES,
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    await insertLogRows(trx, logRowsOf(event));
  },
  batch: {
    eventTypes: LOG_EVENT_TYPES,
    applyAll: (trx, events) => insertLogRows(trx, events.flatMap(logRowsOf)),
  },
};

function logRowsOf(event: RecordedEvent): WritableRow<'logs'>[] {
  const source = logSourceOf(event.metadata.actor);
  return entriesOf(event).map((e, seq) => ({
    id: `${event.metadata.eventId}:${seq}`,
    position_commit: event.position.commit.toString(),
    position_prepare: event.position.prepare.toString(),
    seq,
    job_id: e.jobId,
    device_id: e.deviceId ?? null,
    level: e.level,
    kind: e.kind,
    source,
    message: e.message,
    at: e.at,
  }));
}

const LOG_COLUMNS: ColumnTypes<'logs'> = {
  id: 'text', position_commit: 'numeric', position_prepare: 'numeric', seq: 'integer', job_id: 'text', device_id: 'text',
  level: 'text', kind: 'text', source: 'text', message: 'text', at: 'timestamptz',
};

/**
 * The component a line came from, from the event's actor: a person or a script through the API,
 * else the system part that acted (`system:scheduler`, `system:device-comm`, `system:watchdog`, and
 * `system:schedule:<name>`, the scheduler's schedule runner).
 */
export function logSourceOf(actor: string | undefined): string {
  if (!actor) return 'unknown';
  if (actor.startsWith('user:') || actor.startsWith('token:')) return 'api';
  const [kind, name] = actor.split(':');
  if (kind !== 'system' || !name) return 'unknown';
  return name === 'schedule' ? 'scheduler' : name;
}

/** Ids are unique per entry, so rows already there (a replayed event) are skipped. */
async function insertLogRows(trx: ReadModelTransaction, rows: WritableRow<'logs'>[]): Promise<void> {
  await writeRows(trx, 'logs', LOG_COLUMNS, rows, { key: ['id'], then: 'nothing' });
}

function entriesOf(event: RecordedEvent): Entry[] {
  switch (event.type) {
    case 'JobLogRecorded': {
      const d = dataOf<JobLogRecorded['data']>(event);
      return d.entries.map((e) => ({ ...e, jobId: d.jobId }));
    }
    case 'BackupScheduled': {
      const d = dataOf<BackupScheduled['data']>(event);
      const targets = [...d.targets.deviceIds.map((id) => `device ${id}`), ...d.targets.tags.map((t) => `tag ${t}`)];
      return [job(d.jobId, 'info', `Backup job scheduled by ${event.metadata.actor} for ${targets.join(', ')}`, d.scheduledAt)];
    }
    case 'JobDispatched': {
      const d = dataOf<JobDispatched['data']>(event);
      return [job(d.jobId, 'info', `Job dispatched to ${d.deviceIds.length} device(s)`, d.dispatchedAt)];
    }
    case 'DeviceBackupStarted': {
      const d = dataOf<DeviceBackupStarted['data']>(event);
      return [job(d.jobId, 'info', `Backup started on worker ${d.workerId} (attempt ${d.attempt})`, d.startedAt, d.deviceId)];
    }
    case 'SnapshotRecorded': {
      const d = dataOf<SnapshotRecorded['data']>(event);
      const what = d.changed ? `config changed, commit ${d.commit.slice(0, 12)}` : 'config unchanged';
      return [job(d.jobId, 'info', `Backup succeeded: ${what} (${d.size} bytes)`, d.recordedAt, d.deviceId)];
    }
    case 'DeviceBackupFailed': {
      const d = dataOf<DeviceBackupFailed['data']>(event);
      return [job(d.jobId, 'error', `Backup failed [${d.category}${d.transient ? ', transient' : ''}]: ${d.message}`, d.failedAt, d.deviceId)];
    }
    case 'JobCompleted': {
      const d = dataOf<JobCompleted['data']>(event);
      const level = d.status === 'FAILED' ? 'error' : 'info';
      return [job(d.jobId, level, `Job ${d.status}: ${d.succeeded} succeeded, ${d.failed} failed`, d.completedAt)];
    }
    default:
      return [];
  }
}

function job(jobId: string, level: Entry['level'], message: string, at: string, deviceId?: string): Entry {
  return { jobId, level, kind: 'job', message, at, ...(deviceId ? { deviceId } : {}) };
}
