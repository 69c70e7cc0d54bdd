import { ValidationError } from '@netraven/domain';
import type { DeviceRow, JobRow } from '@netraven/projections';
import { builder } from './builder.js';
import { DeviceType } from './devices.js';
import { JobStatusEnum, JobType } from './jobs.js';
import { JobKindEnum, jobTypeOf } from './job-kinds.js';
import { idArgument, keywordArgument, tagArgument } from './argument-rules.js';

const LIST_LIMIT = 1000;

const JobsChangedFilter = builder.inputType('JobsChangedFilter', {
  description: 'Jobs with any of the statuses and any of the kinds (absent or empty: all).',
  fields: (t) => ({
    statuses: t.field({ type: [JobStatusEnum], required: false }),
    kinds: t.field({ type: [JobKindEnum], required: false, description: 'Job types, as `Job.type` shows them.' }),
  }),
});

const DeviceChangedFilter = builder.inputType('DeviceChangedFilter', {
  description: 'Devices among the ids, carrying any of the tags, of any of the platforms (absent or empty: all).',
  fields: (t) => ({
    deviceIds: t.idList({ required: false }),
    tags: t.stringList({ required: false }),
    platforms: t.stringList({ required: false }),
  }),
});

function list<T, R>(values: readonly T[] | null | undefined, field: string, check: (value: T, field: string) => R): R[] | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length > LIST_LIMIT) throw new ValidationError(`${field} lists at most ${LIST_LIMIT} values`, field);
  return values.map((value, i) => check(value, `${field}.${i}`));
}

builder.subscriptionFields((t) => ({
  jobsChanged: t.field({
    type: JobType,
    description: 'Each job that changes (status, progress, counts) and matches the filter, as `job(id)` then shows it.',
    args: { filter: t.arg({ type: JobsChangedFilter, required: false }) },
    subscribe: (_r, args, ctx) => {
      const statuses = list(args.filter?.statuses, 'filter.statuses', (s) => s);
      const kinds = list(args.filter?.kinds, 'filter.kinds', jobTypeOf);
      return ctx.liveFeeds.jobsChanged(ctx.actor, { ...(statuses ? { statuses } : {}), ...(kinds ? { kinds } : {}) });
    },
    // The actor is checked when the subscription starts and again at every job it is sent.
    resolve: (job: JobRow, _a, ctx) => {
      ctx.liveFeeds.recheck(ctx.actor, 'jobsChanged');
      return job;
    },
  }),
  deviceChanged: t.field({
    type: DeviceType,
    description: 'Each device that changes (inventory, tags, latest backup, host key) and matches the filter, as `device(id)` then shows it.',
    args: { filter: t.arg({ type: DeviceChangedFilter, required: false }) },
    subscribe: (_r, args, ctx) => {
      const deviceIds = list(args.filter?.deviceIds, 'filter.deviceIds', (id, field) => idArgument(id, field));
      const tags = list(args.filter?.tags, 'filter.tags', tagArgument);
      const platforms = list(args.filter?.platforms, 'filter.platforms', keywordArgument);
      return ctx.liveFeeds.deviceChanged(ctx.actor, { ...(deviceIds ? { deviceIds } : {}), ...(tags ? { tags } : {}), ...(platforms ? { platforms } : {}) });
    },
    resolve: (device: DeviceRow, _a, ctx) => {
      ctx.liveFeeds.recheck(ctx.actor, 'deviceChanged');
      return device;
    },
  }),
}));
