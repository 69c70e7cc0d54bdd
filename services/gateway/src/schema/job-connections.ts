import { JOB_SORTS, jobCursor, jobDeviceCursor, type JobDeviceRow, type JobRow, type JobSort } from '@netraven/projections';
import { idArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { CONNECTION_SIZES, inMemoryList, keysetConnection } from './connections.js';
import { JobDeviceType, JobStatusEnum, JobType, replayedDevicesOf } from './jobs.js';
import { JobKindEnum, jobTypeOf } from './job-kinds.js';

const JobSortEnum = builder.enumType('JobSort', { description: 'NEWEST: latest scheduled first; OLDEST: the reverse.', values: JOB_SORTS });

export const JobConnection = builder.connectionObject({ type: JobType, name: 'JobConnection' });
const JobDeviceConnection = builder.connectionObject({ type: JobDeviceType, name: 'JobDeviceConnection' });

builder.queryField('jobs', (t) =>
  t.connection(
    {
      type: JobType,
      ...pageSized(CONNECTION_SIZES.jobs),
      description: 'Jobs, newest first by default, a page at a time (keyset cursors). Tag scopes apply to the page and to totalCount.',
      args: {
        limit: t.arg.int({ required: false, description: 'The old name of `first`.' }),
        status: t.arg({ type: JobStatusEnum, required: false }),
        kind: t.arg({ type: JobKindEnum, required: false, description: 'The job type, as `Job.type` shows it.' }),
        scheduleId: t.arg.id({ required: false, description: 'Only the jobs this schedule fired.' }),
        since: t.arg({ type: 'DateTime', required: false, description: 'Scheduled at or after this instant.' }),
        until: t.arg({ type: 'DateTime', required: false, description: 'Scheduled before this instant.' }),
        sort: t.arg({ type: JobSortEnum, required: false, defaultValue: 'NEWEST' }),
      },
      resolve: (_r, args, ctx) => {
        const sort: JobSort = args.sort ?? 'NEWEST';
        const filter = {
          ...(args.status ? { status: args.status } : {}),
          ...(args.kind ? { kind: jobTypeOf(args.kind) } : {}),
          ...(args.scheduleId != null ? { scheduleId: idArgument(args.scheduleId, 'scheduleId') } : {}),
          ...(args.since ? { since: args.since } : {}),
          ...(args.until ? { until: args.until } : {}),
        };
        return keysetConnection(args, {
          tag: `jobs:${sort}`,
          size: CONNECTION_SIZES.jobs,
          timeKeyed: true,
          cursorOf: (job: JobRow) => jobCursor(job),
          fetch: (page) => ctx.queries.jobs(ctx.actor, filter, sort, page),
          count: () => ctx.queries.countJobs(ctx.actor, filter),
        });
      },
    },
    JobConnection,
  ),
);

builder.objectField(JobType, 'devices', (t) =>
  t.connection(
    {
      type: JobDeviceType,
      ...pageSized(CONNECTION_SIZES.jobDevices),
      description: 'Each device’s progress and outcome in this job, by device id. A scoped reader sees only its devices.',
      args: { limit: t.arg.int({ required: false, description: 'The old name of `first`.' }) },
      resolve: (job, args, ctx) => {
        // A job rebuilt by `stateAt` answers with its devices as they stood then, not the read model's.
        const replayed = replayedDevicesOf(job);
        if (replayed) return keysetConnection(args, inMemoryList<JobDeviceRow>('jobDevices', CONNECTION_SIZES.jobDevices, jobDeviceCursor, () => Promise.resolve(replayed)));
        return keysetConnection(args, {
          tag: 'jobDevices',
          size: CONNECTION_SIZES.jobDevices,
          timeKeyed: false,
          cursorOf: (row: JobDeviceRow) => jobDeviceCursor(row),
          fetch: (page) => ctx.queries.jobDevices(ctx.actor, job.id, page),
          count: () => ctx.queries.countJobDevices(ctx.actor, job.id),
        });
      },
    },
    JobDeviceConnection,
  ),
);

builder.objectField(JobDeviceType, 'jobId', (t) => t.exposeID('job_id'));
