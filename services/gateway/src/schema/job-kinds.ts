import { JOB_PRIORITIES, type JobType } from '@netraven/domain';
import { builder } from './builder.js';

/** The GraphQL name `JobType` is taken by nothing yet, but `Job` is; `JobKind` keeps the two apart. */
export const JOB_KINDS = { backup: 'BACKUP', reachability: 'REACHABILITY', command: 'COMMAND' } as const satisfies Record<JobType, string>;
export type JobKindName = (typeof JOB_KINDS)[JobType];

export const JobKindEnum = builder.enumType('JobKind', {
  description: 'BACKUP captures the config; REACHABILITY checks TCP and the login only; COMMAND runs read-only show commands.',
  values: Object.values(JOB_KINDS),
});

export const JobPriorityEnum = builder.enumType('JobPriority', {
  description: 'HIGH for run-now, NORMAL for schedules, LOW for bulk re-runs; LOW never starves HIGH, and a waiting lower priority gets one pick after four of higher work.',
  values: JOB_PRIORITIES,
});

export const jobKindOf = (jobType: string): JobKindName => JOB_KINDS[jobType as JobType] ?? 'BACKUP';
export const jobTypeOf = (kind: JobKindName): JobType => (Object.entries(JOB_KINDS).find(([, name]) => name === kind)?.[0] ?? 'backup') as JobType;
