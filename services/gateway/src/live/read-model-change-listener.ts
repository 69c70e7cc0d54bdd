import pg from 'pg';
import type { LiveUpdates } from './live-updates.js';

export const READ_MODEL_CHANNEL = 'netraven_readmodel_changed';

/** What the projector announces after each committed batch: which jobs' rows changed. */
export interface ReadModelChangeNotice {
  readonly projection: string;
  readonly jobIds: readonly string[];
}

/**
 * A gateway running apart from the projector (distributed mode) hears of read-model changes via
 * Postgres LISTEN/NOTIFY on the read-model database, and turns them into subscription topics.
 */
export class ReadModelChangeListener {
  private client: pg.Client | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly live: LiveUpdates,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', (error) => this.onError(error));
    client.on('notification', (message) => {
      try {
        const notice = JSON.parse(message.payload ?? '{}') as ReadModelChangeNotice;
        this.live.onJobsChanged(notice.jobIds);
      } catch (error) {
        this.onError(error);
      }
    });
    await client.connect();
    await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
    this.client = client;
  }

  async stop(): Promise<void> {
    await this.client?.end();
    this.client = undefined;
  }
}
