import { LOG_KINDS, LOG_LEVELS } from '@netraven/domain';
import type { LogRow } from '@netraven/projections';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { JobType } from './jobs.js';
import { encodeLogCursor, forwardPage, JOB_LOG, LOG_PAGE, logFilterArgument, withJobId } from './log-arguments.js';
import { limitArgument } from './argument-rules.js';

export const LogTypeEnum = builder.enumType('LogType', {
  description: 'What a log line is about: a job’s steps, a device connection, the device session, or the system.',
  values: LOG_KINDS,
});
export const LogLevelEnum = builder.enumType('LogLevel', { values: LOG_LEVELS });

export const LogEntryType = builder.objectRef<LogRow>('LogEntry').implement({
  description: 'One line of the unified log. Device output is redacted.',
  fields: (t) => ({
    id: t.exposeID('id'),
    jobId: t.exposeID('job_id', { nullable: true }),
    deviceId: t.exposeID('device_id', { nullable: true }),
    level: t.exposeString('level'),
    kind: t.exposeString('kind', { description: 'The log type, as a string (see `type`).' }),
    type: t.field({ type: LogTypeEnum, resolve: (l) => l.kind as (typeof LOG_KINDS)[number] }),
    source: t.exposeString('source', { description: 'The component that wrote the line: api, scheduler, device-comm, watchdog, ...' }),
    message: t.exposeString('message'),
    at: t.field({ type: 'DateTime', resolve: (l) => l.at }),
  }),
});

export const LogFilterInput = builder.inputType('LogFilter', {
  description: 'Every field given narrows the lines; `since` is inclusive, `until` exclusive; `text` matches the message case-insensitively.',
  fields: (t) => ({
    jobId: t.id({ required: false }),
    deviceId: t.id({ required: false }),
    type: t.field({ type: LogTypeEnum, required: false }),
    level: t.field({ type: LogLevelEnum, required: false }),
    source: t.string({ required: false }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
    text: t.string({ required: false }),
  }),
});

const LogCountType = builder.objectRef<{ key: string; count: number }>('LogCount').implement({
  fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
});

const LogStatsType = builder.objectRef<{ total: number; byType: ReadonlyMap<string, number>; byLevel: ReadonlyMap<string, number>; lastAt: Date | null }>('LogStats').implement({
  fields: (t) => ({
    total: t.exposeInt('total'),
    byType: t.field({
      type: 'JSON', description: 'Lines per type, as an object: `{ "job": 3, "connection": 12, ... }` (every type, zeros included)',
      resolve: (s) => Object.fromEntries(s.byType),
    }),
    byLevel: t.field({
      type: 'JSON', description: 'Lines per level, as an object: `{ "info": 40, "error": 2, ... }` (every level, zeros included)',
      resolve: (s) => Object.fromEntries(s.byLevel),
    }),
    typeCounts: t.field({ type: [LogCountType], description: 'byType as a list, in the order of logTypes', resolve: (s) => [...s.byType].map(([key, count]) => ({ key, count })) }),
    levelCounts: t.field({ type: [LogCountType], description: 'byLevel as a list, in the order of logLevels', resolve: (s) => [...s.byLevel].map(([key, count]) => ({ key, count })) }),
    lastAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.lastAt }),
  }),
});

builder.queryFields((t) => ({
  logs: t.connection(
    {
      type: LogEntryType,
      ...pageSized(LOG_PAGE),
      description: 'The unified log, newest first (keyset pages on time and id; `first` 1–1000, default 50).',
      args: {
        filter: t.arg({ type: LogFilterInput, required: false }),
        jobId: t.arg.id({ required: false, description: 'The first contract’s `logs(jobId)`: the same as `filter: { jobId }`.' }),
      },
      resolve: async (_r, args, ctx) => {
        const page = forwardPage(args, LOG_PAGE);
        const { rows, hasNextPage } = await ctx.logQueries.page(ctx.actor, logFilterArgument(withJobId(args.filter, args.jobId)), page);
        const edges = rows.map((row) => ({ cursor: encodeLogCursor(row), node: row }));
        return {
          edges,
          pageInfo: { hasNextPage, hasPreviousPage: page.after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
        };
      },
    },
    { name: 'LogConnection' },
    { name: 'LogEdge' },
  ),
  logTypes: t.stringList({ description: 'Every log type.', resolve: (_r, _a, ctx) => [...ctx.logQueries.types(ctx.actor)] }),
  logLevels: t.stringList({ description: 'Every log level, least severe first.', resolve: (_r, _a, ctx) => [...ctx.logQueries.levels(ctx.actor)] }),
  logStats: t.field({
    type: LogStatsType,
    description: 'How many lines (of those the filter and your scope leave), by type and by level, and the newest one’s time.',
    args: { filter: t.arg({ type: LogFilterInput, required: false }) },
    resolve: (_r, args, ctx) => ctx.logQueries.stats(ctx.actor, logFilterArgument(args.filter)),
  }),
}));

builder.objectFields(JobType, (t) => ({
  logs: t.field({
    type: [LogEntryType],
    ...pageSized(JOB_LOG),
    description: 'The job’s own log in the order it happened: a bounded list (`first`, default 1000, at most 10,000); page the whole log with `logs(filter: { jobId })`.',
    args: { first: t.arg.int({ required: false }) },
    resolve: (job, args, ctx) => ctx.logQueries.jobLog(ctx.actor, job.id, limitArgument(args.first, 'first', JOB_LOG)),
  }),
}));

builder.subscriptionFields((t) => ({
  logAdded: t.field({
    type: LogEntryType,
    description: 'Each new log line that `logs(filter)` would return, as soon as it is in the read model.',
    args: { filter: t.arg({ type: LogFilterInput, required: false }) },
    subscribe: (_r, args, ctx) => ctx.liveFeeds.logAdded(ctx.actor, logFilterArgument(args.filter)),
    // The actor is checked when the subscription starts and again at every line it is sent.
    resolve: (row, _a, ctx) => {
      ctx.liveFeeds.recheck(ctx.actor, 'logAdded');
      return row;
    },
  }),
}));
