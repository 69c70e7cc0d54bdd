// Config documents: diffs, search, the changes feed.

export interface DiffLine { kind: 'ADDED' | 'REMOVED' | 'CONTEXT'; oldNumber: number | null; newNumber: number | null; text: string }
export interface DiffHunk { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: DiffLine[] }
export interface SideRow { kind: 'ADDED' | 'REMOVED' | 'CHANGED' | 'CONTEXT'; oldNumber: number | null; oldText: string | null; newNumber: number | null; newText: string | null }
export interface SideHunk { oldStart: number; newStart: number; rows: SideRow[] }
export interface DiffStats { added: number; removed: number }
export interface ConfigDiff {
  unified: string; stats: DiffStats; hunks: DiffHunk[]; sideBySide: SideHunk[];
  from: { commit: string; recordedAt: string }; to: { commit: string; recordedAt: string };
}
export interface ConfigRef { deviceId: string; commit: string }

export const CONFIG_DIFF = `query ConfigDiff($from: ConfigRef!, $to: ConfigRef!) {
  configDiff(from: $from, to: $to) {
    unified stats { added removed }
    hunks { oldStart oldLines newStart newLines lines { kind oldNumber newNumber text } }
    sideBySide { oldStart newStart rows { kind oldNumber oldText newNumber newText } }
    from { commit recordedAt } to { commit recordedAt }
  }
}`;
export interface ConfigDiffData { configDiff: ConfigDiff }

export interface ConfigMatch {
  device: { id: string; name: string; platform: string; tags: string[] }; commit: string; recordedAt: string;
  lines: Array<{ number: number; text: string; context: boolean }>;
}
export const SEARCH_CONFIGS = `query SearchConfigs($query: String!, $regex: Boolean, $tags: [String!], $platforms: [String!], $history: Boolean, $after: String) {
  searchConfigs(query: $query, regex: $regex, tags: $tags, platforms: $platforms, history: $history, first: 50, after: $after) {
    nodes { device { id name platform tags } commit recordedAt lines { number text context } }
    totalCount pageInfo { hasNextPage endCursor }
  }
}`;
export interface SearchConfigsData {
  searchConfigs: { nodes: ConfigMatch[]; totalCount: number | null; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export interface ChangeRow {
  jobId: string; scheduledAt: string; requestedBy: string; schedule: { id: string; name: string } | null;
  deviceId: string; deviceName: string; commit: string; finishedAt: string | null;
}
/**
 * The changes feed: recent backup jobs with their devices (one statement per level, batched by the API), keeping
 * the devices whose backup changed the stored config. Cheaper than reading every device's snapshots.
 */
/** The most recent backup jobs the changes feed reads at once: each reads up to 1,000 devices, and the API refuses a costlier query. */
export const MAX_CHANGE_JOBS = 200;
export const CHANGES = `query Changes($first: Int!, $since: DateTime) {
  jobs(first: $first, kind: BACKUP, since: $since) {
    nodes {
      id scheduledAt requestedBy schedule { id name }
      devices(first: 1000) { nodes { deviceId device { id name } changed commit finishedAt } }
    }
  }
}`;
export interface ChangesData {
  jobs: { nodes: Array<{
    id: string; scheduledAt: string; requestedBy: string; schedule: { id: string; name: string } | null;
    devices: { nodes: Array<{ deviceId: string; device: { id: string; name: string } | null; changed: boolean | null; commit: string | null; finishedAt: string | null }> };
  }> };
}

export function changeRows(data: ChangesData | undefined): ChangeRow[] {
  return (data?.jobs.nodes ?? []).flatMap((job) => job.devices.nodes.flatMap((d) =>
    d.changed && d.commit ? [{
      jobId: job.id, scheduledAt: job.scheduledAt, requestedBy: job.requestedBy, schedule: job.schedule,
      deviceId: d.deviceId, deviceName: d.device?.name ?? d.deviceId, commit: d.commit, finishedAt: d.finishedAt,
    }] : []));
}

/**
 * +/− of each shown change in one request: the snapshot in force when the device's backup finished, diffed
 * against the version before it (null for a device's first version).
 */
export function changeStatsQuery(rows: readonly ChangeRow[]): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const parts = rows.map((row, i) => {
    variables[`d${i}`] = row.deviceId;
    variables[`t${i}`] = row.finishedAt ?? row.scheduledAt;
    return `c${i}: device(id: $d${i}) { configAt(at: $t${i}) { commit diff { stats { added removed } from { commit } } } }`;
  });
  const params = rows.map((_, i) => `$d${i}: ID!, $t${i}: DateTime!`).join(', ');
  return { query: `query ChangeStats(${params}) { ${parts.join(' ')} }`, variables };
}
export type ChangeStatsData = Record<string, { configAt: { commit: string; diff: { stats: DiffStats; from: { commit: string } } | null } | null } | null>;
