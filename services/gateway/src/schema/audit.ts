import { resolveCursorConnection } from '@pothos/plugin-relay';
import { ValidationError } from '@netraven/domain';
import type { AuditEvent, ReplayedJob } from '@netraven/application';
import type { Position } from '@netraven/infra/eventstore';
import type { JobRow } from '@netraven/projections';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { DeviceType } from './devices.js';
import { JobType } from './jobs.js';
import './json-scalar.js';

/** Page size of a history: the default when `first` is absent, and the most one request may ask for. */
const HISTORY_PAGE = { default: 100, max: 1000 } as const;

/** A history's cursor is the event's place in the global log, `<commit>:<prepare>`; opaque to clients. */
const cursorOf = (position: Position): string => `${position.commit}:${position.prepare}`;

function positionOf(cursor: string, field: string): Position {
  const found = /^(\d{1,20}):(\d{1,20})$/.exec(cursor);
  if (!found) throw new ValidationError(`${field} is not a cursor of this history`, field);
  return { commit: BigInt(found[1] as string), prepare: BigInt(found[2] as string) };
}

/** `first`/`after` only: a trail is read forwards, in log order. */
function historyPage(args: { first?: number | null; last?: number | null; before?: string | null; after?: string | null }) {
  if (args.last !== null && args.last !== undefined) throw new ValidationError('a history pages forwards: use first and after', 'last');
  if (args.before !== null && args.before !== undefined) throw new ValidationError('a history pages forwards: use first and after', 'before');
  const first = args.first ?? HISTORY_PAGE.default;
  if (!Number.isInteger(first) || first < 1 || first > HISTORY_PAGE.max)
    throw new ValidationError(`first must be an integer from 1 to ${HISTORY_PAGE.max} (got ${first})`, 'first');
  return { first, ...(args.after ? { after: positionOf(args.after, 'after') } : {}) };
}

const AuditEventType = builder.objectRef<AuditEvent>('AuditEvent').implement({
  description: 'One event of the log in an audit trail, as recorded (secrets never enter events).',
  fields: (t) => ({
    position: t.int({
      description: 'The event’s global position in the event log (what `stateAt(position:)` takes).',
      resolve: (e) => Number(e.position.prepare),
    }),
    stream: t.string({ description: 'The stream the event belongs to, e.g. `job-<id>`, `joblog-<id>`, `device-<id>`.', resolve: (e) => e.streamId }),
    type: t.exposeString('type', { description: 'The event type, e.g. `DeviceBackupStarted`.' }),
    at: t.field({ type: 'DateTime', description: 'When the event was recorded.', resolve: (e) => e.at }),
    actor: t.exposeString('actor', { description: 'Who caused it: `user:<name>`, `token:<name>`, `system:<component>`.' }),
    correlationId: t.exposeString('correlationId'),
    causationId: t.exposeString('causationId', { description: 'The command that produced the event.' }),
    data: t.field({ type: 'JSON', resolve: (e) => e.data }),
  }),
});

type PageArgs = { first?: number | null; last?: number | null; before?: string | null; after?: string | null };

/** The relay connection over a trail: the use case reads one more event than asked, so `hasNextPage` is exact. */
function historyConnection(args: PageArgs, read: (page: { after?: Position; limit: number }) => Promise<AuditEvent[]>) {
  const page = historyPage(args);
  return resolveCursorConnection<Promise<AuditEvent[]>>(
    { args: { ...args, first: page.first }, defaultSize: HISTORY_PAGE.default, maxSize: HISTORY_PAGE.max, toCursor: (e: AuditEvent) => cursorOf(e.position) },
    ({ limit }) => read({ ...(page.after ? { after: page.after } : {}), limit }),
  );
}

builder.objectFields(JobType, (t) => ({
  history: t.connection({
    type: AuditEventType,
    ...pageSized(HISTORY_PAGE),
    description: 'Every event of the job in log order: its own stream, its log, and what its devices recorded because of it.',
    resolve: (job, args, ctx) => historyConnection(args, (page) => ctx.audit.jobHistory(ctx.actor, job.id, page)),
  }),
  stateAt: t.field({
    type: JobType,
    nullable: true,
    description: 'The job as it stood at a time or after a log position (exactly one), rebuilt from its events; null before it was scheduled.',
    args: { at: t.arg({ type: 'DateTime', required: false }), position: t.arg.int({ required: false }) },
    resolve: async (job, args, ctx) => {
      const replayed = await ctx.audit.jobStateAt(ctx.actor, job.id, { at: args.at ?? null, position: args.position ?? null });
      return replayed ? withReplayedDevices(replayed) : null;
    },
  }),
}));

builder.objectFields(DeviceType, (t) => ({
  history: t.connection({
    type: AuditEventType,
    ...pageSized(HISTORY_PAGE),
    description: 'Every event of the device in log order: its own stream and its steps in every job.',
    resolve: (device, args, ctx) => historyConnection(args, (page) => ctx.audit.deviceHistory(ctx.actor, device.id, page)),
  }),
}));

/** A replayed job answers `devices` from its replay, not from the read model (see `replayedDevicesOf`). */
function withReplayedDevices(replayed: ReplayedJob): JobRow {
  return Object.assign({ ...replayed.job }, { replayedDevices: replayed.devices });
}
