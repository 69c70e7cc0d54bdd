import type { Kysely } from 'kysely';
import { comparePositions, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { ReadModelDatabase } from '../schema/database.js';
import type { Projector } from './projector.js';
import { loadCheckpoint } from './checkpoints.js';

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
  // Everything up to `position` is settled now: read it as such, so this read cannot see less of it than the last.
  const [next] = await store.readAll({ ...(checkpoint ? { after: checkpoint } : {}), settledUpTo: position, filter: { eventTypes: projector.eventTypes }, limit: 1 });
  return next === undefined;
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
