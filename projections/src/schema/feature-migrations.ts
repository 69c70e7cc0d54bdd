import { sql, type Kysely, type Migration } from 'kysely';

// The read models of the operations features (issues 16 and 17): config search, webhooks, job control, API
// indexes, backup policies, logs, schedule windows and commands. The list that orders them is in migrations.ts.
type AnyDatabase = Kysely<unknown>;

/**
 * Config search (issue 17): each device's latest config text, indexed for substring and regex search. pg_trgm
 * is a trusted extension shipped with PostgreSQL (and the embedded binaries); it is created in `public` so a rebuild's
 * shadow schema never owns it, and the operator class is named with its schema because a shadow's search_path holds
 * only the shadow. Without the extension the table has no text index and searches scan it (still exact): a full-text
 * index cannot answer arbitrary substrings or regular expressions, so it would not be used. The indexed expression is
 * the one the queries match (`SEARCHABLE_CONFIG`): mask tokens folded to one private-use character.
 */
export const configSearch: Migration = {
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
export const webhooks: Migration = {
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
export const jobControl: Migration = {
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
export const apiIndexes: Migration = {
  async up(db: AnyDatabase) {
    await sql`CREATE INDEX devices_name_id_idx ON devices (name, id)`.execute(db);
    await sql`CREATE INDEX devices_last_backup_id_idx ON devices ((coalesce(last_backup_at, '-infinity'::timestamptz)), id)`.execute(db);
    await sql`CREATE INDEX jobs_scheduled_at_id_idx ON jobs (scheduled_at, id)`.execute(db);
    await sql`CREATE INDEX snapshots_device_recorded_job_idx ON snapshots (device_id, recorded_at, job_id)`.execute(db);
  },
};

/** Backup policies per tag or device (issue 16), and each device's last successful backup and staleness. */
export const backupPolicies: Migration = {
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
export const logs: Migration = {
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
export const scheduleWindows: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('schedules').addColumn('windows', 'jsonb').execute();
  },
};

/** COMMAND schedules (issue 16): the read-only commands each of their jobs runs. */
export const scheduleCommands: Migration = {
  async up(db: AnyDatabase) {
    await db.schema.alterTable('schedules').addColumn('commands', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
  },
};
