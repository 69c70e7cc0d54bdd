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
    ...(timing.kind === 'once' ? { runAt: timing.runAt } : timing.kind === 'interval' ? { every: formatEvery(timing.everySeconds) } : { cron: timing.cron, timezone: timing.timezone }),
  };
};

export const createSchedule = (command: CreateSchedule, state: ScheduleState): ScheduleEvent[] => {
  const { scheduleId, input, enabled } = command.data;
  requireId(scheduleId, 'id');
  const definition = validateSchedule(input, command.metadata.now);
  if (state.phase !== 'New') throw new IllegalStateError('Schedule already exists');
  return [{ type: 'ScheduleCreated', data: { scheduleId, ...definition, enabled: enabled ?? true, createdAt: command.metadata.now.toISOString() } }];
};

export const updateSchedule = (command: UpdateSchedule, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
  const { changes } = command.data;
  const before = inputOf(schedule.definition);
  const retimed = changes.runAt != null || changes.every != null || changes.cron != null;
  const timing = retimed ? { runAt: changes.runAt, every: changes.every, cron: changes.cron, timezone: changes.timezone } : {};
  if (!retimed && changes.timezone != null) {
    if (schedule.definition.timing.kind !== 'cron') throw new ValidationError('timezone applies to cron schedules only', 'timezone');
    Object.assign(timing, { timezone: changes.timezone });
  }
  const merged: ScheduleInput = {
    ...before, ...(retimed ? { runAt: null, every: null, cron: null, timezone: null } : {}), ...timing,
    ...(changes.name != null ? { name: changes.name } : {}),
    ...(changes.startAt !== undefined ? { startAt: changes.startAt } : {}),
    ...(changes.endAt !== undefined ? { endAt: changes.endAt } : {}),
    ...(changes.targets != null ? { targets: changes.targets } : {}),
    ...(changes.misfire != null ? { misfire: changes.misfire } : {}),
  };
  // A one-time run already in the past stays as it was unless the edit gives a new one.
  const now = retimed || schedule.definition.timing.kind !== 'once' ? command.metadata.now : new Date(0);
  const definition = validateSchedule(merged, now);
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
  if (!schedule.enabled) return [];
  return [{ type: 'ScheduleDisabled', data: { scheduleId: schedule.scheduleId, disabledAt: command.metadata.now.toISOString() } }];
};

export const deleteSchedule = (command: DeleteSchedule, state: ScheduleState): ScheduleEvent[] => {
  const schedule = requireExisting(state);
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
