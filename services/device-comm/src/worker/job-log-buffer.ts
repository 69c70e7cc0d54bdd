import { createHash } from 'node:crypto';
import { jobLogStreamName, type JobLogEntry, type JobLogRecorded, type LogKind, type LogLevel } from '@netraven/domain';
import type { EventStore } from '@netraven/infra/eventstore';
import type { Clock } from '@netraven/infra/eventstore';

/**
 * Collects one device attempt's log lines and appends them as one JobLogRecorded event whose id is
 * derived from (job, device, attempt): a redelivered attempt that flushes again is a no-op.
 */
export class JobLogBuffer {
  private readonly entries: JobLogEntry[] = [];

  constructor(
    private readonly jobId: string,
    private readonly deviceId: string,
    private readonly attempt: number,
    private readonly clock: Clock,
  ) {}

  add(level: LogLevel, kind: LogKind, message: string): void {
    this.entries.push({ level, kind, deviceId: this.deviceId, message, at: this.clock().toISOString() });
  }

  async flush(store: EventStore, actor: string, correlationId: string): Promise<void> {
    if (this.entries.length === 0) return;
    const event: JobLogRecorded = { type: 'JobLogRecorded', data: { jobId: this.jobId, entries: [...this.entries] } };
    const eventId = deterministicUuid(`joblog:${this.jobId}:${this.deviceId}:${this.attempt}`);
    await store.append(
      jobLogStreamName(this.jobId),
      [{
        type: event.type,
        data: event.data,
        metadata: {
          eventId, correlationId, causationId: correlationId, actor,
          occurredAt: this.clock().toISOString(), schemaVersion: 1,
        },
      }],
      'any',
    );
  }
}

function deterministicUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  // RFC 4122 layout with version 5-style bits, so Postgres accepts it as a uuid.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
