import { formatEvery, MISFIRE_POLICIES, type ScheduleChanges, type ScheduleInput } from '@netraven/domain';
import { MaintenanceWindowInput, MaintenanceWindowType, windowsOf } from './schedule-windows.js';
import type { ScheduleRow } from '@netraven/projections';
import { idArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { CONNECTION_SIZES, inMemoryList, keysetConnection } from './connections.js';
import { JobTargetsType } from './jobs.js';

const MisfirePolicyEnum = builder.enumType('MisfirePolicy', {
  description: 'Occurrences missed while no scheduler ran: RUN_ONCE fires one catch-up for the latest, SKIP fires none.',
  values: MISFIRE_POLICIES,
});
const ScheduleJobTypeEnum = builder.enumType('ScheduleJobType', { values: ['BACKUP', 'REACHABILITY', 'COMMAND'] as const });
const JOB_TYPES_OF = { BACKUP: 'backup', REACHABILITY: 'reachability', COMMAND: 'command' } as const;
const SCHEDULE_JOB_TYPES = { backup: 'BACKUP', reachability: 'REACHABILITY', command: 'COMMAND' } as const;
const ScheduleKindEnum = builder.enumType('ScheduleKind', { values: ['ONCE', 'INTERVAL', 'CRON'] as const });

const KINDS = { once: 'ONCE', interval: 'INTERVAL', cron: 'CRON' } as const;

export const ScheduleType = builder.objectRef<ScheduleRow>('Schedule').implement({
  description: 'Backups that run themselves: once (runAt), every interval, or on a cron pattern in an IANA time zone.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    jobType: t.field({ type: ScheduleJobTypeEnum, resolve: (s) => SCHEDULE_JOB_TYPES[s.job_type as keyof typeof SCHEDULE_JOB_TYPES] ?? 'BACKUP' }),
    commands: t.stringList({ description: 'A COMMAND schedule\'s read-only commands (empty for the other kinds).', resolve: (s) => [...s.commands] }),
    system: t.boolean({ description: 'The system reachability schedule: it can be retimed, not deleted or disabled.', resolve: (s) => s.system }),
    kind: t.field({ type: ScheduleKindEnum, resolve: (s) => KINDS[s.timing.kind] }),
    runAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => (s.timing.kind === 'once' ? new Date(s.timing.runAt) : null) }),
    every: t.string({ nullable: true, description: 'The interval in its largest whole unit ("15m", "2h", "1d").', resolve: (s) => (s.timing.kind === 'interval' ? formatEvery(s.timing.everySeconds) : null) }),
    cron: t.string({ nullable: true, resolve: (s) => (s.timing.kind === 'cron' ? s.timing.cron : null) }),
    timezone: t.string({
      nullable: true,
      description: 'The IANA zone of the cron pattern and the maintenance windows; null for a schedule with neither.',
      resolve: (s) => (s.timing.kind === 'cron' ? s.timing.timezone : s.windows?.timezone ?? null),
    }),
    windows: t.field({
      type: [MaintenanceWindowType],
      description: 'Occurrences fire only inside these (wall clock in `timezone`); those outside are skipped. Empty: always.',
      resolve: (s) => s.windows?.list ?? [],
    }),
    startAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.start_at }),
    endAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.end_at }),
    targets: t.field({ type: JobTargetsType, resolve: (s) => s }),
    misfire: t.field({ type: MisfirePolicyEnum, resolve: (s) => s.misfire as (typeof MISFIRE_POLICIES)[number] }),
    enabled: t.exposeBoolean('enabled'),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.updated_at }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, description: 'The last occurrence that fired a job.', resolve: (s) => s.last_occurrence }),
    lastJobId: t.id({ nullable: true, resolve: (s) => s.last_job_id }),
    nextRuns: t.field({
      type: ['DateTime'],
      description: 'The next occurrences from now (1–100, default 5), within start and end; empty once it has no more.',
      args: { count: t.arg.int({ required: false }) },
      resolve: (s, { count }, ctx) => ctx.schedules.nextRuns(s, count ?? 5),
    }),
  }),
});

const ScheduleTargetsInput = builder.inputType('ScheduleTargetsInput', {
  fields: (t) => ({ deviceIds: t.idList({ required: false }), tags: t.stringList({ required: false }) }),
});

const timingFields = {
  runAt: 'A DateTime: runs once.',
  every: 'A duration: "30s", "15m", "2h", "1d" (at least 10 s) or ISO-8601 "PT15M".',
  cron: 'A cron pattern ("0 3 * * *"), in `timezone` (IANA, default UTC).',
} as const;

const windowsDescription = 'Maintenance windows in `timezone` (default UTC): a cron or interval occurrence outside every window is skipped; a runAt outside them is refused.';

