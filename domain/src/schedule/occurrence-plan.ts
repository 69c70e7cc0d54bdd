import type { ScheduleDefinition } from './events.js';
import { dueOccurrences } from './timing.js';

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
 * `RUN_ONCE` fires one catch-up for any number of missed occurrences.
 */
export function planOccurrence(schedule: SchedulePosition, now: Date): OccurrencePlan | null {
  const due = dueOccurrences(schedule, new Date(schedule.settledThrough), now);
  if (due === null) return null;
  const late = now.getTime() - due.latest.getTime() > MISFIRE_GRACE_MS;
  if (late && schedule.definition.misfire === 'SKIP') return { action: 'skip', through: due.latest, count: due.count };
  return { action: 'fire', occurrence: due.latest, jobId: occurrenceJobId(schedule.scheduleId, due.latest), skipped: due.count - 1 };
}
