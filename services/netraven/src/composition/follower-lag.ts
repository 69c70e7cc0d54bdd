import type { Kysely } from 'kysely';
import type { EventStore } from '@netraven/infra/eventstore';
import type { FollowerStatus } from '@netraven/infra/supervision';
import { loadCheckpoint, type ReadModelDatabase } from '@netraven/projections';

export interface FollowerLag {
  readonly checkpoint: string | null;
  /** Events of the types it follows that lie after its checkpoint, counted up to `countUpTo`. */
  readonly lag: number;
  readonly lagAtLeast: boolean;
}

/** How far a checkpointed follower is behind the event log; undefined for followers without a checkpoint. */
export async function followerLag(
  status: FollowerStatus,
  parts: { store: EventStore; db: Kysely<ReadModelDatabase> },
  countUpTo: number,
): Promise<FollowerLag | undefined> {
  if (!status.tracks) return undefined;
  const checkpoint = await loadCheckpoint(parts.db, status.tracks.checkpoint);
  const behind = await parts.store.readAll({
    ...(checkpoint ? { after: checkpoint } : {}), filter: { eventTypes: status.tracks.eventTypes }, limit: countUpTo,
  });
  return {
    checkpoint: checkpoint ? `${checkpoint.commit}/${checkpoint.prepare}` : null,
    lag: behind.length,
    lagAtLeast: behind.length === countUpTo,
  };
}
