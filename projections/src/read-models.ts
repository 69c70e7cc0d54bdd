import type { Kysely } from 'kysely';
import { createKysely, migrateToLatest } from '@netraven/infra/db';
import type { ReadModelDatabase } from './schema/database.js';
import { READ_MODEL_MIGRATIONS } from './schema/migrations.js';
import type { Projector } from './runner/projector.js';
import { devicesProjector } from './devices/devices-projector.js';
import { credentialsProjector } from './credentials/credentials-projector.js';
import { jobsProjector } from './jobs/jobs-projector.js';
import { snapshotsProjector } from './snapshots/snapshots-projector.js';
import { logsProjector } from './logs/logs-projector.js';
import { accessProjector } from './access/access-projector.js';
import { schedulesProjector } from './schedules/schedules-projector.js';
import { backupPoliciesProjector, stalenessProjector } from './backup-policies/backup-policies-projector.js';

export const ALL_PROJECTORS: readonly Projector[] = [
  devicesProjector,
  credentialsProjector,
  jobsProjector,
  snapshotsProjector,
  logsProjector,
  accessProjector,
  schedulesProjector,
  backupPoliciesProjector,
  stalenessProjector,
];

/** Connects to the read-model database and brings its schema up to date. */
export async function openReadModels(connectionString: string, onPoolError?: (error: Error) => void): Promise<Kysely<ReadModelDatabase>> {
  const db = createKysely<ReadModelDatabase>(connectionString, 10, onPoolError);
  await migrateToLatest(db, READ_MODEL_MIGRATIONS, 'read_model_migrations');
  return db;
}
