export interface ConfigCommitMessage {
  deviceName: string;
  jobId: string;
  path: string;
  hostname?: string | undefined;
  when: Date;
}

export const TRAILER_JOB_ID = 'Job-Id';
export const TRAILER_DEVICE_PATH = 'Device-Path';
export const TRAILER_HOSTNAME = 'Hostname';
export const TRAILER_CAPTURED_AT = 'Captured-At';

/** Device names and hostnames come from devices and users: a newline in them must not forge a trailer. */
export function singleLine(value: string): string {
  return value.replace(/[\r\n\t\u0000]+/g, ' ').trim();
}

export function formatConfigCommitMessage(m: ConfigCommitMessage): string {
  const trailers: Array<[string, string]> = [
    [TRAILER_JOB_ID, m.jobId],
    [TRAILER_DEVICE_PATH, m.path],
  ];
  if (m.hostname !== undefined && singleLine(m.hostname) !== '') trailers.push([TRAILER_HOSTNAME, m.hostname]);
  trailers.push([TRAILER_CAPTURED_AT, m.when.toISOString()]);
  const subject = `${singleLine(m.deviceName)}: config changed (job ${singleLine(m.jobId)})`;
  const body = trailers.map(([key, value]) => `${key}: ${singleLine(value)}`).join('\n');
  return `${subject}\n\n${body}\n`;
}

/**
 * Trailers of the message's last paragraph, each key with all its values in order (a wave commit may
 * later carry several `Device-Path` lines under one `Job-Id`).
 */
export function parseTrailers(message: string): Map<string, string[]> {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const trailers = new Map<string, string[]>();
  if (paragraphs.length < 2) return trailers;
  const last = paragraphs[paragraphs.length - 1] ?? '';
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (match === null) return new Map();
    const [, key = '', value = ''] = match;
    trailers.set(key, [...(trailers.get(key) ?? []), value.trim()]);
  }
  return trailers;
}

/**
 * One commit for several devices of one job (a wave): the subject counts them, the body names each
 * device, and the trailers keep one `Device-Path` per file so `git log -- <file>` stays exact.
 */
export function formatWaveCommitMessage(jobId: string, devices: readonly ConfigCommitMessage[], when: Date): string {
  const subject = `${devices.length} devices: config changed (job ${singleLine(jobId)})`;
  const names = devices.map((d) => {
    const hostname = d.hostname !== undefined && singleLine(d.hostname) !== '' ? ` (${singleLine(d.hostname)})` : '';
    return `- ${singleLine(d.deviceName)}${hostname}: ${singleLine(d.path)}`;
  });
  const trailers = [
    `${TRAILER_JOB_ID}: ${singleLine(jobId)}`,
    ...devices.map((d) => `${TRAILER_DEVICE_PATH}: ${singleLine(d.path)}`),
    `${TRAILER_CAPTURED_AT}: ${when.toISOString()}`,
  ];
  return `${subject}\n\n${names.join('\n')}\n\n${trailers.join('\n')}\n`;
}

export const TRAILER_MIGRATION = 'Migration';
export const TRAILER_MOVED_FROM = 'Moved-From';
export const TRAILER_SUPERSEDED = 'Superseded';
export const DEVICE_PATH_MIGRATION = 'device-config-path';
/** The `Job-Id` of the migration commit: no backup job made it, and no job's retry may take it for its own. */
export const MIGRATION_JOB_ID = 'netraven-migration-device-config-path';

/** One device's files in the migration: `from` becomes `to`; `superseded` (older platforms' files) go. */
export interface DeviceFileMove {
  readonly from: string;
  readonly to: string;
  readonly superseded: readonly string[];
}

/**
 * The commit that moves legacy `<deviceId>/<platform>.cfg` files to `<deviceId>/config.cfg`, in the wave
 * shape (subject counting devices, one `Job-Id`, one `Device-Path` per file written) plus, in the same
 * order, the `Moved-From` of each `Device-Path`: what lets history and the last-change index see through it.
 */
export function formatMigrationCommitMessage(moves: readonly DeviceFileMove[]): string {
  const subject = `${moves.length} devices: config moved to one file per device (migration)`;
  const body = 'No configuration changed: each device keeps one file whatever its platform (<device id>/config.cfg). '
    + 'Files of a platform a device no longer has are removed; their history stays.';
  const trailers = [
    `${TRAILER_JOB_ID}: ${MIGRATION_JOB_ID}`,
    `${TRAILER_MIGRATION}: ${DEVICE_PATH_MIGRATION}`,
    ...moves.filter((m) => m.from !== m.to).flatMap((m) => [`${TRAILER_DEVICE_PATH}: ${singleLine(m.to)}`, `${TRAILER_MOVED_FROM}: ${singleLine(m.from)}`]),
    ...moves.flatMap((m) => m.superseded.map((path) => `${TRAILER_SUPERSEDED}: ${singleLine(path)}`)),
  ];
  return `${subject}\n\n${body}\n\n${trailers.join('\n')}\n`;
}

/** The files a migration commit moved (`from` → `to`), or null when `message` is not a migration commit's. */
export function migrationMovesOf(message: string): Array<{ from: string; to: string }> | null {
  const trailers = parseTrailers(message);
  if (!(trailers.get(TRAILER_MIGRATION) ?? []).includes(DEVICE_PATH_MIGRATION)) return null;
  const to = trailers.get(TRAILER_DEVICE_PATH) ?? [];
  const from = trailers.get(TRAILER_MOVED_FROM) ?? [];
  return to.map((path, i) => ({ from: from[i] ?? path, to: path }));
}

/** Cheap enough for every commit of a history walk: the full parse runs only on a likely candidate. */
export function isMigrationCommit(message: string): boolean {
  return message.includes(`\n${TRAILER_MIGRATION}: ${DEVICE_PATH_MIGRATION}\n`) && migrationMovesOf(message) !== null;
}
