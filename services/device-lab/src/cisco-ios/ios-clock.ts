const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** `07:44:06 UTC Fri Jan 30 2015`, as in `! Last configuration change at ...`. */
export function formatIosTime(at: Date): string {
  const clock = `${twoDigits(at.getUTCHours())}:${twoDigits(at.getUTCMinutes())}:${twoDigits(at.getUTCSeconds())}`;
  return `${clock} UTC ${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()} ${at.getUTCFullYear()}`;
}

/** `*07:44:06.123 UTC Fri Jan 30 2015`, as printed by `show clock` (the star: not NTP-synchronised). */
export function formatIosClock(at: Date): string {
  const millis = String(at.getUTCMilliseconds()).padStart(3, '0');
  const [clock, ...rest] = formatIosTime(at).split(' ');
  return `*${clock}.${millis} ${rest.join(' ')}`;
}

/** `2 weeks, 3 days, 4 hours, 5 minutes`, as in `R1 uptime is ...`. */
export function formatIosUptime(bootedAt: Date, now: Date): string {
  let minutes = Math.max(0, Math.floor((now.getTime() - bootedAt.getTime()) / 60_000));
  const units: Array<[string, number]> = [
    ['year', 525_600],
    ['week', 10_080],
    ['day', 1_440],
    ['hour', 60],
    ['minute', 1],
  ];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(minutes / size);
    minutes -= count * size;
    if (count > 0) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  return parts.length > 0 ? parts.join(', ') : '0 minutes';
}
