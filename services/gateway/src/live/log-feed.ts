import type { Actor, LiveQueries, LogQueryFilter } from '@netraven/application';
import { positionOfLog, type LogPosition, type LogRow } from '@netraven/projections';

/** Lines one query hands over at most; a longer backlog is read in several. */
const LOG_READ_LIMIT = 1000;
/**
 * How long a scoped reader keeps looking back. A tag-scoped reader sees a job's line only once the job's row (and
 * its devices' tags) are projected, and those projectors commit apart from the logs projector: a line read before
 * them is invisible at that read, visible a moment later. Lines are looked for again until this long after they
 * were the newest, then passed for good (those are out of scope).
 */
export const SCOPE_SETTLE_MS = 5_000;

export interface LogFeedReader {
  readonly read: () => Promise<LogRow[]>;
  /** Reads again when another projection commits, not only the logs: a scoped reader may now see more. */
  readonly rereadsOnOtherProjections: boolean;
}

/**
 * The `logAdded` read shared by a feed's subscribers. The newest line's place first, then the matching lines up to
 * it: the place moves past lines that do not match too, so a narrow filter does not scan the same lines at every
 * notice. A scoped feed moves its place only to a head seen `SCOPE_SETTLE_MS` ago, and never hands a line over twice.
 */
export async function logFeedReader(queries: LiveQueries, actor: () => Actor, filter: LogQueryFilter, clock: () => number = Date.now): Promise<LogFeedReader> {
  let after = await queries.logStart(actor());
  const scoped = actor().tags.length > 0;
  const heads: Array<{ head: LogPosition; at: number }> = [];
  const handedOver = new Map<string, LogPosition>();

  const linesUpTo = async (head: LogPosition): Promise<LogRow[]> => {
    const rows: LogRow[] = [];
    let from = after;
    for (;;) {
      const batch = (await queries.logsAdded(actor(), filter, from, LOG_READ_LIMIT)).filter((row) => !isAfter(positionOfLog(row), head));
      rows.push(...batch);
      const last = batch.at(-1);
      if (!last || batch.length < LOG_READ_LIMIT) return rows;
      from = positionOfLog(last);
    }
  };

  const read = async (): Promise<LogRow[]> => {
    const head = await queries.logStart(actor());
    const rows = await linesUpTo(head);
    if (!scoped) {
      after = head;
      return rows;
    }
    const fresh = rows.filter((row) => !handedOver.has(row.id));
    for (const row of fresh) handedOver.set(row.id, positionOfLog(row));
    const now = clock();
    heads.push({ head, at: now });
    for (let oldest = heads[0]; oldest && now - oldest.at >= SCOPE_SETTLE_MS; oldest = heads[0]) {
      after = oldest.head;
      heads.shift();
    }
    // The next read starts after `after`: lines up to it are not read again, so need not be remembered.
    for (const [id, position] of handedOver) if (!isAfter(position, after)) handedOver.delete(id);
    return fresh;
  };
  return { read, rereadsOnOtherProjections: scoped };
}

export const isAfter = (a: LogPosition, b: LogPosition): boolean => {
  const commit = BigInt(a.commit) - BigInt(b.commit);
  if (commit !== 0n) return commit > 0n;
  const prepare = BigInt(a.prepare) - BigInt(b.prepare);
  if (prepare !== 0n) return prepare > 0n;
  return a.seq > b.seq;
};
