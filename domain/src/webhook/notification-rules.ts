import type { DeviceBackupFailed, JobCompleted, SnapshotRecorded } from '../job/events.js';
import type { DeviceBecameStale } from '../staleness/staleness.js';
import type { WebhookDefinition, WebhookEventKind } from './events.js';

/** Which logged events can notify, and as what (a new kind: its event type here, its subject in the matcher). */
export const NOTIFYING_EVENT_TYPES = ['SnapshotRecorded', 'DeviceBackupFailed', 'JobCompleted', 'DeviceBecameStale'] as const;

type Notifying =
  | { readonly type: 'SnapshotRecorded'; readonly data: SnapshotRecorded['data'] }
  | { readonly type: 'DeviceBackupFailed'; readonly data: DeviceBackupFailed['data'] }
  | { readonly type: 'JobCompleted'; readonly data: JobCompleted['data'] }
  | { readonly type: 'DeviceBecameStale'; readonly data: DeviceBecameStale['data'] };

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
    case 'DeviceBecameStale':
      return 'DEVICE_STALE';
    default:
      return null;
  }
}

/** Does the rule want this notification about devices with these tags? No tags on the rule: every device. */
export function webhookWants(rule: Pick<WebhookDefinition, 'events' | 'tags'>, kind: WebhookEventKind, deviceTags: readonly string[]): boolean {
  if (!rule.events.includes(kind)) return false;
  return rule.tags.length === 0 || rule.tags.some((tag) => deviceTags.includes(tag));
}
