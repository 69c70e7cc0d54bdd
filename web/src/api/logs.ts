import type { LogLine } from './jobs';

export type { LogLine };
export const LOGS = `query Logs($level: String, $jobId: ID, $deviceId: ID, $limit: Int) {
  logs(level: $level, jobId: $jobId, deviceId: $deviceId, limit: $limit) { id jobId deviceId level kind message at }
}`;
export interface LogsData { logs: LogLine[] }
