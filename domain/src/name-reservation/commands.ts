import type { Command } from '../shared/decider.js';

/**
 * Take a name for `ownerId`. `takeOverFrom` names a holder the caller found abandoned
 * (see `isReservationAbandoned`): the name passes over only if that holder still has it.
 */
export type ReserveName = Command<'ReserveName', { name: string; ownerId: string; takeOverFrom?: string }>;
/** Give the name back; only its holder can, and a release by anyone else changes nothing. */
export type ReleaseName = Command<'ReleaseName', { ownerId: string }>;

export type NameReservationCommand = ReserveName | ReleaseName;
