/** What `netraven audit job` reads from the API: one event of a job's history. */
export interface HistoryEvent {
  position: number;
  stream: string;
  type: string;
  at: string;
  actor: string;
  correlationId: string;
  causationId: string;
  data: Record<string, unknown>;
}

interface LogEntry { level: string; kind: string; deviceId?: string; message: string; at: string }

const RETRY = /^Attempt (\d+) failed \[([a-z-]+)\]/;

/**
 * A job's history as lines an operator reads: who asked, the dispatch, each device's start with its
 * attempt, retries inside a delivery (from the job log), crash redeliveries (a device started again with
 * a higher attempt and no outcome in between), outcomes with their category, the completion. Event
 * types it does not know are shown generically, so a newer server never breaks an older CLI.
 */
export function renderTimeline(events: readonly HistoryEvent[], nameOf: (deviceId: string) => string): string[] {
  const running = new Map<string, { attempt: number; worker: string }>();
  const lines: string[] = [];
  for (const event of events) {
    const d = event.data;
    const device = typeof d['deviceId'] === 'string' ? nameOf(d['deviceId']) : '';
    const line = (text: string): void => {
      lines.push(`${event.at}  #${event.position}  ${text}`);
    };
    switch (event.type) {
      case 'BackupScheduled': {
        const targets = d['targets'] as { deviceIds?: string[]; tags?: string[] } | undefined;
        const what = [
          ...(targets?.deviceIds?.length ? [`devices ${targets.deviceIds.map(nameOf).join(', ')}`] : []),
          ...(targets?.tags?.length ? [`tags ${targets.tags.join(', ')}`] : []),
        ].join(' and ');
        line(`${event.actor} asked for a backup of ${what || 'nothing'}`);
        break;
      }
      case 'JobDispatched': {
        const ids = (d['deviceIds'] as string[] | undefined) ?? [];
        line(`dispatched by ${event.actor} to ${ids.length} device${ids.length === 1 ? '' : 's'}${ids.length ? `: ${ids.map(nameOf).join(', ')}` : ''}`);
        break;
      }
      case 'DeviceBackupStarted': {
        const attempt = Number(d['attempt']);
        const worker = String(d['workerId']);
        const before = running.get(String(d['deviceId']));
        if (before && attempt > before.attempt) {
          line(`crash redelivery: ${device} started again, attempt ${attempt} on worker ${worker} (attempt ${before.attempt} on ${before.worker} ended without an outcome)`);
        } else {
          line(`${device} started, attempt ${attempt} on worker ${worker}`);
        }
        running.set(String(d['deviceId']), { attempt, worker });
        break;
      }
      case 'SnapshotRecorded':
        running.delete(String(d['deviceId']));
        line(`${device} succeeded: commit ${String(d['commit']).slice(0, 12)} (${d['changed'] ? 'changed' : 'unchanged'})`);
        break;
      case 'DeviceBackupFailed':
        running.delete(String(d['deviceId']));
        line(`${device} failed [${String(d['category'])}${d['transient'] ? ', transient' : ''}]: ${String(d['message'])}`);
        break;
      case 'JobCompleted':
        line(`job completed: ${String(d['status'])} (${Number(d['succeeded'])} succeeded, ${Number(d['failed'])} failed${cancelledCount(Number(d['cancelled'] ?? 0))})`);
        break;
      case 'JobLogRecorded':
        for (const entry of (d['entries'] as LogEntry[] | undefined) ?? []) {
          const who = entry.deviceId ? `${nameOf(entry.deviceId)}: ` : '';
          const retry = RETRY.exec(entry.message);
          if (retry) line(`retry: ${who}${entry.message}`);
          else if (entry.level === 'warn' || entry.level === 'error') line(`log ${entry.level}: ${who}${entry.message}`);
        }
        break;
      case 'DeviceHostKeyPinned':
        line(`${device}: host key ${String(d['fingerprint'])} pinned on first use`);
        break;
      case 'DeviceCredentialConfirmed':
        line(`${device}: the credential that worked is remembered for the next backup`);
        break;
      default:
        if (renderCancellation(event, device, line, nameOf)) break;
        line(`${event.type} on ${event.stream} by ${event.actor}: ${JSON.stringify(d)}`);
    }
  }
  return lines;
}

/** `cancelJob`: the queued devices end CANCELLED at once; the running ones finish (or time out) on their own. */
function renderCancellation(event: HistoryEvent, _device: string, line: (text: string) => void, nameOf: (deviceId: string) => string): boolean {
  if (event.type !== 'JobCancelled') return false;
  const cancelled = (event.data['cancelledDeviceIds'] as string[] | undefined) ?? [];
  const running = Number(event.data['running'] ?? 0);
  line(`job cancelled by ${event.actor}: ${cancelled.length} queued device${cancelled.length === 1 ? '' : 's'} cancelled`
    + `${cancelled.length ? ` (${cancelled.map(nameOf).join(', ')})` : ''}${running ? `, ${running} running left to finish` : ''}`);
  return true;
}

export interface JobState {
  status: string;
  deviceCount: number;
  succeeded: number;
  failed: number;
  /** Devices that never ran because the job was cancelled (absent from servers older than cancellation). */
  cancelled?: number;
  devices: Array<{ deviceId: string; status: string; attempts: number; errorCategory: string | null; errorMessage: string | null; commit: string | null; changed: boolean | null }>;
}

/** The job as it stood at a point: its counts, then one line per device. */
export function renderState(label: string, state: JobState | null, nameOf: (deviceId: string) => string): string[] {
  if (!state) return [`State at ${label}: the job had not been scheduled yet`];
  const lines = [`State at ${label}: ${state.status}, ${state.deviceCount} devices, ${state.succeeded} succeeded, ${state.failed} failed${cancelledCount(state.cancelled ?? 0)}`];
  for (const d of state.devices) {
    const detail = d.status === 'FAILED' ? `, [${d.errorCategory ?? ''}] ${d.errorMessage ?? ''}`
      : d.status === 'SUCCEEDED' ? `, commit ${(d.commit ?? '').slice(0, 12)}${d.changed ? ' (changed)' : ''}` : '';
    lines.push(`  ${nameOf(d.deviceId)}: ${d.status}, attempt ${d.attempts}${detail}`);
  }
  return lines;
}

/** Counts of a cancelled job name its cancelled devices; a job never cancelled keeps its line as it was. */
function cancelledCount(cancelled: number): string {
  return cancelled > 0 ? `, ${cancelled} cancelled` : '';
}
