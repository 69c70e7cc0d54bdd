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
