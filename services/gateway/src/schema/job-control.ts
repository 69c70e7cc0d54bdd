import type { PriorityDepth, QueueStatus } from '@netraven/infra/queue';
import { DEVICE_REACHABILITY, type DeviceReachability, type JobResultRow } from '@netraven/projections';
import { idArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { DeviceType } from './devices.js';
import { JobKindEnum, JobPriorityEnum, jobTypeOf } from './job-kinds.js';
import { JobType } from './jobs.js';
import { ScheduleType } from './schedules.js';

const DeviceReachabilityEnum = builder.enumType('DeviceReachability', {
  description: 'What the last contact with the device said (a backup, a reachability check or a command run); UNKNOWN before any.',
  values: DEVICE_REACHABILITY,
});

const JobResultType = builder.objectRef<JobResultRow>('JobResult').implement({
  description: 'One read-only command’s output on one device (a COMMAND job), redacted like a config.',
  fields: (t) => ({
    deviceId: t.exposeID('device_id'),
    command: t.exposeString('command'),
    output: t.exposeString('output'),
    recordedAt: t.field({ type: 'DateTime', resolve: (r) => r.recorded_at }),
  }),
});

builder.objectFields(JobType, (t) => ({
  priority: t.field({ type: JobPriorityEnum, resolve: (j) => j.priority as 'HIGH' | 'NORMAL' | 'LOW' }),
  schedule: t.field({
    type: ScheduleType, nullable: true, description: 'The schedule whose occurrence fired this job (null when run by hand, or the schedule is gone).',
    resolve: (j, _a, ctx) => (j.schedule_id ? ctx.schedules.schedule(ctx.actor, j.schedule_id) : null),
  }),
  rerunOf: t.field({
    type: JobType, nullable: true, description: 'The job whose failed devices this job runs again.',
    resolve: async (j, _a, ctx) => (j.rerun_of ? (await ctx.queries.job(ctx.actor, j.rerun_of)) ?? null : null),
  }),
  commands: t.stringList({ description: 'A COMMAND job’s commands.', resolve: (j) => [...j.commands] }),
  cancelled: t.int({ description: 'Devices that never ran because the job was cancelled.', resolve: (j) => j.cancelled }),
  results: t.field({ type: [JobResultType], description: 'A COMMAND job’s redacted outputs, by device and command.', resolve: (j, _a, ctx) => ctx.jobControl.results(ctx.actor, j.id) }),
}));

builder.objectFields(DeviceType, (t) => ({
  reachability: t.field({
    type: DeviceReachabilityEnum,
    resolve: async (d, _a, ctx) => ((await ctx.jobControl.reachability(ctx.actor, d))?.reachability ?? 'UNKNOWN') as DeviceReachability,
  }),
  lastSeenAt: t.field({
    type: 'DateTime', nullable: true, description: 'The last time a login to the device succeeded.',
    resolve: async (d, _a, ctx) => (await ctx.jobControl.reachability(ctx.actor, d))?.last_seen_at ?? null,
  }),
}));

const QueuePriorityType = builder.objectRef<PriorityDepth>('QueuePriority').implement({
  fields: (t) => ({
    priority: t.field({ type: JobPriorityEnum, resolve: (p) => p.priority }),
    depth: t.exposeInt('depth', { description: 'Tasks waiting for a worker.' }),
    oldestTaskAgeSeconds: t.float({ nullable: true, description: 'How long the oldest task still in the queue has waited.', resolve: (p) => (p.oldestTaskAgeMs === undefined ? null : p.oldestTaskAgeMs / 1000) }),
  }),
});

const QueueStatusType = builder.objectRef<QueueStatus>('QueueStatus').implement({
  fields: (t) => ({
    queue: t.string({ description: '`nats` (JetStream) or `in-process` (the embedded queue).', resolve: (s) => s.kind }),
    depth: t.int({ description: 'Tasks waiting, every priority.', resolve: (s) => s.priorities.reduce((sum, p) => sum + p.depth, 0) }),
    inFlight: t.exposeInt('inFlight', { description: 'Tasks a worker holds and has not acknowledged.' }),
    oldestTaskAgeSeconds: t.float({
      nullable: true,
      resolve: (s) => s.priorities.reduce<number | null>((max, p) => (p.oldestTaskAgeMs === undefined ? max : Math.max(max ?? 0, p.oldestTaskAgeMs / 1000)), null),
    }),
    priorities: t.field({ type: [QueuePriorityType], resolve: (s) => [...s.priorities] }),
  }),
});

const RunJobTargetsInput = builder.inputType('RunJobTargetsInput', {
  fields: (t) => ({ deviceIds: t.idList({ required: false }), tags: t.stringList({ required: false }) }),
});

const RunJobInput = builder.inputType('RunJobInput', {
  fields: (t) => ({
    jobType: t.field({ type: JobKindEnum, required: true }),
    targets: t.field({ type: RunJobTargetsInput, required: true }),
    priority: t.field({ type: JobPriorityEnum, required: false, description: 'Default HIGH (run now).' }),
    commands: t.stringList({ required: false, description: 'COMMAND jobs: 1–20 read-only commands allowed on every targeted platform.' }),
  }),
});

builder.queryField('queueStatus', (t) =>
  t.field({ type: QueueStatusType, description: 'The work queue now: depth per priority, oldest task age, in flight.', resolve: (_r, _a, ctx) => ctx.jobControl.queueStatus(ctx.actor) }),
);

builder.mutationFields((t) => ({
  runJob: t.field({
    type: JobType,
    args: { input: t.arg({ type: RunJobInput, required: true }) },
    resolve: (_r, { input }, ctx) => ctx.jobControl.runJob(ctx.actor, {
      jobType: jobTypeOf(input.jobType),
      targets: { deviceIds: (input.targets.deviceIds ?? []).map(String), tags: input.targets.tags ?? [] },
      priority: input.priority ?? null,
      commands: input.commands ?? null,
    }),
  }),
  cancelJob: t.field({
    type: JobType,
    description: 'Queued devices end CANCELLED; running ones finish or time out. A finished job answers CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => ctx.jobControl.cancelJob(ctx.actor, idArgument(id, 'id')),
  }),
  rerunFailed: t.field({
    type: JobType,
    description: 'A new LOW job of the same kind for only the failed devices of a job (CONFLICT when none failed).',
    args: { jobId: t.arg.id({ required: true }) },
    resolve: (_r, { jobId }, ctx) => ctx.jobControl.rerunFailed(ctx.actor, idArgument(jobId, 'jobId')),
  }),
}));
