export interface Elapsed {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Whole days, weeks not split out. */
  totalDays: number;
}

/** Time since boot, split into the units uptime lines are made of. */
export function elapsedSince(bootedAt: Date, now: Date): Elapsed {
  const totalSeconds = Math.max(0, Math.floor((now.getTime() - bootedAt.getTime()) / 1_000));
  const totalDays = Math.floor(totalSeconds / 86_400);
  return {
    weeks: Math.floor(totalDays / 7),
    days: totalDays % 7,
    hours: Math.floor(totalSeconds / 3_600) % 24,
    minutes: Math.floor(totalSeconds / 60) % 60,
    seconds: totalSeconds % 60,
    totalDays,
  };
}

const counted = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** `2 weeks, 3 days, 4 hours, 5 minutes` (zero units left out), as in IOS `R1 uptime is ...`. */
export function formatIosUptime(bootedAt: Date, now: Date): string {
  const elapsed = elapsedSince(bootedAt, now);
  const years = Math.floor(elapsed.totalDays / 365);
  const weeks = Math.floor((elapsed.totalDays % 365) / 7);
  const days = (elapsed.totalDays % 365) % 7;
  const parts: Array<[number, string]> = [
    [years, 'year'],
    [weeks, 'week'],
    [days, 'day'],
    [elapsed.hours, 'hour'],
    [elapsed.minutes, 'minute'],
  ];
  const shown = parts.filter(([count]) => count > 0).map(([count, unit]) => counted(count, unit));
  return shown.length > 0 ? shown.join(', ') : '0 minutes';
}
