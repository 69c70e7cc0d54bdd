import { sql, type Kysely, type Migration } from 'kysely';

// Kysely migrations run against a database whose type is not known yet.
type AnyDatabase = Kysely<unknown>;

const initialReadModels: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('credential_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('last_job_id', 'text')
      .addColumn('last_backup_status', 'text')
      .addColumn('last_backup_at', 'timestamptz')
      .addColumn('last_error_category', 'text')
      .addColumn('last_snapshot_commit', 'text')
      .addColumn('hostname', 'text')
      .addColumn('model', 'text')
      .addColumn('serial', 'text')
      .addColumn('os_version', 'text')
      .execute();
    await db.schema
      .createTable('device_tags')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_tags_pk', ['device_id', 'tag'])
      .execute();
    await db.schema.createIndex('device_tags_tag_idx').on('device_tags').column('tag').execute();
    await db.schema
      .createTable('credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('secret_ref', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('deleted_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('job_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('target_device_ids', 'jsonb', (c) => c.notNull())
      .addColumn('target_tags', 'jsonb', (c) => c.notNull())
      .addColumn('device_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('succeeded', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
      .addColumn('dispatched_at', 'timestamptz')
      .addColumn('started_at', 'timestamptz')
      .addColumn('completed_at', 'timestamptz')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_scheduled_at_idx').on('jobs').column('scheduled_at').execute();
    await db.schema
      .createTable('job_devices')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('worker_id', 'text')
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('error_category', 'text')
      .addColumn('error_message', 'text')
      .addColumn('snapshot_commit', 'text')
      .addColumn('changed', 'boolean')
      .addPrimaryKeyConstraint('job_devices_pk', ['job_id', 'device_id'])
      .execute();
    await db.schema
      .createTable('snapshots')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('commit', 'text', (c) => c.notNull())
      .addColumn('changed', 'boolean', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('hostname', 'text')
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('snapshots_pk', ['job_id', 'device_id'])
      .execute();
    await db.schema.createIndex('snapshots_device_idx').on('snapshots').columns(['device_id', 'recorded_at']).execute();
    await db.schema
      .createTable('logs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('position_commit', 'numeric', (c) => c.notNull())
      .addColumn('position_prepare', 'numeric', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('job_id', 'text')
      .addColumn('device_id', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('logs_job_order_idx')
      .on('logs')
      .columns(['job_id', 'position_commit', 'position_prepare', 'seq'])
      .execute();
    await db.schema
      .createTable('projection_checkpoints')
      .addColumn('projection', 'text', (c) => c.primaryKey())
      .addColumn('position_commit', 'numeric', (c) => c.notNull())
      .addColumn('position_prepare', 'numeric', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
};

const hostKeysAndCircuitBreaker: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .alterTable('devices')
      .addColumn('host_key_fingerprint', 'text')
      .addColumn('consecutive_transient_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_transient_failure_at', 'timestamptz')
      .execute();
  },
};

const deviceProtocol: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('devices').addColumn('protocol', 'text', (c) => c.notNull().defaultTo('ssh')).execute();
  },
};

/** The reconciler and the deadline watchdog look for devices without an outcome; finished rows are the bulk. */
const unfinishedWorkIndex: Migration = {
  async up(db: AnyDatabase) {
    await sql`CREATE INDEX job_devices_unfinished ON job_devices (started_at) WHERE status IN ('QUEUED', 'RUNNING')`.execute(db);
  },
};

/**
 * Credential sets: tags and priority (defaults equal CredentialCreated v1's upcast), how often each
 * credential's logins were accepted or refused, and which credential last worked for each device.
 */
const credentialSets: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .alterTable('credentials')
      .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(100))
      .addColumn('success_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_used_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX credentials_tags ON credentials USING gin (tags) WHERE deleted_at IS NULL`.execute(db);
    await db.schema.alterTable('devices').addColumn('confirmed_credential_id', 'text').execute();
  },
};

/** Users and API tokens (issue 15). */
const accessReadModels: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('tags', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('password_change_required', 'boolean', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX users_username ON users (lower(username))`.execute(db);
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('tags', 'jsonb', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .execute();
  },
};

/** Schedules (issue 16): what the scheduler loads and the API lists. */
const schedules: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('timing', 'jsonb', (c) => c.notNull())
      .addColumn('start_at', 'timestamptz')
      .addColumn('end_at', 'timestamptz')
      .addColumn('target_device_ids', 'jsonb', (c) => c.notNull())
      .addColumn('target_tags', 'jsonb', (c) => c.notNull())
      .addColumn('misfire', 'text', (c) => c.notNull())
      .addColumn('enabled', 'boolean', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('settled_through', 'timestamptz', (c) => c.notNull())
      .addColumn('last_occurrence', 'timestamptz')
      .addColumn('last_job_id', 'text')
      .addColumn('deleted_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX schedules_enabled ON schedules (id) WHERE enabled AND deleted_at IS NULL`.execute(db);
  },
};

/** Users signed in through an identity provider (OIDC) are marked external. */
const externalUsers: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('users').addColumn('external', 'text').execute();
  },
};

