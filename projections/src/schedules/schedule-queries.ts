import type { Kysely, Selectable } from 'kysely';
import type { ExistingSchedule, JobType, MisfirePolicy } from '@netraven/domain';
import type { ReadModelDatabase, SchedulesTable } from '../schema/database.js';

export type ScheduleRow = Selectable<SchedulesTable>;

/** Live schedules (not deleted), by name. */
export function listSchedules(db: Kysely<ReadModelDatabase>): Promise<ScheduleRow[]> {
  return db.selectFrom('schedules').selectAll().where('deleted_at', 'is', null).orderBy('name').orderBy('id').execute();
}

export function findSchedule(db: Kysely<ReadModelDatabase>, id: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom('schedules').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** What the scheduler runs: enabled, not deleted. */
export function enabledSchedules(db: Kysely<ReadModelDatabase>): Promise<ScheduleRow[]> {
  return db.selectFrom('schedules').selectAll().where('enabled', '=', true).where('deleted_at', 'is', null).orderBy('id').execute();
}

/** The row as the domain's schedule state, so occurrences are computed by the same code as the decider's. */
export function scheduleOfRow(row: ScheduleRow): ExistingSchedule {
  return {
    phase: 'Active', scheduleId: row.id, enabled: row.enabled, system: row.system, createdAt: row.created_at.toISOString(), settledThrough: row.settled_through.toISOString(),
    lastFired: row.last_occurrence && row.last_job_id ? { occurrence: row.last_occurrence.toISOString(), jobId: row.last_job_id } : null,
    definition: {
      name: row.name, timing: row.timing, startAt: row.start_at?.toISOString() ?? null, endAt: row.end_at?.toISOString() ?? null,
      targets: { deviceIds: [...row.target_device_ids], tags: [...row.target_tags], ...(row.system ? { all: true } : {}) }, misfire: row.misfire as MisfirePolicy,
      ...(row.job_type !== 'backup' ? { jobType: row.job_type as JobType } : {}),
      ...(row.windows ? { windows: row.windows } : {}),
      ...(row.commands.length > 0 ? { commands: [...row.commands] } : {}),
    },
  };
}
