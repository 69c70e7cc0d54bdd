import type { DomainEvent } from '../shared/decider.js';

/** What a unique name belongs to: device names and credential names are unique each among their own kind. */
export type NamedKind = 'device' | 'credential' | 'user';

/** The name (as typed by its owner) is now taken by `ownerId`; its stream is keyed by the normalized name. */
export type NameReserved = DomainEvent<'NameReserved', { kind: NamedKind; name: string; ownerId: string; reservedAt: string }>;
/** Freed: its owner was decommissioned or deleted, renamed, never came to exist (`abandoned`), or failed to register. */
export type NameReleased = DomainEvent<
  'NameReleased',
  { kind: NamedKind; name: string; ownerId: string; reason: 'released' | 'abandoned'; releasedAt: string }
>;

export type NameReservationEvent = NameReserved | NameReleased;