const CreateScheduleInput = builder.inputType('CreateScheduleInput', {
  description: 'Exactly one of runAt, every and cron.',
  fields: (t) => ({
    name: t.string({ required: true }),
    jobType: t.field({ type: ScheduleJobTypeEnum, required: false }),
    commands: t.stringList({ required: false, description: 'With jobType COMMAND: 1–20 read-only commands, checked against the targeted platforms.' }),
    targets: t.field({ type: ScheduleTargetsInput, required: true }),
    runAt: t.field({ type: 'DateTime', required: false, description: timingFields.runAt }),
    every: t.string({ required: false, description: timingFields.every }),
    cron: t.string({ required: false, description: timingFields.cron }),
    timezone: t.string({ required: false }),
    windows: t.field({ type: [MaintenanceWindowInput], required: false, description: windowsDescription }),
    startAt: t.field({ type: 'DateTime', required: false }),
    endAt: t.field({ type: 'DateTime', required: false }),
    misfire: t.field({ type: MisfirePolicyEnum, required: false }),
    enabled: t.boolean({ required: false }),
  }),
});

const UpdateScheduleInput = builder.inputType('UpdateScheduleInput', {
  description: 'Only what is given changes; runAt, every or cron replaces the timing.',
  fields: (t) => ({
    name: t.string({ required: false }),
    commands: t.stringList({ required: false, description: 'A COMMAND schedule\'s new commands (they replace the old).' }),
    targets: t.field({ type: ScheduleTargetsInput, required: false }),
    runAt: t.field({ type: 'DateTime', required: false, description: timingFields.runAt }),
    every: t.string({ required: false, description: timingFields.every }),
    cron: t.string({ required: false, description: timingFields.cron }),
    timezone: t.string({ required: false }),
    windows: t.field({ type: [MaintenanceWindowInput], required: false, description: `${windowsDescription} Given, it replaces the windows; [] removes them.` }),
    startAt: t.field({ type: 'DateTime', required: false }),
    endAt: t.field({ type: 'DateTime', required: false }),
    misfire: t.field({ type: MisfirePolicyEnum, required: false }),
  }),
});

type Given = { runAt?: Date | null; startAt?: Date | null; endAt?: Date | null; targets?: { deviceIds?: readonly (string | number)[] | null; tags?: readonly string[] | null } | null };
const iso = (d: Date | null | undefined) => (d == null ? d : d.toISOString());
const targetsOf = (targets: Given['targets']) => (targets == null ? targets : { deviceIds: targets.deviceIds?.map(String) ?? null, tags: targets.tags ?? null });

const ScheduleConnection = builder.connectionObject({ type: ScheduleType, name: 'ScheduleConnection' });

builder.queryField('schedules', (t) =>
  t.connection(
    {
      type: ScheduleType,
      ...pageSized(CONNECTION_SIZES.schedules),
      description: 'Schedules by name, a page at a time.',
      resolve: (_root, args, ctx) =>
        keysetConnection(args, inMemoryList('schedules', CONNECTION_SIZES.schedules, (s: ScheduleRow) => ({ key: s.name, id: s.id }), () => ctx.schedules.schedules(ctx.actor))),
    },
    ScheduleConnection,
  ),
);

builder.queryField('schedule', (t) =>
  t.field({ type: ScheduleType, nullable: true, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, ctx) => ctx.schedules.schedule(ctx.actor, idArgument(id, 'id')) }),
);

builder.mutationField('createSchedule', (t) =>
  t.field({
    type: ScheduleType,
    args: { input: t.arg({ type: CreateScheduleInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const { jobType, runAt, startAt, endAt, targets, windows, ...rest } = input;
      const request: ScheduleInput & { enabled?: boolean | null } = {
        ...rest, ...(jobType ? { jobType: JOB_TYPES_OF[jobType] } : {}), runAt: iso(runAt), startAt: iso(startAt), endAt: iso(endAt), targets: targetsOf(targets) ?? {},
        windows: windowsOf(windows),
      };
      return ctx.schedules.createSchedule(ctx.actor, request);
    },
  }),
);

builder.mutationField('updateSchedule', (t) =>
  t.field({
    type: ScheduleType,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateScheduleInput, required: true }) },
    resolve: (_root, { id, input }, ctx) => {
      const { runAt, startAt, endAt, targets, windows, ...rest } = input;
      const changes: ScheduleChanges = {
        ...rest, runAt: iso(runAt), ...(windows !== undefined ? { windows: windowsOf(windows) } : {}),
        // Absent keeps the bound; an explicit null clears it.
        ...(startAt !== undefined ? { startAt: iso(startAt) } : {}), ...(endAt !== undefined ? { endAt: iso(endAt) } : {}),
        ...(targets != null ? { targets: targetsOf(targets) ?? {} } : {}),
      };
      return ctx.schedules.updateSchedule(ctx.actor, idArgument(id, 'id'), changes);
    },
  }),
);

for (const name of ['enableSchedule', 'disableSchedule', 'deleteSchedule'] as const) {
  builder.mutationField(name, (t) =>
    t.field({ type: ScheduleType, args: { id: t.arg.id({ required: true }) }, resolve: (_root, { id }, ctx) => ctx.schedules[name](ctx.actor, idArgument(id, 'id')) }),
  );
}
