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
import { configSearchProjector } from './config-search/config-search-projector.js';
import { configTextsOf, type ConfigRepositoryReader } from './config-search/config-texts.js';
import { webhooksProjector } from './webhooks/webhooks-projector.js';
import { jobControlProjector } from './job-control/job-control-projector.js';
import { backupPoliciesProjector, stalenessProjector } from './backup-policies/backup-policies-projector.js';

export const ALL_PROJECTORS: readonly Projector[] = [
  devicesProjector,
  credentialsProjector,
  jobsProjector,
  snapshotsProjector,
  logsProjector,
  accessProjector,
  schedulesProjector,
  webhooksProjector,
  jobControlProjector,
  backupPoliciesProjector,
  stalenessProjector,
];

/**
 * Every projector, including those that read the config repository (config search): what a process with the
 * repository at hand runs and rebuilds. `ALL_PROJECTORS` are the ones that need the event log alone.
 */
export function readModelProjectors(dependencies: { readonly configs: ConfigRepositoryReader }): readonly Projector[] {
  return [...ALL_PROJECTORS, configSearchProjector(configTextsOf(dependencies.configs))];
}

/** Connects to the read-model database and brings its schema up to date. */
export async function openReadModels(connectionString: string, onPoolError?: (error: Error) => void): Promise<Kysely<ReadModelDatabase>> {
  const db = createKysely<ReadModelDatabase>(connectionString, 10, onPoolError);
  await migrateToLatest(db, READ_MODEL_MIGRATIONS, 'read_model_migrations');
  return db;
}
