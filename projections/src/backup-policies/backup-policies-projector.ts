import { sql } from 'kysely';
import {
  BACKUP_POLICY_EVENT_TYPES, STALENESS_EVENT_TYPES,
  type BackupPolicyEvent, type BackupPolicyScope, type SnapshotRecorded, type StalenessEvent,
} from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';

const scopeKey = (scope: BackupPolicyScope) => ({ scope_kind: scope.kind, scope_value: scope.kind === 'tag' ? scope.tag : scope.deviceId });

/** `backup_policies`: one row per tag or device that has a policy. */
export const backupPoliciesProjector: Projector = {
  name: 'backup-policies',
  tables: ['backup_policies'],
  eventTypes: BACKUP_POLICY_EVENT_TYPES,
  async apply(trx: ReadModelTransaction, recorded: RecordedEvent) {
    const event = { type: recorded.type, data: recorded.data } as BackupPolicyEvent;
    const key = scopeKey(event.data.scope);
    if (event.type === 'BackupPolicyRemoved') {
      await trx.deleteFrom('backup_policies').where('scope_kind', '=', key.scope_kind).where('scope_value', '=', key.scope_value).execute();
      return;
    }
    const d = event.data;
    const values = {
      ...key, volatile: JSON.stringify(d.volatile), secrets: JSON.stringify(d.secrets), stale_after_hours: d.staleAfterHours,
      updated_at: new Date(d.setAt), updated_by: recorded.metadata.actor,
    };
    await trx.insertInto('backup_policies').values(values).onConflict((oc) => oc.columns(['scope_kind', 'scope_value']).doUpdateSet(values)).execute();
  },
};

const STALENESS_PROJECTOR_TYPES = ['SnapshotRecorded', ...STALENESS_EVENT_TYPES];

interface StalenessRow {
  device_id: string;
  last_success_at: Date | null;
  stale: boolean;
  stale_since: Date | null;
  stale_after_hours: number | null;
}

/**
 * `device_staleness`: each device's last successful backup (every `SnapshotRecorded`) and whether
 * it is stale (`DeviceBecameStale`/`DeviceBecameFresh`). A 10,000-device job is 10,000 snapshots,
 * so events are folded in memory and written back in one statement.
 */
export const stalenessProjector: Projector = {
  name: 'staleness',
  tables: ['device_staleness'],
  eventTypes: STALENESS_PROJECTOR_TYPES,
  apply: (trx, event) => applyStalenessEvents(trx, [event]),
  batch: { eventTypes: STALENESS_PROJECTOR_TYPES, applyAll: applyStalenessEvents },
};

async function applyStalenessEvents(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((e) => dataOf<{ deviceId: string }>(e).deviceId))];
  const existing = await trx.selectFrom('device_staleness').selectAll().where(sql<boolean>`device_id = ANY(${ids}::text[])`).execute();
  const rows = new Map<string, StalenessRow>(existing.map((r) => [r.device_id, r]));
  for (const recorded of events) {
    const deviceId = dataOf<{ deviceId: string }>(recorded).deviceId;
    const row = rows.get(deviceId) ?? { device_id: deviceId, last_success_at: null, stale: false, stale_since: null, stale_after_hours: null };
    if (recorded.type === 'SnapshotRecorded') {
      const at = new Date(dataOf<SnapshotRecorded['data']>(recorded).recordedAt);
      if (row.last_success_at === null || at > row.last_success_at) row.last_success_at = at;
    } else {
      const event = { type: recorded.type, data: recorded.data } as StalenessEvent;
      if (event.type === 'DeviceBecameStale') Object.assign(row, { stale: true, stale_since: new Date(event.data.detectedAt), stale_after_hours: event.data.staleAfterHours });
      else Object.assign(row, { stale: false, stale_since: null, stale_after_hours: null });
    }
    rows.set(deviceId, row);
  }
  await trx.insertInto('device_staleness').values([...rows.values()])
    .onConflict((oc) => oc.column('device_id').doUpdateSet((eb) => ({
      last_success_at: eb.ref('excluded.last_success_at'), stale: eb.ref('excluded.stale'),
      stale_since: eb.ref('excluded.stale_since'), stale_after_hours: eb.ref('excluded.stale_after_hours'),
    })))
    .execute();
}
