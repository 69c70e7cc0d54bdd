import pg from 'pg';
import type { Follower, FollowerRun } from '@netraven/infra/supervision';
import type { LiveUpdates, ReadModelChangeNotice } from './live-updates.js';

export const READ_MODEL_CHANNEL = 'netraven_readmodel_changed';

/**
 * A gateway running apart from the projector (distributed mode) hears of read-model changes via
 * Postgres LISTEN/NOTIFY on the read-model database, and turns them into subscription topics.
 * Each `follow` is one LISTEN connection; when it breaks the run fails and the supervisor opens another.
 */
export class ReadModelChangeListener implements Follower {
  readonly name = 'change-listener';

  constructor(
    private readonly connectionString: string,
    private readonly live: LiveUpdates,
    private readonly onBadNotice: (error: unknown) => void,
  ) {}

  async follow(): Promise<FollowerRun> {
    const client = new pg.Client({ connectionString: this.connectionString });
    let stopping = false;
    let fail: (error: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      fail = reject;
      client.on('end', () => (stopping ? resolve() : reject(new Error('LISTEN connection closed'))));
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
    try {
      await client.connect();
      await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
    } catch (error) {
      stopping = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    // Notices missed while the connection was down: every open subscription re-reads its job.
    this.live.onAllJobsChanged();
    return {
      done,
      stop: async () => {
        stopping = true;
        await client.end();
      },
    };
  }
}
