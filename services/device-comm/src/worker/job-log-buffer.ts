import { createHash } from 'node:crypto';
import { jobLogStreamName, type JobLogEntry, type JobLogRecorded, type LogKind, type LogLevel } from '@netraven/domain';
import type { Clock, EventStore, SideWrite } from '@netraven/infra/eventstore';

/**
 * Collects one device attempt's log lines and appends them as one JobLogRecorded event whose id is
 * derived from (job, device, attempt): a redelivered attempt that writes it again is a no-op. The worker
 * hands it to the command handler with the device's outcome (one write for both); `flush` writes it alone.
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
    const write = this.asSideWrite(actor, correlationId);
    if (write) await store.append(write.streamId, write.events, 'any');
  }

  /** The lines as one write for the command handler to append with the device's outcome (none without lines). */
  asSideWrite(actor: string, correlationId: string): SideWrite | undefined {
    if (this.entries.length === 0) return undefined;
    const event: JobLogRecorded = { type: 'JobLogRecorded', data: { jobId: this.jobId, entries: [...this.entries] } };
    const eventId = deterministicUuid(`joblog:${this.jobId}:${this.deviceId}:${this.attempt}`);
    return {
      streamId: jobLogStreamName(this.jobId),
      events: [{
        type: event.type,
        data: event.data,
        metadata: {
          eventId, correlationId, causationId: correlationId, actor,
          occurredAt: this.clock().toISOString(), schemaVersion: 1,
        },
      }],
    };
  }
}

function deterministicUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  // RFC 4122 layout with version 5-style bits, so Postgres accepts it as a uuid.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
