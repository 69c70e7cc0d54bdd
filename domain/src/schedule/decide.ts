import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { requireId, requireText } from '../shared/validation.js';
import type {
  CreateSchedule, DeleteSchedule, DisableSchedule, EnableSchedule, RecordOccurrenceFired, ScheduleCommand, ScheduleInput,
  SkipMissedOccurrences, UpdateSchedule,
} from './commands.js';
import type { ScheduleDefinition, ScheduleEvent } from './events.js';
import { evolve, initialState, type ExistingSchedule, type ScheduleState } from './state.js';
import { formatEvery, requireInstant } from './timing.js';
import { validateSchedule } from './validate.js';

/** Why the system reachability schedule refuses deletion: said in full, since the API passes it on. */
export const SYSTEM_SCHEDULE_STAYS =
  'the system reachability schedule cannot be deleted or disabled: it keeps every device\'s reachability and last-seen time current; retime it with updateSchedule (every or cron) instead';

/** The system schedule's timing, window and misfire policy may change; what it does and to which devices may not. */
const refuseSystemChanges = (changes: UpdateSchedule['data']['changes']): void => {
  if (changes.targets != null) throw new ValidationError('the system reachability schedule always targets every device', 'targets');
  if (changes.jobType != null && changes.jobType !== 'reachability') throw new ValidationError('the system reachability schedule always runs REACHABILITY jobs', 'jobType');
  if (changes.runAt != null) throw new ValidationError('the system reachability schedule recurs: retime it with every or cron', 'runAt');
};

const requireExisting = (state: ScheduleState): ExistingSchedule => {
  if (state.phase === 'New') throw new IllegalStateError('Schedule does not exist');
  if (state.phase === 'Deleted') throw new IllegalStateError('Schedule was deleted');
  return state;
};

/** A definition as input again, so an edit can change one field and revalidate the whole. */
export const inputOf = (definition: ScheduleDefinition): ScheduleInput => {
  const { timing } = definition;
  return {
    name: definition.name, startAt: definition.startAt, endAt: definition.endAt, targets: definition.targets, misfire: definition.misfire,
    ...(definition.jobType ? { jobType: definition.jobType } : {}),
    ...(definition.commands ? { commands: definition.commands } : {}),
    ...(timing.kind === 'once' ? { runAt: timing.runAt } : timing.kind === 'interval' ? { every: formatEvery(timing.everySeconds) } : { cron: timing.cron, timezone: timing.timezone }),
    ...(definition.windows ? { windows: definition.windows.list, timezone: definition.windows.timezone } : {}),
  };
};

export const createSchedule = (command: CreateSchedule, state: ScheduleState): ScheduleEvent[] => {
  const { scheduleId, input, enabled, system } = command.data;
  requireId(scheduleId, 'id');
  const definition = validateSchedule(input, command.metadata.now, { system: system === true });
  if (state.phase !== 'New') throw new IllegalStateError('Schedule already exists');
  return [{ type: 'ScheduleCreated', data: {
    scheduleId, ...definition, enabled: system === true ? true : enabled ?? true, createdAt: command.metadata.now.toISOString(), ...(system === true ? { system: true as const } : {}),
  } }];
};

