import { sql, type Kysely } from 'kysely';
import { jobIdsOf, READ_MODEL_CHANNEL } from '@netraven/gateway';
import type { ReadModelChange, ReadModelDatabase } from '@netraven/projections';

// NOTIFY payloads are limited to 8000 bytes; a UUID list of this size stays well under.
const JOB_IDS_PER_NOTICE = 100;

/** A projector running apart from the gateway tells it, via Postgres NOTIFY, which jobs changed. */
export class ReadModelChangeAnnouncer {
  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly onError: (error: unknown) => void,
  ) {}

  announce(change: ReadModelChange): void {
    const jobIds = jobIdsOf(change);
    for (let i = 0; i < jobIds.length; i += JOB_IDS_PER_NOTICE) {
      const payload = JSON.stringify({ projection: change.projection, jobIds: jobIds.slice(i, i + JOB_IDS_PER_NOTICE) });
      sql`SELECT pg_notify(${READ_MODEL_CHANNEL}, ${payload})`.execute(this.db).catch(this.onError);
    }
  }
}
