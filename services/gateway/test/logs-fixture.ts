import { randomUUID } from 'node:crypto';
import type { JobLogEntry } from '@netraven/domain';
import { logsProjector, waitUntilCaughtUp } from '@netraven/projections';
import type { GatewayFixture } from './gateway-fixture.js';

/** A worker's log lines for one job, appended as the worker appends them, and (unless told) projected. */
export async function appendLogLines(fx: GatewayFixture, jobId: string, entries: JobLogEntry[], options: { wait?: boolean; actor?: string } = {}): Promise<void> {
  const result = await fx.store.append(`joblog-${jobId}`, [{
    type: 'JobLogRecorded', data: { jobId, entries },
    metadata: { eventId: randomUUID(), correlationId: jobId, causationId: jobId, actor: options.actor ?? 'system:device-comm', occurredAt: new Date().toISOString(), schemaVersion: 1 },
  }], 'any');
  if (options.wait !== false) await waitUntilCaughtUp(fx.db, fx.store, logsProjector, result.position, { timeoutMs: 10_000 });
}

export const entry = (kind: JobLogEntry['kind'], level: JobLogEntry['level'], deviceId: string, message: string, at: string): JobLogEntry =>
  ({ kind, level, deviceId, message, at });