export const updateSchedule = (command: UpdateSchedule, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  const { changes } = command.data;
  if (schedule.system) refuseSystemChanges(changes);
  const before = inputOf(schedule.definition);
  const retimed = changes.runAt != null || changes.every != null || changes.cron != null;
  const windows = changes.windows !== undefined ? changes.windows ?? [] : before.windows ?? [];
  // The windows' zone stays through a retiming unless a new one is given.
  const keptZone = windows.length > 0 ? before.timezone : undefined;
  const timing = retimed ? { runAt: changes.runAt, every: changes.every, cron: changes.cron, timezone: changes.timezone ?? keptZone } : {};
  if (!retimed && changes.timezone != null) {
    if (schedule.definition.timing.kind !== 'cron' && windows.length === 0) throw new ValidationError('timezone applies to cron schedules and maintenance windows only', 'timezone');
    Object.assign(timing, { timezone: changes.timezone });
  }
  const zoneless = !retimed && schedule.definition.timing.kind !== 'cron' && windows.length === 0;
  const merged: ScheduleInput = {
    ...before, ...(retimed ? { runAt: null, every: null, cron: null, timezone: null } : {}), ...(zoneless ? { timezone: null } : {}), ...timing, windows,
    ...(changes.name != null ? { name: changes.name } : {}),
    ...(changes.startAt !== undefined ? { startAt: changes.startAt } : {}),
    ...(changes.endAt !== undefined ? { endAt: changes.endAt } : {}),
    ...(changes.targets != null ? { targets: changes.targets } : {}),
    ...(changes.misfire != null ? { misfire: changes.misfire } : {}),
    ...(changes.jobType != null ? { jobType: changes.jobType } : {}),
    // A schedule turned into something else than COMMAND drops its commands; new ones replace the old.
    ...(changes.commands != null ? { commands: changes.commands } : changes.jobType != null && changes.jobType !== 'command' ? { commands: null } : {}),
  };
  // A one-time run already in the past stays as it was unless the edit gives a new one.
  const now = retimed || schedule.definition.timing.kind !== 'once' ? command.metadata.now : new Date(0);
  const definition = validateSchedule(merged, now, { system: schedule.system });
  if (JSON.stringify(definition) === JSON.stringify(schedule.definition)) return [];
  return [{ type: 'ScheduleUpdated', data: { scheduleId: schedule.scheduleId, ...definition, updatedAt: command.metadata.now.toISOString() } }];
};

export const enableSchedule = (command: EnableSchedule, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  if (schedule.enabled) return [];
  return [{ type: 'ScheduleEnabled', data: { scheduleId: schedule.scheduleId, enabledAt: command.metadata.now.toISOString() } }];
};

export const disableSchedule = (command: DisableSchedule, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  if (schedule.system) throw new IllegalStateError(SYSTEM_SCHEDULE_STAYS);
  if (!schedule.enabled) return [];
  return [{ type: 'ScheduleDisabled', data: { scheduleId: schedule.scheduleId, disabledAt: command.metadata.now.toISOString() } }];
};

export const deleteSchedule = (command: DeleteSchedule, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  if (schedule.system) throw new IllegalStateError(SYSTEM_SCHEDULE_STAYS);
  return [{ type: 'ScheduleDeleted', data: { scheduleId: schedule.scheduleId, deletedAt: command.metadata.now.toISOString() } }];
};

/** Settles an occurrence once: a second runner's report of the same (or an older) occurrence is refused. */
const requireUnsettled = (schedule: ExistingSchedule, occurrence: string): void => {
  if (Date.parse(occurrence) <= Date.parse(schedule.settledThrough)) throw new IllegalStateError(`Occurrence ${occurrence} is already settled`);
};

export const recordOccurrenceFired = (command: RecordOccurrenceFired, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  const occurrence = requireInstant(command.data.occurrence, 'occurrence');
  requireText(command.data.jobId, 'jobId');
  requireUnsettled(schedule, occurrence);
  const skipped = Math.max(0, Math.floor(command.data.skipped));
  return [{ type: 'ScheduleOccurrenceFired', data: { scheduleId: schedule.scheduleId, occurrence, jobId: command.data.jobId, skipped, firedAt: command.metadata.now.toISOString() } }];
};

export const skipMissedOccurrences = (command: SkipMissedOccurrences, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  const through = requireInstant(command.data.through, 'through');
  requireUnsettled(schedule, through);
  return [{ type: 'ScheduleOccurrencesSkipped', data: { scheduleId: schedule.scheduleId, through, count: command.data.count, skippedAt: command.metadata.now.toISOString() } }];
};

export const decide = (command: ScheduleCommand, state: ScheduleState): ScheduleEvent[] => {
  switch (command.type) {
    case 'CreateSchedule':
      return createSchedule(command, state);
    case 'UpdateSchedule':
      return updateSchedule(command, state);
    case 'EnableSchedule':
      return enableSchedule(command, state);
    case 'DisableSchedule':
      return disableSchedule(command, state);
    case 'DeleteSchedule':
      return deleteSchedule(command, state);
    case 'RecordOccurrenceFired':
      return recordOccurrenceFired(command, state);
    case 'SkipMissedOccurrences':
      return skipMissedOccurrences(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown schedule command ${(command as { type: string }).type}`);
    }
  }
};

export const scheduleDecider: Decider<ScheduleCommand, ScheduleEvent, ScheduleState> = {
  decide,
  evolve,
  initialState,
  streamName: (scheduleId) => `schedule-${scheduleId}`,
};
