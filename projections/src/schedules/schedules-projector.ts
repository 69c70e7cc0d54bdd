import { SCHEDULE_EVENT_TYPES, type ScheduleEvent } from '@netraven/domain';
import { evolve, type ExistingSchedule } from '@netraven/domain/schedule';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import type { Projector, ReadModelTransaction } from '../runner/projector.js';
import { scheduleOfRow, type ScheduleRow } from './schedule-queries.js';

/**
 * `schedules`: one row per schedule, evolved with the domain's own `evolve`, so the read model's
 * occurrence cursor (`settled_through`) follows exactly the rules the decider follows.
 */
export const schedulesProjector: Projector = {
  name: 'schedules',
  tables: ['schedules'],
  eventTypes: SCHEDULE_EVENT_TYPES,
  async apply(trx: ReadModelTransaction, recorded: RecordedEvent) {
    const event = { type: recorded.type, data: recorded.data } as ScheduleEvent;
    const scheduleId = event.data.scheduleId;
    const row = await trx.selectFrom('schedules').selectAll().where('id', '=', scheduleId).executeTakeFirst();
    const before = row && !row.deleted_at ? scheduleOfRow(row) : { phase: 'New' as const };
    const after = evolve(before, event);
    const at = new Date(timeOf(event));
    if (after.phase === 'Deleted') {
      await trx.updateTable('schedules').set({ deleted_at: at, enabled: false, updated_at: at }).where('id', '=', scheduleId).execute();
      return;
    }
    if (after.phase !== 'Active') return;
    const values = rowOf(after, row, event.type === 'ScheduleOccurrenceFired' || event.type === 'ScheduleOccurrencesSkipped' ? row?.updated_at ?? at : at);
    await trx.insertInto('schedules').values(values).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
  },
};

function rowOf(s: ExistingSchedule, before: ScheduleRow | undefined, updatedAt: Date) {
  const d = s.definition;
  return {
    id: s.scheduleId, name: d.name, timing: JSON.stringify(d.timing),
    start_at: d.startAt ? new Date(d.startAt) : null, end_at: d.endAt ? new Date(d.endAt) : null,
    target_device_ids: JSON.stringify(d.targets.deviceIds), target_tags: JSON.stringify(d.targets.tags),
    misfire: d.misfire, enabled: s.enabled, job_type: d.jobType ?? 'backup', system: s.system, created_at: new Date(s.createdAt), updated_at: before ? updatedAt : new Date(s.createdAt),
    settled_through: new Date(s.settledThrough),
    last_occurrence: s.lastFired ? new Date(s.lastFired.occurrence) : null, last_job_id: s.lastFired?.jobId ?? null, deleted_at: null,
    windows: d.windows ? JSON.stringify(d.windows) : null,
    commands: JSON.stringify(d.commands ?? []),
  };
}

function timeOf(event: ScheduleEvent): string {
  switch (event.type) {
    case 'ScheduleCreated': return event.data.createdAt;
    case 'ScheduleUpdated': return event.data.updatedAt;
    case 'ScheduleEnabled': return event.data.enabledAt;
    case 'ScheduleDisabled': return event.data.disabledAt;
    case 'ScheduleDeleted': return event.data.deletedAt;
    case 'ScheduleOccurrenceFired': return event.data.firedAt;
    case 'ScheduleOccurrencesSkipped': return event.data.skippedAt;
  }
}
