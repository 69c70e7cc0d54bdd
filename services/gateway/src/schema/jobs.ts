import type { JobDeviceRow, JobRow } from '@netraven/projections';
import { JOB_STATUSES, NotFoundError } from '@netraven/domain';
import { idArgument, limitArgument, PAGE_SIZES } from './argument-rules.js';
import { builder } from './builder.js';
import { DeviceType } from './devices.js';
import { JobKindEnum, jobKindOf } from './job-kinds.js';

export const JobStatusEnum = builder.enumType('JobStatus', { values: JOB_STATUSES });
const DeviceJobStatusEnum = builder.enumType('DeviceJobStatus', { values: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const });

export const JobTargetsType = builder.objectRef<Pick<JobRow, 'target_device_ids' | 'target_tags'>>('JobTargets').implement({
  fields: (t) => ({
    deviceIds: t.idList({ resolve: (j) => j.target_device_ids }),
    tags: t.exposeStringList('target_tags'),
  }),
});

export const JobDeviceType = builder.objectRef<JobDeviceRow>('JobDevice').implement({
  description: 'One device’s progress and outcome within a job.',
  fields: (t) => ({
    deviceId: t.exposeID('device_id'),
    device: t.field({ type: DeviceType, nullable: true, resolve: (jd, _a, ctx) => ctx.loaders.device.load(jd.device_id) }),
    status: t.field({ type: DeviceJobStatusEnum, resolve: (jd) => jd.status }),
    attempts: t.exposeInt('attempts'),
    error: t.string({
      nullable: true,
      description: 'Why the backup failed, prefixed by its category: `auth: ...`.',
      resolve: (jd) => (jd.error_category ? `${jd.error_category}: ${jd.error_message ?? ''}` : null),
    }),
    errorCategory: t.exposeString('error_category', { nullable: true }),
    errorMessage: t.exposeString('error_message', { nullable: true }),
    commit: t.exposeString('snapshot_commit', { nullable: true }),
    changed: t.exposeBoolean('changed', { nullable: true }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (jd) => jd.started_at }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (jd) => jd.finished_at }),
  }),
});

/** A job rebuilt by `stateAt` carries its devices as they stood then (schema/audit.ts). */
export const replayedDevicesOf = (job: JobRow): JobDeviceRow[] | undefined =>
  'replayedDevices' in job ? (job as JobRow & { replayedDevices: JobDeviceRow[] }).replayedDevices : undefined;

export const JobType = builder.objectRef<JobRow>('Job').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.field({ type: JobKindEnum, description: 'What the job does on each device.', resolve: (j) => jobKindOf(j.job_type) }),
    status: t.field({ type: JobStatusEnum, resolve: (j) => j.status as (typeof JOB_STATUSES)[number] }),
    targets: t.field({ type: JobTargetsType, resolve: (j) => j }),
    deviceCount: t.exposeInt('device_count'),
    succeeded: t.exposeInt('succeeded'),
    failed: t.exposeInt('failed'),
    requestedBy: t.exposeString('requested_by'),
    scheduledAt: t.field({ type: 'DateTime', resolve: (j) => j.scheduled_at }),
    dispatchedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.dispatched_at }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.started_at }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.completed_at }),
  }),
});

const ScheduleBackupInput = builder.inputType('ScheduleBackupInput', {
  fields: (t) => ({ deviceIds: t.idList({ required: false }), tags: t.stringList({ required: false }) }),
});

builder.queryFields((t) => ({
  job: t.field({
    type: JobType,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => ctx.queries.job(ctx.actor, idArgument(args.id, 'id')),
  }),
}));

builder.mutationField('scheduleBackup', (t) =>
  t.field({
    type: JobType,
    args: { input: t.arg({ type: ScheduleBackupInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.commands.scheduleBackup(ctx.actor, { deviceIds: (input.deviceIds ?? []).map(String), tags: input.tags ?? [] }),
  }),
);

builder.subscriptionFields((t) => ({
  jobUpdated: t.field({
    type: JobType,
    description: 'The job as the read model holds it: at once, then each time its status, devices or logs change.',
    args: { id: t.arg.id({ required: true }) },
    // The actor is checked when the subscription starts and again at every change it is sent.
    subscribe: async (_r, args, ctx) => {
      const id = idArgument(args.id, 'id');
      if (!(await ctx.queries.watchedJob(ctx.actor, id))) throw new NotFoundError(`job ${id} not found`, 'id');
      return ctx.live.watchJob(id);
    },
    resolve: async (payload, _args, ctx) => {
      const job = await ctx.queries.watchedJob(ctx.actor, payload.jobId);
      if (!job) throw new NotFoundError(`job ${payload.jobId} not found`, 'id');
      return job;
    },
  }),
}));
