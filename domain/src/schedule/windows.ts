import { ValidationError } from '../shared/errors.js';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * One maintenance window: on each of `days`, from `start` to `end` (wall clock, `"HH:MM"`, end exclusive) in the
 * schedule's time zone. An `end` at or before `start` crosses midnight: `{ days: [MON], start: "22:00", end: "04:00" }`
 * is Monday 22:00 to Tuesday 04:00. `"24:00"` as `end` is the end of the day.
 */
export interface MaintenanceWindow {
  readonly days: readonly Weekday[];
  readonly start: string;
  readonly end: string;
}

/** A schedule's windows and the zone they are read in (a cron schedule's own zone, else the one given, else UTC). */
export interface MaintenanceWindows {
  readonly timezone: string;
  readonly list: readonly MaintenanceWindow[];
}

export const MAX_WINDOWS = 20;
const MINUTES_PER_DAY = 1440;
const HH_MM = /^([01]?\d|2[0-4]):([0-5]\d)$/;

function minutesOf(text: unknown, what: string, index: number, endOfDay: boolean): number {
  const match = typeof text === 'string' ? HH_MM.exec(text.trim()) : null;
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || minutes > MINUTES_PER_DAY || (minutes === MINUTES_PER_DAY && !endOfDay))
    throw new ValidationError(`windows[${index}].${what} must be a time "HH:MM" (00:00–23:59${endOfDay ? ', or 24:00' : ''})`, 'windows');
  return minutes;
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The windows in canonical form (days in week order, once each; times `HH:MM`), or a `ValidationError` on `windows`. */
export function validateWindows(windows: readonly MaintenanceWindow[]): MaintenanceWindow[] {
  if (!Array.isArray(windows)) throw new ValidationError('windows must be a list', 'windows');
  if (windows.length > MAX_WINDOWS) throw new ValidationError(`a schedule has at most ${MAX_WINDOWS} windows`, 'windows');
  return windows.map((window, index) => {
    if (window === null || typeof window !== 'object') throw new ValidationError(`windows[${index}] must be { days, start, end }`, 'windows');
    const days = Array.isArray(window.days) ? window.days : [];
    if (days.length === 0) throw new ValidationError(`windows[${index}].days needs at least one of ${WEEKDAYS.join(', ')}`, 'windows');
    for (const day of days)
      if (!(WEEKDAYS as readonly string[]).includes(day)) throw new ValidationError(`windows[${index}].days: "${String(day).slice(0, 12)}" is not one of ${WEEKDAYS.join(', ')}`, 'windows');
    const start = minutesOf(window.start, 'start', index, false);
    const end = minutesOf(window.end, 'end', index, true);
    if (start === end) throw new ValidationError(`windows[${index}] starts and ends at ${hhmm(start)}: for a whole day use 00:00–24:00`, 'windows');
    return { days: WEEKDAYS.filter((day) => days.includes(day)), start: hhmm(start), end: hhmm(end) };
  });
}

/** A wall-clock reading in a zone: weekday 0 = MON, `minute` of the day, and the local date. */
interface Wall {
  readonly weekday: number;
  readonly minute: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timezone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
};
const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function wallAt(instant: number, timezone: string): Wall & { second: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterOf(timezone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    weekday: SHORT_DAYS.indexOf(parts.weekday ?? ''), minute: Number(parts.hour) * 60 + Number(parts.minute), second: Number(parts.second),
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
  };
}

/** Local wall time as if it were UTC: comparable across instants, and the zone's offset is `wallMs(t) - t`. */
const wallMs = (instant: number, timezone: string): number => {
  const w = wallAt(instant, timezone);
  return Date.UTC(w.year, w.month - 1, w.day) + w.minute * 60_000 + w.second * 1000;
};

/**
 * The first instant whose wall clock reads `target` (a local time as UTC milliseconds) or later: the earlier of two
 * when the clocks go back, the moment of the change when they go forward past it (02:30 on a spring-forward night).
 */
export function instantOfWall(target: number, timezone: string): number {
  const day = 86_400_000;
  const candidates = [target - (wallMs(target - day, timezone) - (target - day)), target - (wallMs(target + day, timezone) - (target + day))].sort((a, b) => a - b);
  const exact = candidates.find((at) => wallMs(at, timezone) === target);
  if (exact !== undefined) return exact;
  // In the gap: the wall clock jumps over `target` between the two candidates; find the jump to the second.
  let [low, high] = [candidates[0] ?? target, candidates[1] ?? target];
  while (high - low > 1000) {
    const mid = low + Math.max(1000, Math.floor((high - low) / 2000) * 1000);
    if (wallMs(mid, timezone) >= target) high = mid;
    else low = mid;
  }
  return high;
}

const dayIndex = (day: Weekday): number => WEEKDAYS.indexOf(day);
const startMinutes = (window: MaintenanceWindow): number => minutesOf(window.start, 'start', 0, false);
const endMinutes = (window: MaintenanceWindow): number => minutesOf(window.end, 'end', 0, true);

/** Whether `instant` lies inside one of the windows (by the wall clock in their zone). No windows: always. */
export function insideWindows(windows: MaintenanceWindows | undefined, instant: number): boolean {
  if (!windows || windows.list.length === 0) return true;
  const wall = wallAt(instant, windows.timezone);
  const yesterday = (wall.weekday + 6) % 7;
  return windows.list.some((window) => {
    const [start, end] = [startMinutes(window), endMinutes(window)];
    const days = window.days.map(dayIndex);
    if (start < end) return days.includes(wall.weekday) && wall.minute >= start && wall.minute < end;
    return (days.includes(wall.weekday) && wall.minute >= start) || (days.includes(yesterday) && wall.minute < end);
  });
}

/** The first instant after `instant` at which a window opens; null without windows. */
export function nextWindowOpening(windows: MaintenanceWindows, instant: number): number | null {
  if (windows.list.length === 0) return null;
  const wall = wallAt(instant, windows.timezone);
  const today = Date.UTC(wall.year, wall.month - 1, wall.day);
  // Local (day, start) in wall order; the first that maps to an instant after `instant` is the next opening.
  for (let offset = 0; offset <= 8; offset++) {
    const weekday = (wall.weekday + offset) % 7;
    const starts = windows.list.filter((w) => w.days.map(dayIndex).includes(weekday)).map(startMinutes).sort((a, b) => a - b);
    for (const start of starts) {
      const at = instantOfWall(today + offset * 86_400_000 + start * 60_000, windows.timezone);
      if (at > instant) return at;
    }
  }
  return null;
}
