import type { Kysely } from 'kysely';
import type {
  DeviceBackupFailed, DeviceBecameStale, JobCompleted, NotificationDevice, NotificationSubject, SnapshotRecorded, WebhookEventKind,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { findDevice, type ReadModelDatabase } from '@netraven/projections';

/** Where the matcher finds the config a change replaced (the Git repository in production). */
export interface PreviousConfigSource {
  deviceConfigPath(deviceId: string): string;
  readConfigBefore(commit: string, path: string): Promise<{ commit: string; content: string } | null>;
}

/** A subject and the tags of the devices it is about (what a rule's tags are matched against). */
export interface MatchedSubject {
  readonly subject: NotificationSubject;
  readonly deviceTags: readonly string[];
}

/** A job's failed devices named in one payload; the count says how many there were in all. */
const FAILED_DEVICES_LISTED = 100;

async function deviceOf(db: Kysely<ReadModelDatabase>, deviceId: string): Promise<NotificationDevice> {
  const row = await findDevice(db, deviceId);
  // A device the read model does not know (yet) is still named by its id.
  return row ? { id: row.id, name: row.name, host: row.host, platform: row.platform, tags: row.tags } : { id: deviceId, name: deviceId, host: '', platform: '', tags: [] };
}

/**
 * What a notifying event is about, from the read models (caught up to the event) and Git; null when there is
 * nothing to tell: a device's first backup is not a change (there is no earlier config to compare with).
 */
export async function subjectOf(
  db: Kysely<ReadModelDatabase>, git: PreviousConfigSource, kind: WebhookEventKind, event: RecordedEvent,
): Promise<MatchedSubject | null> {
  const occurredAt = event.recordedAt.toISOString();
  switch (kind) {
    case 'CONFIG_CHANGED': {
      const data = event.data as SnapshotRecorded['data'];
      const previous = await git.readConfigBefore(data.commit, git.deviceConfigPath(data.deviceId));
      if (previous === null) return null;
      const device = await deviceOf(db, data.deviceId);
      return {
        subject: { kind, occurredAt, jobId: data.jobId, device, commit: data.commit, previousCommit: previous.commit, sha256: data.sha256, size: data.size },
        deviceTags: device.tags,
      };
    }
    case 'BACKUP_FAILED': {
      const data = event.data as DeviceBackupFailed['data'];
      const device = await deviceOf(db, data.deviceId);
      return { subject: { kind, occurredAt, jobId: data.jobId, device, category: data.category, message: data.message }, deviceTags: device.tags };
    }
    case 'JOB_FAILED': {
      const data = event.data as JobCompleted['data'];
      const failed = await db.selectFrom('job_devices').select('device_id').where('job_id', '=', data.jobId).where('status', '=', 'FAILED').orderBy('device_id').execute();
      const ids = failed.map((r) => r.device_id);
      const tags = ids.length === 0 ? [] : await db.selectFrom('device_tags').select('tag').distinct().where('device_id', 'in', ids).execute();
      const failedDevices = await Promise.all(ids.slice(0, FAILED_DEVICES_LISTED).map((id) => deviceOf(db, id)));
      return {
        subject: { kind, occurredAt, jobId: data.jobId, status: data.status, succeeded: data.succeeded, failed: data.failed, failedDevices },
        deviceTags: tags.map((t) => t.tag),
      };
    }
    case 'DEVICE_STALE': {
      const data = event.data as DeviceBecameStale['data'];
      const device = await deviceOf(db, data.deviceId);
      return {
        subject: { kind, occurredAt: data.detectedAt, device, lastBackupAt: data.lastSuccessAt, staleAfterHours: data.staleAfterHours },
        deviceTags: device.tags,
      };
    }
  }
}
