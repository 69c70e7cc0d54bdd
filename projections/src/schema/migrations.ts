import { sql, type Kysely, type Migration } from 'kysely';
import { apiIndexes, backupPolicies, configSearch, jobControl, logs, scheduleCommands, scheduleWindows, webhooks } from './feature-migrations.js';

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
