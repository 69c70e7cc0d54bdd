/** One event of a job's history as the API returns it. */
export interface Node {
  position: number;
  stream: string;
  type: string;
  at: string;
  actor: string;
  correlationId: string;
  causationId: string;
  data: Record<string, unknown>;
}

interface DeviceState { deviceId: string; status: string; attempts: number; errorCategory: string | null; commit: string | null; changed: boolean | null }
interface JobState { status: string; deviceCount: number; succeeded: number; failed: number; cancelled: number; devices: DeviceState[] }

/**
 * What `stateAt(position)` must answer, worked out from the trail the plain way (independent of the
 * domain's evolve and of the projector): each job event up to the position, in order. The state is
 * shaped as the API answers it: the job's devices are a connection.
 */
export function expectedStatesAt(nodes: readonly Node[], position: number): (Omit<JobState, 'devices'> & { devices: { nodes: DeviceState[] } }) | null {
  const job = expectedFlatStateAt(nodes, position);
  return job && { ...job, devices: { nodes: job.devices } };
}

function expectedFlatStateAt(nodes: readonly Node[], position: number): JobState | null {
  let job: JobState | null = null;
  const device = (id: unknown): DeviceState | undefined => job?.devices.find((d) => d.deviceId === id);
  for (const node of nodes) {
    if (node.position > position || !node.stream.startsWith('job-')) continue;
    const d = node.data;
    switch (node.type) {
      case 'BackupScheduled':
        job = { status: 'QUEUED', deviceCount: 0, succeeded: 0, failed: 0, cancelled: 0, devices: [] };
        break;
      case 'JobDispatched':
        if (!job) break;
        job.devices = (d['deviceIds'] as string[]).slice().sort()
          .map((deviceId) => ({ deviceId, status: 'QUEUED', attempts: 0, errorCategory: null, commit: null, changed: null }));
        job.deviceCount = job.devices.length;
        break;
      case 'DeviceBackupStarted': {
        const target = device(d['deviceId']);
        if (!job || !target) break;
        job.status = 'RUNNING';
        Object.assign(target, { status: 'RUNNING', attempts: Math.max(target.attempts, Number(d['attempt'])) });
        break;
      }
      case 'SnapshotRecorded': {
        const target = device(d['deviceId']);
        if (!job || !target) break;
        Object.assign(target, { status: 'SUCCEEDED', commit: d['commit'], changed: d['changed'] });
        job.succeeded++;
        break;
      }
      case 'DeviceBackupFailed': {
        const target = device(d['deviceId']);
        if (!job || !target) break;
        Object.assign(target, { status: 'FAILED', errorCategory: d['category'] });
        job.failed++;
        break;
      }
      case 'JobCancelled': {
        // Only the devices not started yet end CANCELLED; the running ones still report.
        if (!job) break;
        const cancelled = d['cancelledDeviceIds'] as string[];
        for (const target of job.devices) if (cancelled.includes(target.deviceId)) target.status = 'CANCELLED';
        job.cancelled += cancelled.length;
        break;
      }
      case 'JobCompleted':
        if (!job) break;
        Object.assign(job, { status: d['status'], succeeded: d['succeeded'], failed: d['failed'] });
        break;
    }
  }
  return job;
}
