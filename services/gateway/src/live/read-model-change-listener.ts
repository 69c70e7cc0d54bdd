import pg from 'pg';
import type { Follower, FollowerRun } from '@netraven/infra/supervision';
import type { LiveUpdates, ReadModelChangeNotice } from './live-updates.js';
import type { ReadModelCatchUp } from './read-model-catch-up.js';

export const READ_MODEL_CHANNEL = 'netraven_readmodel_changed';
/** How the listening connection shows in `pg_stat_activity`. */
export const CHANGE_LISTENER_APPLICATION = 'netraven-change-listener';

export interface ChangeListenerOptions {
  /** Finds what was missed during an outage; without it, only watched jobs and log readers read again. */
  readonly catchUp?: ReadModelCatchUp;
  /** How often the connection proves it is alive (and marks where the projections stand). */
  readonly heartbeatMs?: number;
}

/** A heartbeat unanswered this long counts as a lost connection (a silent network drop never errors). */
const HEARTBEAT_TIMEOUT_MS = 10_000;

/**
 * A gateway running apart from the projector (distributed mode) hears of read-model changes via
 * Postgres LISTEN/NOTIFY on the read-model database, and turns them into subscription topics.
 * Each `follow` is one LISTEN connection; when it breaks the run fails and the supervisor opens
 * another, which first announces what the outage missed (see `ReadModelCatchUp`).
 */
export class ReadModelChangeListener implements Follower {
  readonly name = 'change-listener';
  /** When the last connection was found lost; undefined before the first and while one is up. */
  private lostAt: number | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly live: LiveUpdates,
    private readonly onBadNotice: (error: unknown) => void,
    private readonly options: ChangeListenerOptions = {},
  ) {}

  async follow(): Promise<FollowerRun> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: CHANGE_LISTENER_APPLICATION, query_timeout: HEARTBEAT_TIMEOUT_MS });
    let stopping = false;
    let heartbeat: NodeJS.Timeout | undefined;
    let fail: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      fail = (error) => {
        clearInterval(heartbeat);
        this.lostAt ??= Date.now();
        reject(error);
        void client.end().catch(() => undefined);
      };
      client.on('end', () => (stopping ? resolve() : fail(new Error('LISTEN connection closed'))));
    });
    done.catch(() => undefined);
    client.on('error', (error) => fail(error));
    client.on('notification', (message) => {
      try {
        const notice = JSON.parse(message.payload ?? '{}') as ReadModelChangeNotice;
        this.live.onNotice(notice);
      } catch (error) {
        this.onBadNotice(error);
      }
    });
    const catchUp = this.options.catchUp;
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
      // Marked after LISTEN: whatever the projectors commit from here on is announced to this connection.
      const marks = await catchUp?.mark(client);
      if (catchUp && marks && this.lostAt !== undefined) await catchUp.catchUp(this.lostAt, marks);
    } catch (error) {
      stopping = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    this.lostAt = undefined;
    // Notices missed while the connection was down: every open subscription re-reads its job.
    this.live.onAllJobsChanged();
    if (catchUp) heartbeat = setInterval(() => void catchUp.mark(client).catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error)))), this.options.heartbeatMs ?? 5000);
    return {
      done,
      stop: async () => {
        stopping = true;
        clearInterval(heartbeat);
        await client.end();
      },
    };
  }
}
