import { listOf, type List } from './lists';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'COMPLETED_NO_DEVICES' | 'CANCELLED';
export const JOB_STATUSES: readonly JobStatus[] = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'COMPLETED_NO_DEVICES', 'CANCELLED'];
export type JobKind = 'BACKUP' | 'REACHABILITY' | 'COMMAND';
export type JobPriority = 'HIGH' | 'NORMAL' | 'LOW';

export interface JobSummary {
  id: string; type: JobKind; status: JobStatus; priority: JobPriority; deviceCount: number; succeeded: number; failed: number; cancelled: number;
  requestedBy: string; scheduledAt: string; startedAt: string | null; completedAt: string | null;
  targets: { deviceIds: string[]; tags: string[] };
}
const SUMMARY_FIELDS = 'id type status priority cancelled deviceCount succeeded failed requestedBy scheduledAt startedAt completedAt targets { deviceIds tags }';

/** `kind` is the job type as the API filters it: `backup`, `reachability`, `command`. */
export const JOBS = `query Jobs($limit: Int, $status: JobStatus, $kind: JobKind) { jobs(first: $limit, status: $status, kind: $kind) ${listOf(`{ ${SUMMARY_FIELDS} }`)} }`;
export interface JobsData { jobs: List<JobSummary> }

export interface JobDeviceProgress {
  deviceId: string; device: { id: string; name: string } | null; status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  attempts: number; error: string | null; commit: string | null; changed: boolean | null; finishedAt: string | null;
}
export interface LogLine { id: string; jobId: string | null; deviceId: string | null; level: string; kind: string; message: string; at: string }
export interface JobResult { deviceId: string; command: string; output: string; recordedAt: string }
export interface JobDetail extends JobSummary {
  devices: List<JobDeviceProgress>; logs: LogLine[]; commands: string[]; results: JobResult[];
  schedule: { id: string; name: string } | null; rerunOf: { id: string } | null;
}

const DETAIL = `{ ${SUMMARY_FIELDS}
  devices ${listOf('{ deviceId device { id name } status attempts error commit changed finishedAt }')}
  logs { id jobId deviceId level kind message at }
  commands results { deviceId command output recordedAt } schedule { id name } rerunOf { id } }`;

/** Answers at once with the job as it stands, then at each change: the job page needs no query. */
export const JOB_UPDATED = `subscription JobUpdated($id: ID!) { jobUpdated(id: $id) ${DETAIL} }`;
export interface JobUpdatedData { jobUpdated: JobDetail }

/** Progress without the device list (dashboard bars). */
export const JOB_PROGRESS = `subscription JobProgress($id: ID!) { jobUpdated(id: $id) { id status deviceCount succeeded failed cancelled } }`;
export interface JobProgressData { jobUpdated: Pick<JobSummary, 'id' | 'status' | 'deviceCount' | 'succeeded' | 'failed' | 'cancelled'> }

export const SCHEDULE_BACKUP = `mutation ScheduleBackup($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id status } }`;
export interface ScheduleBackupData { scheduleBackup: { id: string; status: JobStatus } }

export const RUN_JOB = `mutation RunJob($input: RunJobInput!) { runJob(input: $input) { id status } }`;
export interface RunJobData { runJob: { id: string; status: JobStatus } }
export const CANCEL_JOB = `mutation CancelJob($id: ID!) { cancelJob(id: $id) { id status } }`;
export const RERUN_FAILED = `mutation RerunFailed($jobId: ID!) { rerunFailed(jobId: $jobId) { id status } }`;
export interface RerunFailedData { rerunFailed: { id: string; status: JobStatus } }

export const isFinished = (status: JobStatus): boolean => status !== 'QUEUED' && status !== 'RUNNING';

/** Percent of the job's devices that are done (succeeded or failed); 100 when it had none to do. */
export function percentDone(job: Pick<JobSummary, 'status' | 'deviceCount' | 'succeeded' | 'failed'> & { cancelled?: number }): number {
  if (job.deviceCount === 0) return isFinished(job.status) ? 100 : 0;
  return Math.round(((job.succeeded + job.failed + (job.cancelled ?? 0)) / job.deviceCount) * 100);
}

export const QUEUE_STATUS = `query QueueStatus { queueStatus { queue depth inFlight oldestTaskAgeSeconds priorities { priority depth } } }`;
export interface QueueData {
  queueStatus: { queue: string; depth: number; inFlight: number; oldestTaskAgeSeconds: number | null; priorities: Array<{ priority: JobPriority; depth: number }> };
}

/** Any job that changes (status, progress, counts): lists re-read on it instead of polling. */
export const JOBS_CHANGED = `subscription JobsChanged { jobsChanged { id status } }`;
/** The same, with each changed job as the list shows it: the Jobs list applies it without re-reading. */
export const JOB_ROWS_CHANGED = `subscription JobRowsChanged($filter: JobsChangedFilter) { jobsChanged(filter: $filter) { ${SUMMARY_FIELDS} } }`;

/** The `jobs` query's default order: latest scheduled first, then by id (descending). */
export const newestFirst = (a: Pick<JobSummary, 'id' | 'scheduledAt'>, b: Pick<JobSummary, 'id' | 'scheduledAt'>): number =>
  Date.parse(b.scheduledAt) - Date.parse(a.scheduledAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
