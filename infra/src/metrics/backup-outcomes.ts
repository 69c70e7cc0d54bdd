import type { NewEvent } from '../eventstore/event-store.js';
import type { NetRavenMetrics } from './netraven-metrics.js';

/** Starts kept waiting for their outcome; past this, the oldest are forgotten (a lost worker's tasks). */
const MAX_OPEN_STARTS = 50_000;

/**
 * Counts device outcomes from the events this process appends: the one place every outcome passes
 * (worker, deadline watchdog, give-up), so no component needs to know about metrics.
 */
export class BackupOutcomeMetrics {
  private readonly started = new Map<string, number>();

  constructor(private readonly metrics: NetRavenMetrics, private readonly now: () => number = Date.now) {}

  observe(events: readonly NewEvent[]): void {
    for (const event of events) {
      const data = event.data as { jobId?: string; deviceId?: string; changed?: boolean; category?: string };
      const key = `${data.jobId ?? ''}/${data.deviceId ?? ''}`;
      if (event.type === 'DeviceBackupStarted') this.markStarted(key);
      else if (event.type === 'SnapshotRecorded') this.finished(key, data.changed ? 'changed' : 'unchanged', 'none');
      else if (event.type === 'DeviceBackupFailed') this.finished(key, 'failed', data.category ?? 'unknown');
    }
  }

  private markStarted(key: string): void {
    this.started.delete(key);
    this.started.set(key, this.now());
    if (this.started.size > MAX_OPEN_STARTS) this.started.delete(this.started.keys().next().value as string);
  }

  private finished(key: string, outcome: string, category: string): void {
    this.metrics.backups.inc({ outcome, category });
    const startedAt = this.started.get(key);
    if (startedAt === undefined) return;
    this.started.delete(key);
    this.metrics.deviceDuration.observe({ outcome }, (this.now() - startedAt) / 1000);
  }
}
