import type { Kysely } from 'kysely';
import { comparePositions, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';
import type { Projector } from './projector.js';
import { loadCheckpoint } from './checkpoints.js';

/**
 * A stretch of the settled log, (after, upTo], proven to hold no event of a projector's types, per store:
 * the next proof for a later position then reads only past it. Without it each proof read every event since
 * the projector's last one, and a projector of rare events (webhooks, devices) fell further behind with every
 * event of a large job: a webhook matcher's wait per batch grew with the job.
 */
interface EmptyStretch {
  readonly after: Position | undefined;
  readonly upTo: Position;
}

const emptyStretches = new WeakMap<EventStore, Map<string, EmptyStretch>>();

/** Where a proof for this checkpoint may start reading: past a known empty stretch that begins at or before it. */
function proofStart(known: EmptyStretch | undefined, checkpoint: Position | undefined): Position | undefined {
  if (!known) return checkpoint;
  const coversCheckpoint = known.after === undefined || (checkpoint !== undefined && comparePositions(checkpoint, known.after) >= 0);
  if (!coversCheckpoint) return checkpoint;
  return checkpoint !== undefined && comparePositions(checkpoint, known.upTo) > 0 ? checkpoint : known.upTo;
}

/**
 * True when the projector has applied every event of its types up to `position`. Its checkpoint
 * alone cannot tell: it only moves on the projector's own event types.
 */
export async function isCaughtUp(
  db: Kysely<ReadModelDatabase>,
  store: EventStore,
  projector: Projector,
  position: Position,
): Promise<boolean> {
  const checkpoint = await loadCheckpoint(db, projector.name);
  if (checkpoint && comparePositions(checkpoint, position) >= 0) return true;
  // Readers see the log only up to the oldest transaction still in flight: until `position` itself
  // is readable, "no event of mine before it" proves nothing.
  const [atPosition] = await store.readAll({ after: { commit: position.commit, prepare: position.prepare - 1n }, limit: 1 });
  if (!atPosition || comparePositions(atPosition.position, position) < 0) return false;
  const stretches = emptyStretches.get(store) ?? new Map<string, EmptyStretch>();
  emptyStretches.set(store, stretches);
  const known = stretches.get(projector.name);
  const start = proofStart(known, checkpoint);
  // Everything up to `position` is settled now: read it as such, so this read cannot see less of it than the last.
  const [next] = await store.readAll({ ...(start ? { after: start } : {}), settledUpTo: position, filter: { eventTypes: projector.eventTypes }, limit: 1 });
  if (next !== undefined) return false;
  const upTo = start && comparePositions(start, position) > 0 ? start : position;
  stretches.set(projector.name, { after: checkpoint, upTo });
  return true;
}

export async function waitUntilCaughtUp(
  db: Kysely<ReadModelDatabase>,
  store: EventStore,
  projector: Projector,
  position: Position,
  options: { timeoutMs: number; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await isCaughtUp(db, store, projector, position))) {
    if (Date.now() > deadline) {
      throw new Error(`projection ${projector.name} did not catch up to ${position.commit}/${position.prepare} within ${options.timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 20));
  }
}

/**
 * Waits until the projector has applied every event of its types appended so far (as far as the
 * log is readable): for start-up work that must see the whole read model, not one position.
 */
export async function waitUntilDrained(
  db: Kysely<ReadModelDatabase>,
  store: EventStore,
  projector: Projector,
  options: { timeoutMs: number; pollMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const checkpoint = await loadCheckpoint(db, projector.name);
    const [next] = await store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), filter: { eventTypes: projector.eventTypes }, limit: 1 });
    if (next === undefined) return;
    if (Date.now() > deadline) throw new Error(`projection ${projector.name} did not drain within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}
