/**
 * Where the holder of a reservation stands in its own stream: it carries the name, it is gone for
 * good (decommissioned or deleted), or it does not carry the name (not created yet, or renamed).
 */
export type HolderStanding = 'holds-name' | 'retired' | 'not-holding';

/** A reservation is taken before its owner is written; this long its owner may still be on the way. */
export const RESERVATION_GRACE_MS = 60_000;

/**
 * A reservation outlives its purpose when a use case stopped half-way (a crash between reserving
 * and registering, between decommissioning and releasing, or in a rename). It may then be taken
 * over: at once if its holder is retired, after the grace period if the holder simply does not
 * carry the name, never while the holder does.
 */
export const isReservationAbandoned = (
  reservedAt: string,
  holder: HolderStanding,
  now: Date,
  graceMs: number = RESERVATION_GRACE_MS,
): boolean => {
  if (holder === 'holds-name') return false;
  if (holder === 'retired') return true;
  return now.getTime() - Date.parse(reservedAt) > graceMs;
};
