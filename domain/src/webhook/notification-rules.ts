import type { DeviceBackupFailed, JobCompleted, SnapshotRecorded } from '../job/events.js';
import type { WebhookDefinition, WebhookEventKind } from './events.js';

/**
 * Which logged events can notify, and as what. `DEVICE_STALE` joins by adding the staleness event's type here
 * (and its subject in the matcher) once that event exists; rules may already subscribe to it.
 */
export const NOTIFYING_EVENT_TYPES = ['SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted'] as const;

type Notifying =
  | { readonly type: 'SnapshotRecorded'; readonly data: SnapshotRecorded['data'] }
  | { readonly type: 'DeviceBackupFailed'; readonly data: DeviceBackupFailed['data'] }
  | { readonly type: 'JobCompleted'; readonly data: JobCompleted['data'] };

/** The notification a logged event stands for, or null: an unchanged config, a job without failures, any other event. */
export function notificationKindOf(event: { readonly type: string; readonly data: unknown }): WebhookEventKind | null {
  const known = event as Notifying;
  switch (known.type) {
    case 'SnapshotRecorded':
      return known.data.changed ? 'CONFIG_CHANGED' : null;
    case 'DeviceBackupFailed':
      return 'BACKUP_FAILED';
    case 'JobCompleted':
      return known.data.status === 'FAILED' || known.data.failed > 0 ? 'JOB_FAILED' : null;
    default:
      return null;
  }
}

/** Does the rule want this notification about devices with these tags? No tags on the rule: every device. */
export function webhookWants(rule: Pick<WebhookDefinition, 'events' | 'tags'>, kind: WebhookEventKind, deviceTags: readonly string[]): boolean {
  if (!rule.events.includes(kind)) return false;
  return rule.tags.length === 0 || rule.tags.some((tag) => deviceTags.includes(tag));
}
