import { jobCursor, type JobRow } from '@netraven/projections';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { CONNECTION_SIZES, keysetConnection } from './connections.js';
import { JobConnection } from './job-connections.js';
import { JobType } from './jobs.js';
import { ScheduleType } from './schedules.js';

builder.objectField(ScheduleType, 'jobs', (t) =>
  t.connection(
    {
      type: JobType,
      ...pageSized(CONNECTION_SIZES.jobs),
      description: 'The jobs this schedule fired, newest first, a page at a time (keyset cursors). Tag scopes apply as for `jobs`.',
      resolve: (schedule, args, ctx) =>
        keysetConnection(args, {
          tag: `scheduleJobs:${schedule.id}`,
          size: CONNECTION_SIZES.jobs,
          timeKeyed: true,
          cursorOf: (job: JobRow) => jobCursor(job),
          fetch: (page) => ctx.queries.jobs(ctx.actor, { scheduleId: schedule.id }, 'NEWEST', page),
          count: () => ctx.queries.countJobs(ctx.actor, { scheduleId: schedule.id }),
        }),
    },
    JobConnection,
  ),
);
