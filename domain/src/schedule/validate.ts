import { validateCommandList } from '../job/command-allow-list.js';
import { ValidationError } from '../shared/errors.js';
import { requireName } from '../shared/validation.js';
import { validateBackupTargets } from '../job/decide.js';
import type { JobType } from '../job/events.js';
import type { ScheduleInput } from './commands.js';
import { MISFIRE_POLICIES, type MisfirePolicy, type ScheduleDefinition, type ScheduleTiming } from './events.js';
import { nextOccurrenceAfter, parseEvery, requireCron, requireInstant, requireTimeZone } from './timing.js';
import { insideWindows, validateWindows, type MaintenanceWindows } from './windows.js';

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Exactly one of `runAt`, `every`, `cron`; a one-time run lies in the future. */
export function validateTiming(input: Pick<ScheduleInput, 'runAt' | 'every' | 'cron' | 'timezone' | 'windows'>, now: Date): ScheduleTiming {
  const kinds = [given(input.runAt), given(input.every), given(input.cron)].filter(Boolean).length;
  if (kinds !== 1) throw new ValidationError('a schedule needs exactly one of runAt, every and cron', given(input.runAt) ? 'runAt' : 'every');
  if (given(input.timezone) && !given(input.cron) && (input.windows ?? []).length === 0)
    throw new ValidationError('timezone applies to cron schedules and maintenance windows only', 'timezone');
  if (given(input.runAt)) {
    const runAt = requireInstant(input.runAt, 'runAt');
    if (Date.parse(runAt) <= now.getTime()) throw new ValidationError('runAt must lie in the future', 'runAt');
    return { kind: 'once', runAt };
  }
  if (given(input.every)) return { kind: 'interval', everySeconds: parseEvery(input.every) };
  const timezone = requireTimeZone(input.timezone ?? 'UTC');
  return { kind: 'cron', cron: requireCron(input.cron ?? '', timezone), timezone };
}

export function validateMisfire(misfire: string | null | undefined): MisfirePolicy {
  if (!given(misfire)) return 'RUN_ONCE';
  if (!(MISFIRE_POLICIES as readonly string[]).includes(misfire)) throw new ValidationError(`misfire must be one of ${MISFIRE_POLICIES.join(', ')}`, 'misfire');
  return misfire as MisfirePolicy;
}

/** A schedule's whole definition in canonical form, or a `ValidationError` naming the field at fault. */
export function validateSchedule(input: ScheduleInput, now: Date, options: { system?: boolean } = {}): ScheduleDefinition {
  const name = requireName(input.name);
  const timing = validateTiming(input, now);
  const startAt = given(input.startAt) ? requireInstant(input.startAt, 'startAt') : null;
  const endAt = given(input.endAt) ? requireInstant(input.endAt, 'endAt') : null;
  if (startAt !== null && endAt !== null && Date.parse(endAt) <= Date.parse(startAt)) throw new ValidationError('endAt must come after startAt', 'endAt');
  const targets = validateBackupTargets({ deviceIds: [...(input.targets?.deviceIds ?? [])], tags: [...(input.targets?.tags ?? [])], ...(input.targets?.all === true ? { all: true } : {}) });
  if (targets.all === true && !options.system) throw new ValidationError('a schedule needs at least one device or tag to target', 'deviceIds');
  const jobType = validateScheduleJobType(input.jobType);
  const commands = jobType === 'command' ? validateCommandList(input.commands ?? undefined) : undefined;
  if (jobType !== 'command' && input.commands?.length) throw new ValidationError('commands apply to COMMAND schedules only', 'commands');
  const definition: ScheduleDefinition = {
    name, timing, startAt, endAt, targets, misfire: validateMisfire(input.misfire), ...(jobType !== 'backup' ? { jobType } : {}), ...(commands ? { commands } : {}),
  };
  const list = validateWindows(input.windows ?? []);
  if (list.length === 0) return definition;
  const windows = { timezone: timing.kind === 'cron' ? timing.timezone : requireTimeZone(input.timezone ?? 'UTC'), list };
  requireOccurrenceInWindows(definition, windows, now);
  return { ...definition, windows };
}

/**
 * A one-time run outside every window would never run: refused. A recurring schedule none of whose occurrences
 * falls inside a window (within the search's reach) is refused too; otherwise those outside are skipped.
 */
function requireOccurrenceInWindows(definition: ScheduleDefinition, windows: MaintenanceWindows, now: Date): void {
  const { timing } = definition;
  if (timing.kind === 'once') {
    if (!insideWindows(windows, Date.parse(timing.runAt)))
      throw new ValidationError(`runAt ${timing.runAt} lies outside every maintenance window (read in ${windows.timezone})`, 'windows');
    return;
  }
  const anchored = { createdAt: now.toISOString() };
  if (nextOccurrenceAfter({ ...anchored, definition: { ...definition, windows } }, now) === null && nextOccurrenceAfter({ ...anchored, definition }, now) !== null)
    throw new ValidationError(`no occurrence of the schedule falls inside its maintenance windows (read in ${windows.timezone})`, 'windows');
}

/** Schedules fire backups, reachability checks, or read-only command runs. */
export function validateScheduleJobType(jobType: string | null | undefined): JobType {
  if (!given(jobType) || jobType === 'backup') return 'backup';
  if (jobType === 'reachability' || jobType === 'command') return jobType;
  throw new ValidationError('a schedule fires BACKUP, REACHABILITY or COMMAND jobs', 'jobType');
}
