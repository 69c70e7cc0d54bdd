import type { DomainEvent } from '../shared/decider.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The seeds' unified log types: a job's own steps, a device connection (connect, retries, failures),
 * the device session (the conversation with the device: prompts, commands), or the system.
 */
export const LOG_KINDS = ['job', 'connection', 'session', 'system'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface JobLogEntry {
  level: LogLevel;
  kind: LogKind;
  deviceId?: string;
  /** Already redacted: device output never reaches a log unmasked. */
  message: string;
  at: string;
}

/** Appended to `joblog-<jobId>`; append-only, no decision to make, so no decider. */
export type JobLogRecorded = DomainEvent<'JobLogRecorded', { jobId: string; entries: JobLogEntry[] }>;

export function jobLogStreamName(jobId: string): string {
  return `joblog-${jobId}`;
}
