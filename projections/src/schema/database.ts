import type { ColumnType, Generated } from 'kysely';
import type { WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhooksTable } from './webhook-tables.js';

/** jsonb arrays: read as arrays, written as JSON text. */
type JsonArray = ColumnType<string[], string, string>;

/** Every read-model table, declared once. Rows are written only by projectors. */
export type { WebhookDeliveriesTable, WebhookDeliveryAttemptsTable, WebhooksTable };

export interface ReadModelDatabase {
  devices: DevicesTable;
  device_tags: DeviceTagsTable;
  credentials: CredentialsTable;
  jobs: JobsTable;
  job_devices: JobDevicesTable;
  snapshots: SnapshotsTable;
  logs: LogsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  schedules: SchedulesTable;
  config_search: ConfigSearchTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  job_results: JobResultsTable;
  device_reachability: DeviceReachabilityTable;
  backup_policies: BackupPoliciesTable;
  device_staleness: DeviceStalenessTable;
  projection_checkpoints: ProjectionCheckpointsTable;
}

export interface DevicesTable {
  id: string;
  name: string;
  host: string;
  port: number;
  platform: string;
  credential_id: string;
  status: 'active' | 'decommissioned';
  registered_at: Date;
  updated_at: Date;
  last_job_id: string | null;
  last_backup_status: 'SUCCEEDED' | 'FAILED' | null;
  last_backup_at: Date | null;
  last_error_category: string | null;
  last_snapshot_commit: string | null;
  hostname: string | null;
  model: string | null;
  serial: string | null;
  os_version: string | null;
  host_key_fingerprint: string | null;
  protocol: string;
  /** Transient failures (timeout, unreachable, protocol) since the last success: feeds the circuit breaker. */
  consecutive_transient_failures: Generated<number>;
  last_transient_failure_at: Date | null;
  /** The credential the last successful login used (DeviceCredentialConfirmed); tried first next time. */
  confirmed_credential_id: string | null;
}

export interface DeviceTagsTable {
  device_id: string;
  tag: string;
}

export interface CredentialsTable {
  id: string;
  name: string;
  username: string;
  secret_ref: string;
  fingerprint: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  /** Devices with one of these tags fall back to this credential, by `priority` (lower first). */
  tags: Generated<string[]>;
  priority: Generated<number>;
  /** Logins the device accepted / refused (backups and tests); undecided attempts count in neither. */
  success_count: Generated<number>;
  failure_count: Generated<number>;
  last_used_at: Date | null;
}

export interface JobsTable {
  id: string;
  job_type: string;
  status: string;
  target_device_ids: JsonArray;
  target_tags: JsonArray;
  device_count: number;
  succeeded: number;
  failed: number;
  scheduled_at: Date;
  dispatched_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  requested_by: string;
  /** HIGH (run now), NORMAL (schedules), LOW (bulk re-runs). */
  priority: Generated<string>;
  schedule_id: Generated<string | null>;
  rerun_of: Generated<string | null>;
  /** A COMMAND job's commands (JSON list; empty for other kinds). */
  commands: JsonArray;
  /** Devices that never ran because the job was cancelled. */
  cancelled: Generated<number>;
}

/** A COMMAND job's redacted outputs, one row per device and command (`seq` is the command's place in the job). */
export interface JobResultsTable {
  job_id: string;
  device_id: string;
  seq: number;
  command: string;
  output: string;
  recorded_at: Date;
}

/** What the last contact with a device said: REACHABLE, UNREACHABLE or AUTH_FAILED (no row: UNKNOWN). */
export interface DeviceReachabilityTable {
  device_id: string;
  reachability: string;
  /** The last time a login to the device succeeded. */
  last_seen_at: Date | null;
  checked_at: Date;
  job_id: string;
}

export interface JobDevicesTable {
  job_id: string;
  device_id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  attempts: number;
  worker_id: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  error_category: string | null;
  error_message: string | null;
  snapshot_commit: string | null;
  changed: boolean | null;
}

export interface SnapshotsTable {
  job_id: string;
  device_id: string;
  commit: string;
  changed: boolean;
  sha256: string;
  size: number;
  hostname: string | null;
  recorded_at: Date;
}

/** Each device's latest stored config (already secret-masked in Git), for `searchConfigs`. */
export interface ConfigSearchTable {
  device_id: string;
  commit: string;
  recorded_at: Date;
  config: string;
}

export interface LogsTable {
  /** `<eventId>:<index>`: deterministic, so a rebuild gives identical rows. */
  id: string;
  position_commit: string;
  position_prepare: string;
  seq: number;
  job_id: string | null;
  device_id: string | null;
  level: string;
  /** The log type: job, connection, session or system. */
  kind: string;
  /** The component that wrote the line: `api`, `scheduler`, `device-comm`, `watchdog`, ... (from the event's actor). */
  source: string;
  message: string;
  at: Date;
}

/** Users as the directory shows them; the password hash lives in the auth store, never here. */
export interface UsersTable {
  id: string;
  username: string;
  role: string;
  tags: JsonArray;
  status: 'active' | 'disabled';
  password_change_required: boolean;
  /** `oidc` for a user an identity provider vouches for (no local password); null for a local user. */
  external: string | null;
  created_at: Date;
  updated_at: Date;
}

/** API tokens' names and rights; the token's digest lives in the auth store. */
export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  tags: JsonArray;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Schedules as the scheduler and the API read them; `settled_through` is the occurrence cursor (fired, skipped or not wanted). */
export interface SchedulesTable {
  id: string;
  name: string;
  /** `ScheduleTiming` as JSON: `{kind:'once',runAt}`, `{kind:'interval',everySeconds}`, `{kind:'cron',cron,timezone}`. */
  timing: ColumnType<ScheduleTimingJson, string, string>;
  start_at: Date | null;
  end_at: Date | null;
  target_device_ids: JsonArray;
  target_tags: JsonArray;
  misfire: string;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  settled_through: Date;
  last_occurrence: Date | null;
  last_job_id: string | null;
  deleted_at: Date | null;
  job_type: Generated<string>;
  /** The system reachability schedule (retimed, never deleted). */
  system: Generated<boolean>;
  /** `MaintenanceWindows` as JSON (`{timezone, list}`); null: always. */
  windows: ColumnType<ScheduleWindowsJson | null, string | null | undefined, string | null>;
  /** A COMMAND schedule's read-only commands; empty for the other kinds. */
  commands: ColumnType<string[], string | undefined, string>;
}

export interface ScheduleWindowsJson {
  timezone: string;
  list: { days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[]; start: string; end: string }[];
}

export type ScheduleTimingJson =
  | { kind: 'once'; runAt: string }
  | { kind: 'interval'; everySeconds: number }
  | { kind: 'cron'; cron: string; timezone: string };

export interface ProjectionCheckpointsTable {
  projection: string;
  position_commit: string;
  position_prepare: string;
  updated_at: Generated<Date>;
}

export interface BackupPoliciesTable {
  scope_kind: 'tag' | 'device';
  /** The tag, or the device id. */
  scope_value: string;
  volatile: ColumnType<string[], string, string>;
  secrets: ColumnType<string[], string, string>;
  stale_after_hours: number | null;
  updated_at: Date;
  /** The actor of the last change (`user:alice`). */
  updated_by: string;
}

export interface DeviceStalenessTable {
  device_id: string;
  /** The last successful backup (SnapshotRecorded), whatever failed after it. */
  last_success_at: Date | null;
  stale: Generated<boolean>;
  stale_since: Date | null;
  /** The threshold the device was judged by when it became stale. */
  stale_after_hours: number | null;
}
