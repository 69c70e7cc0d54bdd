import type { DomainEvent } from '../shared/decider.js';
import type { JobTargets, JobType } from '../job/events.js';
import type { MaintenanceWindows } from './windows.js';

export const MISFIRE_POLICIES = ['RUN_ONCE', 'SKIP'] as const;
/** What to do with occurrences missed while no scheduler ran: fire the latest once, or skip them all. */
export type MisfirePolicy = (typeof MISFIRE_POLICIES)[number];

/** When a schedule fires: once at an instant, every N seconds, or on a cron pattern in an IANA time zone. */
export type ScheduleTiming =
  | { readonly kind: 'once'; readonly runAt: string }
  | { readonly kind: 'interval'; readonly everySeconds: number }
  | { readonly kind: 'cron'; readonly cron: string; readonly timezone: string };

/** Everything a schedule is, as created or edited (ISO-8601 instants). */
export interface ScheduleDefinition {
  readonly name: string;
  readonly timing: ScheduleTiming;
  /** Occurrences before `startAt` or after `endAt` do not fire; an interval counts from `startAt` (else from creation). */
  readonly startAt: string | null;
  readonly endAt: string | null;
  readonly targets: JobTargets;
  readonly misfire: MisfirePolicy;
  /** The kind of job each occurrence fires; absent: backup (every schedule before job kinds). */
  readonly jobType?: JobType;
  /** The read-only commands a COMMAND schedule's jobs run (checked against the platforms again when each job runs). */
  readonly commands?: readonly string[];
  /** Occurrences fire only inside these; absent (every schedule before windows, or none given): always. */
  readonly windows?: MaintenanceWindows;
}

/** `system` (additive, absent on user schedules): the system reachability schedule. */
export type ScheduleCreated = DomainEvent<'ScheduleCreated', { scheduleId: string; enabled: boolean; createdAt: string; system?: true } & ScheduleDefinition>;
export type ScheduleUpdated = DomainEvent<'ScheduleUpdated', { scheduleId: string; updatedAt: string } & ScheduleDefinition>;
export type ScheduleEnabled = DomainEvent<'ScheduleEnabled', { scheduleId: string; enabledAt: string }>;
export type ScheduleDisabled = DomainEvent<'ScheduleDisabled', { scheduleId: string; disabledAt: string }>;
export type ScheduleDeleted = DomainEvent<'ScheduleDeleted', { scheduleId: string; deletedAt: string }>;
/** One occurrence fired its job; `skipped` earlier occurrences were missed and folded into it. */
export type ScheduleOccurrenceFired = DomainEvent<
  'ScheduleOccurrenceFired',
  { scheduleId: string; occurrence: string; jobId: string; skipped: number; firedAt: string }
>;
/** Missed occurrences up to `through` that fired nothing (misfire policy `SKIP`). */
export type ScheduleOccurrencesSkipped = DomainEvent<
  'ScheduleOccurrencesSkipped',
  { scheduleId: string; through: string; count: number; skippedAt: string }
>;

export type ScheduleEvent =
  | ScheduleCreated
  | ScheduleUpdated
  | ScheduleEnabled
  | ScheduleDisabled
  | ScheduleDeleted
  | ScheduleOccurrenceFired
  | ScheduleOccurrencesSkipped;

export const SCHEDULE_EVENT_TYPES: readonly ScheduleEvent['type'][] = [
  'ScheduleCreated', 'ScheduleUpdated', 'ScheduleEnabled', 'ScheduleDisabled', 'ScheduleDeleted',
  'ScheduleOccurrenceFired', 'ScheduleOccurrencesSkipped',
];
