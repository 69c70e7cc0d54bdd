import { sql, type Kysely } from 'kysely';
import type { EventStore } from '@netraven/infra/eventstore';
import type { WorkQueue } from '@netraven/infra/queue';
import type { FollowerStatus, Supervisor } from '@netraven/infra/supervision';
import type { ReadModelDatabase } from '@netraven/projections';
import type { ReadinessReport } from '@netraven/gateway';
import { followerLag } from './follower-lag.js';

const CHECK_TIMEOUT_MS = 2_000;
/** Lag is counted up to this many events: enough to tell "catching up" from "far behind" cheaply. */
const LAG_COUNTED_UP_TO = 100;

interface CheckResult {
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

/**
 * `/readyz`: the event store, the read-model database and the work queue answer within a bound,
 * and every supervised follower runs; with each follower's state and how many events it is behind.
 */
export function readinessProbe(parts: { store: EventStore; db: Kysely<ReadModelDatabase>; queue: WorkQueue; supervisor: Supervisor }) {
  return async (): Promise<ReadinessReport> => {
    const [eventStore, readModels, queue] = await Promise.all([
      timed(async () => void (await parts.store.readAll({ limit: 1 }))),
      timed(async () => void (await sql`SELECT 1`.execute(parts.db))),
      timed(() => parts.queue.check()),
    ]);
    const followers = await Promise.all(parts.supervisor.statuses().map((status) => describe(status, parts, readModels.ok && eventStore.ok)));
    const ready = eventStore.ok && readModels.ok && queue.ok && followers.every((f) => f.state === 'running');
    return { ready, checks: { eventStore, readModels, queue: { ...queue, durable: parts.queue.durable } }, followers };
  };
}

async function describe(status: FollowerStatus, parts: { store: EventStore; db: Kysely<ReadModelDatabase> }, canMeasure: boolean) {
  const base = {
    name: status.name, state: status.state, since: status.since.toISOString(), restarts: status.restarts,
    ...(status.lastError ? { lastError: status.lastError, consecutiveFailures: status.consecutiveFailures } : {}),
  };
  if (!status.tracks || !canMeasure) return base;
  try {
    const measured = await withTimeout(followerLag(status, parts, LAG_COUNTED_UP_TO));
    if (!measured) return base;
    return { ...base, checkpoint: measured.checkpoint, lag: measured.lag, ...(measured.lagAtLeast ? { lagAtLeast: true } : {}) };
  } catch (error) {
    return { ...base, lagError: messageOf(error) };
  }
}

async function timed(check: () => Promise<void>): Promise<CheckResult> {
  const started = Date.now();
  try {
    await withTimeout(check());
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, error: messageOf(error) };
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
