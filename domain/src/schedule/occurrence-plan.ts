import type { ScheduleDefinition } from './events.js';
import { dueOccurrences } from './timing.js';
import { insideWindows } from './windows.js';

/** An occurrence fired at most this long after its time is on time; older ones were missed (the misfire policy decides). */
export const MISFIRE_GRACE_MS = 60_000;

export interface SchedulePosition {
  readonly scheduleId: string;
  readonly definition: ScheduleDefinition;
  readonly createdAt: string;
  readonly settledThrough: string;
}

export type OccurrencePlan =
  | { readonly action: 'fire'; readonly occurrence: Date; readonly jobId: string; readonly skipped: number }
  | { readonly action: 'skip'; readonly through: Date; readonly count: number };

/**
 * The job id of one occurrence: the same in every scheduler process, so the job stream's
 * "already scheduled" rule lets exactly one of them fire it.
 */
export const occurrenceJobId = (scheduleId: string, occurrence: Date): string => `${occurrenceJobIdPrefix(scheduleId)}${Math.floor(occurrence.getTime() / 1000)}`;

/** What every job a schedule fires starts with; the rest is the occurrence in epoch seconds. */
export const occurrenceJobIdPrefix = (scheduleId: string): string => `sched-${scheduleId}-`;

/**
 * What is due at `now`: nothing; the latest due occurrence (earlier ones missed are folded into it);
 * or, when even the latest was missed by more than the grace and the policy is `SKIP`, a skip of them all.
 * `RUN_ONCE` fires one catch-up for any number of missed occurrences, but only while a maintenance window is
 * open (occurrences outside every window never come due: `dueOccurrences` passes over them).
 */
export function planOccurrence(schedule: SchedulePosition, now: Date): OccurrencePlan | null {
  const due = dueOccurrences(schedule, new Date(schedule.settledThrough), now);
  if (due === null) return null;
  const late = now.getTime() - due.latest.getTime() > MISFIRE_GRACE_MS;
  // A catch-up runs only inside a window: missed occurrences found after the window closed are skipped, whatever the policy.
  const closed = late && !insideWindows(schedule.definition.windows, now.getTime());
  if (late && (schedule.definition.misfire === 'SKIP' || closed)) return { action: 'skip', through: due.latest, count: due.count };
  return { action: 'fire', occurrence: due.latest, jobId: occurrenceJobId(schedule.scheduleId, due.latest), skipped: due.count - 1 };
}
