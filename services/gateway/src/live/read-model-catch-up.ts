import { comparePositions, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import type { LiveUpdates } from './live-updates.js';

/** The projections whose batches are announced (`noticesOf`): jobs, devices, log lines. */
export const ANNOUNCED_PROJECTIONS = ['jobs', 'devices', 'logs'] as const;

/** Where each announced projection stood at one moment. */
export type ProjectionMarks = ReadonlyMap<string, Position>;

/** Runs one statement on the listening connection (a `pg.Client`). */
export interface MarkSource {
  query(text: string, values: unknown[]): Promise<{ rows: Array<{ projection: string; position_commit: string; position_prepare: string }> }>;
}

export interface CatchUpOptions {
  /**
   * How long before the outage was noticed its catch-up starts. A projector announces a batch just
   * after committing it, so a notice can still be on its way when its checkpoint is already
   * visible; the catch-up reaches back this far before the last mark the lost connection read, so
   * such a notice is announced again rather than lost (a change announced twice only re-sends rows).
   */
  readonly graceMs: number;
  /** Events read per page of the catch-up. */
  readonly batchSize: number;
}

const DEFAULTS: CatchUpOptions = { graceMs: 30_000, batchSize: 1000 };

/**
 * What a gateway apart from the projector missed while its LISTEN connection was down.
 *
 * While the connection is up, the listener marks where the announced projections stand (their
 * checkpoints, read on the listening connection itself). After a reconnect, it marks again and
 * announces, as the projector would have, every event those projections took in between: the
 * subscribers' reads then re-read the jobs and devices those events named, and the log readers
 * read on from their own place. Nothing projected during the outage is lost; a change near its
 * edges may be sent twice, as the current state of the row.
 */
export class ReadModelCatchUp {
  private readonly marks: Array<{ readonly at: number; readonly positions: ProjectionMarks }> = [];
  private readonly options: CatchUpOptions;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly live: LiveUpdates,
    options: Partial<CatchUpOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Reads and keeps where the announced projections stand now. */
  async mark(source: MarkSource): Promise<ProjectionMarks> {
    const { rows } = await source.query(
      'SELECT projection, position_commit, position_prepare FROM projection_checkpoints WHERE projection = ANY($1)',
      [[...ANNOUNCED_PROJECTIONS]],
    );
    const positions = new Map(rows.map((row) => [row.projection, { commit: BigInt(row.position_commit), prepare: BigInt(row.position_prepare) }] as const));
    const at = this.now();
    this.marks.push({ at, positions });
    // Keep the newest mark older than the grace period and every newer one: a catch-up needs no older.
    while (this.marks.length > 1 && (this.marks[1]?.at ?? at) <= at - 2 * this.options.graceMs) this.marks.shift();
    return positions;
  }

  /**
   * After an outage noticed at `lostAt`: announces what the projections took from the last mark
   * before `lostAt - graceMs` (or the oldest kept) up to `upTo`, the mark read after reconnecting.
   */
  async catchUp(lostAt: number, upTo: ProjectionMarks): Promise<void> {
    const from = [...this.marks].reverse().find((m) => m.at <= lostAt - this.options.graceMs) ?? this.marks[0];
    if (!from) return;
    const ranges = ANNOUNCED_PROJECTIONS.flatMap((projection) => {
      const start = from.positions.get(projection);
      const end = upTo.get(projection);
      return start && end && comparePositions(start, end) < 0 ? [{ projection, start, end }] : [];
    });
    if (ranges.length === 0) return;
    let after = ranges.map((r) => r.start).reduce((a, b) => (comparePositions(a, b) <= 0 ? a : b));
    const last = ranges.map((r) => r.end).reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
    for (;;) {
      const events = await this.store.readAll({ after, settledUpTo: last, limit: this.options.batchSize });
      for (const { projection, start, end } of ranges) {
        const taken = events.filter((e) => comparePositions(e.position, start) > 0 && comparePositions(e.position, end) <= 0);
        if (taken.length > 0) this.live.onReadModelChange({ projection, events: taken });
      }
      const final: RecordedEvent | undefined = events.at(-1);
      if (!final || events.length < this.options.batchSize) return;
      after = final.position;
    }
  }
}
