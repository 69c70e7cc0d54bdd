import { sql, type Kysely } from 'kysely';
import { noticesOf, READ_MODEL_CHANNEL } from '@netraven/gateway';
import type { ReadModelChange, ReadModelDatabase } from '@netraven/projections';

/** A projector running apart from the gateway tells it, via Postgres NOTIFY, which jobs and devices changed and that lines were logged. */
export class ReadModelChangeAnnouncer {
  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly onError: (error: unknown) => void,
  ) {}

  announce(change: ReadModelChange): void {
    for (const notice of noticesOf(change)) {
      sql`SELECT pg_notify(${READ_MODEL_CHANNEL}, ${JSON.stringify(notice)})`.execute(this.db).catch(this.onError);
    }
  }
}
