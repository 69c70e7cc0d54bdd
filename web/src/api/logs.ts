// The unified log: a connection with filters, its stats, and the live tail (`logAdded`, same filter).
export interface LogLine {
  id: string; jobId: string | null; deviceId: string | null; level: string; kind: string; type: string; source: string; message: string; at: string;
}
export interface LogFilter { type?: string; level?: string; text?: string; source?: string; jobId?: string; deviceId?: string }
const LINE = '{ id jobId deviceId level kind type source message at }';

export const LOGS = `query Logs($filter: LogFilter, $after: String) {
  logs(filter: $filter, first: 200, after: $after) { nodes ${LINE} pageInfo { hasNextPage endCursor } }
}`;
export interface LogsData { logs: { nodes: LogLine[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }

export const LOG_ADDED = `subscription LogAdded($filter: LogFilter) { logAdded(filter: $filter) ${LINE} }`;
export interface LogAddedData { logAdded: LogLine }

export const LOG_META = `query LogMeta($filter: LogFilter) {
  logTypes logLevels logStats(filter: $filter) { total lastAt typeCounts { key count } levelCounts { key count } }
}`;
export interface LogMetaData {
  logTypes: string[]; logLevels: string[];
  logStats: { total: number; lastAt: string | null; typeCounts: Array<{ key: string; count: number }>; levelCounts: Array<{ key: string; count: number }> };
}
