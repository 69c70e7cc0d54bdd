// Audit replay documents: a job's or a device's history, and a job's state at a log position.
import type { JobDeviceProgress, JobStatus } from './jobs';
import type { List } from './lists';

export interface AuditEvent { position: number; type: string; at: string; actor: string; stream: string; correlationId: string; data: unknown }
interface Page { nodes: AuditEvent[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
const EVENTS = '{ nodes { position type at actor stream correlationId data } pageInfo { hasNextPage endCursor } }';

export const JOB_HISTORY = `query JobHistory($id: ID!, $after: String) { job(id: $id) { id history(first: 500, after: $after) ${EVENTS} } }`;
export interface JobHistoryData { job: { id: string; history: Page } | null }

export const DEVICE_HISTORY = `query DeviceHistory($id: ID!, $after: String) { device(id: $id) { id history(first: 100, after: $after) ${EVENTS} } }`;
export interface DeviceHistoryData { device: { id: string; history: Page } | null }

export interface JobState {
  status: JobStatus; deviceCount: number; succeeded: number; failed: number; cancelled: number;
  startedAt: string | null; completedAt: string | null; devices: List<Pick<JobDeviceProgress, 'deviceId' | 'device' | 'status' | 'attempts' | 'error'>>;
}
export const JOB_STATE_AT = `query JobStateAt($id: ID!, $position: Int!) {
  job(id: $id) { id stateAt(position: $position) {
    status deviceCount succeeded failed cancelled startedAt completedAt
    devices(first: 1000) { nodes { deviceId device { id name } status attempts error } }
  } }
}`;
export interface JobStateAtData { job: { id: string; stateAt: JobState | null } | null }

/** The few facts of an event worth a glance (the whole payload is one click away). */
export function eventSummary(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([key, value]) => value !== null && value !== undefined && !/id$/i.test(key) && typeof value !== 'object')
    .slice(0, 4).map(([key, value]) => `${key}: ${String(value).slice(0, 60)}`).join(' · ');
}
