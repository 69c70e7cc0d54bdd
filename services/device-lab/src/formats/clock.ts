// Points in time the way the simulated CLIs print them (all in UTC, as lab devices run).
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const twoDigits = (n: number): string => String(n).padStart(2, '0');

export const dayName = (at: Date): string => DAYS[at.getUTCDay()] ?? 'Sun';
export const monthName = (at: Date): string => MONTHS[at.getUTCMonth()] ?? 'Jan';

/** `07:44:06` */
export function timeOfDay(at: Date): string {
  return `${twoDigits(at.getUTCHours())}:${twoDigits(at.getUTCMinutes())}:${twoDigits(at.getUTCSeconds())}`;
}

/** `07:44:06.123` */
export function timeOfDayMillis(at: Date): string {
  return `${timeOfDay(at)}.${String(at.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** `07:44:06 UTC Fri Jan 30 2015`, as in IOS's `! Last configuration change at ...`. */
export function formatIosTime(at: Date): string {
  return `${timeOfDay(at)} UTC ${dayName(at)} ${monthName(at)} ${at.getUTCDate()} ${at.getUTCFullYear()}`;
}

/** `*07:44:06.123 UTC Fri Jan 30 2015`, as printed by IOS `show clock` (the star: not NTP-synchronised). */
export function formatIosClock(at: Date): string {
  return `*${timeOfDayMillis(at)} UTC ${dayName(at)} ${monthName(at)} ${at.getUTCDate()} ${at.getUTCFullYear()}`;
}

/** `Wed Feb  8 18:14:43 2023`, the C library's ctime, used by NX-OS, IOS XR and EOS headers. */
export function formatCtime(at: Date): string {
  return `${dayName(at)} ${monthName(at)} ${String(at.getUTCDate()).padStart(2, ' ')} ${timeOfDay(at)} ${at.getUTCFullYear()}`;
}
