import type { Command } from '../shared/decider.js';
import type { JobType } from '../job/events.js';
import type { MisfirePolicy } from './events.js';
import type { MaintenanceWindow } from './windows.js';

/**
 * A schedule as a request states it: exactly one of `runAt` (ISO-8601 instant), `every` (`"30s"`, `"15m"`,
 * `"2h"`, `"1d"`, ISO-8601 `"PT15M"`, or seconds) and `cron` (with `timezone`, IANA, default `UTC`).
 */
export interface ScheduleInput {
  readonly name: string;
  readonly runAt?: string | null;
  readonly every?: string | null;
  readonly cron?: string | null;
  readonly timezone?: string | null;
  readonly startAt?: string | null;
  readonly endAt?: string | null;
  readonly targets: { readonly deviceIds?: readonly string[] | null; readonly tags?: readonly string[] | null; readonly all?: boolean };
  readonly misfire?: MisfirePolicy | null;
  /** BACKUP (default), REACHABILITY, or COMMAND with `commands`. */
  readonly jobType?: JobType | null;
  /** A COMMAND schedule's read-only commands (1–20). */
  readonly commands?: readonly string[] | null;
  /** Maintenance windows in `timezone` (which a schedule without cron may then give); empty or absent: always. */
  readonly windows?: readonly MaintenanceWindow[] | null;
}

/** Changes to a schedule: only what is given; giving `runAt`, `every` or `cron` replaces the timing. */
export type ScheduleChanges = { readonly [K in keyof ScheduleInput]?: ScheduleInput[K] | null };

/** `system`: the system reachability schedule, created at start-up; it can be retimed but not deleted or disabled. */
export type CreateSchedule = Command<'CreateSchedule', { scheduleId: string; input: ScheduleInput; enabled?: boolean; system?: boolean }>;
export type UpdateSchedule = Command<'UpdateSchedule', { scheduleId: string; changes: ScheduleChanges }>;
export type EnableSchedule = Command<'EnableSchedule', { scheduleId: string }>;
export type DisableSchedule = Command<'DisableSchedule', { scheduleId: string }>;
export type DeleteSchedule = Command<'DeleteSchedule', { scheduleId: string }>;
/** The job of `occurrence` exists (scheduled now or by another runner before): move the schedule past it. */
export type RecordOccurrenceFired = Command<'RecordOccurrenceFired', { scheduleId: string; occurrence: string; jobId: string; skipped: number }>;
export type SkipMissedOccurrences = Command<'SkipMissedOccurrences', { scheduleId: string; through: string; count: number }>;

export type ScheduleCommand =
  | CreateSchedule
  | UpdateSchedule
  | EnableSchedule
  | DisableSchedule
  | DeleteSchedule
  | RecordOccurrenceFired
  | SkipMissedOccurrences;