/**
 * Config search (issue 17): each device's latest config text, indexed for substring and regex search. pg_trgm
 * is a trusted extension shipped with PostgreSQL (and the embedded binaries); it is created in `public` so a rebuild's
 * shadow schema never owns it, and the operator class is named with its schema because a shadow's search_path holds
 * only the shadow. Without the extension the table has no text index and searches scan it (still exact): a full-text
 * index cannot answer arbitrary substrings or regular expressions, so it would not be used. The indexed expression is
 * the one the queries match (`SEARCHABLE_CONFIG`): mask tokens folded to one private-use character.
 */
const configSearch: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('config_search')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('commit', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .execute();
    await sql`DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%): config search scans without an index', SQLERRM;
      END $$`.execute(db);
    await sql`DO $$ DECLARE trgm_schema text; BEGIN
        SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
        IF trgm_schema IS NOT NULL THEN
          EXECUTE format('CREATE INDEX config_search_trgm ON config_search USING gin ((replace(config, %L, chr(57344))) %I.gin_trgm_ops)', '<removed>', trgm_schema);
        END IF;
      END $$`.execute(db);
  },
};

/** Webhooks and their delivery log (issue 16, notifications). */
const webhooks: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('events', 'jsonb', (c) => c.notNull())
      .addColumn('tags', 'jsonb', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('secret_ref', 'text')
      .addColumn('secret_fingerprint', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('deleted_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('webhook_id', 'text', (c) => c.notNull())
      .addColumn('source_event_id', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('subject', 'jsonb', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('job_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'timestamptz')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('delivered_at', 'timestamptz')
      .execute();
    await sql`CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at DESC)`.execute(db);
    await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`.execute(db);
    await db.schema
      .createTable('webhook_delivery_attempts')
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_delivery_attempts_pk', ['delivery_id', 'attempt'])
      .execute();
  },
};

/** Job kinds and job control (issue 16): priorities, schedule and re-run links, cancellation, command results, reachability. */
const jobControl: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .alterTable('jobs')
      .addColumn('priority', 'text', (c) => c.notNull().defaultTo('NORMAL'))
      .addColumn('schedule_id', 'text')
      .addColumn('rerun_of', 'text')
      .addColumn('commands', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`CREATE INDEX jobs_schedule ON jobs (schedule_id, scheduled_at DESC) WHERE schedule_id IS NOT NULL`.execute(db);
    await db.schema
      .createTable('job_results')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('command', 'text', (c) => c.notNull())
      .addColumn('output', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_results_pkey', ['job_id', 'device_id', 'seq'])
      .execute();
    await db.schema
      .createTable('device_reachability')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('reachability', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'timestamptz')
      .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
      .addColumn('job_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('schedules')
      .addColumn('job_type', 'text', (c) => c.notNull().defaultTo('backup'))
      .addColumn('system', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
  },
};

/** Keyset pages of the API: each list's (sort key, id) is an index range, however deep the page. */
const apiIndexes: Migration = {
  async up(db: AnyDatabase) {
    await sql`CREATE INDEX devices_name_id_idx ON devices (name, id)`.execute(db);
    await sql`CREATE INDEX devices_last_backup_id_idx ON devices ((coalesce(last_backup_at, '-infinity'::timestamptz)), id)`.execute(db);
    await sql`CREATE INDEX jobs_scheduled_at_id_idx ON jobs (scheduled_at, id)`.execute(db);
    await sql`CREATE INDEX snapshots_device_recorded_job_idx ON snapshots (device_id, recorded_at, job_id)`.execute(db);
  },
};

/** Backup policies per tag or device (issue 16), and each device's last successful backup and staleness. */
const backupPolicies: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('backup_policies')
      .addColumn('scope_kind', 'text', (c) => c.notNull())
      .addColumn('scope_value', 'text', (c) => c.notNull())
      .addColumn('volatile', 'jsonb', (c) => c.notNull())
      .addColumn('secrets', 'jsonb', (c) => c.notNull())
      .addColumn('stale_after_hours', 'integer')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('backup_policies_pk', ['scope_kind', 'scope_value'])
      .execute();
    await db.schema
      .createTable('device_staleness')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('last_success_at', 'timestamptz')
      .addColumn('stale', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('stale_since', 'timestamptz')
      .addColumn('stale_after_hours', 'integer')
      .execute();
    await sql`CREATE INDEX device_staleness_stale ON device_staleness (device_id) WHERE stale`.execute(db);
  },
};

/**
 * Logs (issue 17): the component a line came from, and indexes for the newest-first keyset pages
 * (`at`, `id`) overall, per type and per device, and for live readers that follow the log order.
 * Rows from before this migration get the source their event type implies; a rebuild of the `logs`
 * projection gives the exact one (from each event's actor).
 */
const logs: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('logs').addColumn('source', 'text', (c) => c.notNull().defaultTo('device-comm')).execute();
    await sql`UPDATE logs SET source = CASE
      WHEN device_id IS NULL AND message LIKE 'Backup job scheduled by user:%' THEN 'api'
      WHEN device_id IS NULL AND message LIKE 'Backup job scheduled by token:%' THEN 'api'
      WHEN device_id IS NULL AND message LIKE 'Backup job scheduled by %' THEN 'scheduler'
      WHEN device_id IS NULL AND message LIKE 'Job dispatched%' THEN 'scheduler'
      ELSE 'device-comm' END`.execute(db);
    await sql`ALTER TABLE logs ALTER COLUMN source DROP DEFAULT`.execute(db);
    await sql`CREATE INDEX logs_at_idx ON logs (at, id)`.execute(db);
    await sql`CREATE INDEX logs_kind_at_idx ON logs (kind, at, id)`.execute(db);
    await sql`CREATE INDEX logs_device_at_idx ON logs (device_id, at, id) WHERE device_id IS NOT NULL`.execute(db);
    await sql`CREATE INDEX logs_position_idx ON logs (position_commit, position_prepare, seq)`.execute(db);
  },
};

/** Maintenance windows of schedules (issue 16): null for a schedule without any. */
const scheduleWindows: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('schedules').addColumn('windows', 'jsonb').execute();
  },
};

/** COMMAND schedules (issue 16): the read-only commands each of their jobs runs. */
const scheduleCommands: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('schedules').addColumn('commands', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
  },
};

export const READ_MODEL_MIGRATIONS: Record<string, Migration> = {
  '0001_initial_read_models': initialReadModels,
  '0002_host_keys_and_circuit_breaker': hostKeysAndCircuitBreaker,
  '0003_device_protocol': deviceProtocol,
  '0004_unfinished_work_index': unfinishedWorkIndex,
  '0005_credential_sets': credentialSets,
  '0006_access_read_models': accessReadModels,
  '0007_schedules': schedules,
  '0008_external_users': externalUsers,
  '0009_logs': logs,
  '0010_config_search': configSearch,
  '0011_job_control': jobControl,
  '0012_backup_policies': backupPolicies,
  '0013_webhooks': webhooks,
  '0014_api_indexes': apiIndexes,
  '0016_schedule_windows': scheduleWindows,
  '0017_schedule_commands': scheduleCommands,
};
