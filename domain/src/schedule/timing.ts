import { Cron } from 'croner';
import { ValidationError } from '../shared/errors.js';
import type { ScheduleDefinition, ScheduleTiming } from './events.js';
import { insideWindows, nextWindowOpening } from './windows.js';

/** The shortest interval a schedule may have. */
export const MIN_EVERY_SECONDS = 10;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
const SHORT_DURATION = /^(\d+)\s*([smhd])$/i;
const ISO_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** `"30s"`, `"15m"`, `"2h"`, `"1d"`, ISO-8601 `"PT15M"`/`"P1DT2H"`, or plain seconds `"900"`: whole seconds, at least 10. */
export function parseEvery(every: string): number {
  const text = every.trim();
  let seconds: number | undefined;
  const short = SHORT_DURATION.exec(text);
  const iso = ISO_DURATION.exec(text);
  if (/^\d+$/.test(text)) seconds = Number(text);
  else if (short) seconds = Number(short[1]) * UNIT_SECONDS[(short[2] ?? 's').toLowerCase() as keyof typeof UNIT_SECONDS];
  else if (iso && text.length > 2 && !text.toUpperCase().endsWith('T')) {
    const [d, h, m, s] = [iso[1], iso[2], iso[3], iso[4]].map((part) => Number(part ?? 0));
    seconds = (d ?? 0) * 86_400 + (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
  }
  if (seconds === undefined || !Number.isSafeInteger(seconds))
    throw new ValidationError(`every must be a duration such as "30s", "15m", "2h", "1d" or "PT15M", not "${every.slice(0, 40)}"`, 'every');
  if (seconds < MIN_EVERY_SECONDS) throw new ValidationError(`every must be at least ${MIN_EVERY_SECONDS} s`, 'every');
  return seconds;
}

/** The interval in its largest whole unit: 900 → `"15m"`. */
export function formatEvery(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** An IANA zone the runtime knows (`Europe/Berlin`, `UTC`); anything else is refused. */
export function requireTimeZone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone.trim() }).resolvedOptions().timeZone;
  } catch {
    throw new ValidationError(`unknown time zone "${timezone.slice(0, 64)}"; use an IANA name such as Europe/Berlin`, 'timezone');
  }
}

const patternOf = (cron: string, timezone: string): Cron => new Cron(cron, { timezone, paused: true });

export function requireCron(cron: string, timezone: string): string {
  const pattern = cron.trim();
  if (pattern.length === 0 || pattern.length > 255) throw new ValidationError('cron must be a cron pattern such as "0 3 * * *"', 'cron');
  try {
    patternOf(pattern, timezone);
  } catch (error) {
    throw new ValidationError(`invalid cron pattern "${pattern}": ${error instanceof Error ? error.message : String(error)}`, 'cron');
  }
  return pattern;
}

/** An ISO-8601 instant, canonical (`toISOString`). */
export function requireInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (typeof value !== 'string' || value.length > 64 || Number.isNaN(ms)) throw new ValidationError(`${field} must be an ISO-8601 date and time`, field);
  return new Date(ms).toISOString();
}

/** Where occurrences are counted from: `startAt`, else when the schedule was created. */
interface Anchored {
  readonly definition: ScheduleDefinition;
  readonly createdAt: string;
}

/** How many times the search for an occurrence inside a window jumps to a window's opening before giving up. */
export const MAX_WINDOW_JUMPS = 1000;

/**
 * The first occurrence strictly after `after`, within start and end and inside a maintenance window; null when
 * there is none. Occurrences outside every window are not wanted: the search jumps to the next window's opening.
 */
export function nextOccurrenceAfter({ definition, createdAt }: Anchored, after: Date): Date | null {
  const start = definition.startAt ? Date.parse(definition.startAt) : undefined;
  const end = definition.endAt ? Date.parse(definition.endAt) : undefined;
  const anchor = start ?? Date.parse(createdAt);
  // Occurrences before the start do not count: look from just before it.
  let from = start !== undefined && start - 1 > after.getTime() ? start - 1 : after.getTime();
  for (let jump = 0; jump <= MAX_WINDOW_JUMPS; jump++) {
    const next = occurrenceAfter(definition.timing, from, anchor);
    if (next === null || (end !== undefined && next > end)) return null;
    if (!definition.windows || insideWindows(definition.windows, next)) return new Date(next);
    const opening = nextWindowOpening(definition.windows, next);
    if (opening === null) return null;
    from = opening - 1;
  }
  return null;
}

function occurrenceAfter(timing: ScheduleTiming, from: number, anchor: number): number | null {
  switch (timing.kind) {
    case 'once': {
      const at = Date.parse(timing.runAt);
      return at > from ? at : null;
    }
    case 'interval': {
      const every = timing.everySeconds * 1000;
      const k = Math.max(0, Math.floor((from - anchor) / every) + 1);
      return anchor + k * every;
    }
    case 'cron':
      return patternOf(timing.cron, timing.timezone).nextRun(new Date(from))?.getTime() ?? null;
    default: {
      const _exhaustive: never = timing;
      return null;
    }
  }
}

/** The next `count` occurrences after `after`. */
export function nextOccurrences(schedule: Anchored, after: Date, count: number): Date[] {
  const runs: Date[] = [];
  let cursor = after;
  while (runs.length < count) {
    const next = nextOccurrenceAfter(schedule, cursor);
    if (next === null) break;
    runs.push(next);
    cursor = next;
  }
  return runs;
}

/** Occurrences due in `(after, now]`: the latest one and how many there were (counting stops at `limit`). */
export function dueOccurrences(schedule: Anchored, after: Date, now: Date, limit = 100_000): { latest: Date; count: number } | null {
  const { timing } = schedule.definition;
  // With windows an interval's occurrences are no longer evenly spaced: walk them like cron's.
  if (timing.kind === 'interval' && !schedule.definition.windows) return dueIntervals(schedule, after, now);
  let latest: Date | null = null;
  let count = 0;
  for (let next = nextOccurrenceAfter(schedule, after); next !== null && next <= now && count < limit; next = nextOccurrenceAfter(schedule, next)) {
    latest = next;
    count++;
  }
  return latest === null ? null : { latest, count };
}

/** Intervals are arithmetic: no walk, however long the scheduler was down. */
function dueIntervals(schedule: Anchored, after: Date, now: Date): { latest: Date; count: number } | null {
  const first = nextOccurrenceAfter(schedule, after);
  if (first === null || first > now) return null;
  const { definition } = schedule;
  const every = (definition.timing as { everySeconds: number }).everySeconds * 1000;
  const end = definition.endAt ? Math.min(Date.parse(definition.endAt), now.getTime()) : now.getTime();
  const count = Math.floor((end - first.getTime()) / every) + 1;
  return { latest: new Date(first.getTime() + (count - 1) * every), count };
}
