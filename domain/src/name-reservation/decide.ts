import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { requireId, requireName } from '../shared/validation.js';
import type { NameReservationCommand, ReleaseName, ReserveName } from './commands.js';
import type { NamedKind, NameReleased, NameReservationEvent, NameReserved } from './events.js';
import { evolve, initialState, type NameReservationState } from './state.js';

/** The name is held by another owner: the caller learns which, so the message can point at it. */
export class NameTakenError extends IllegalStateError {
  /** The input at fault, as for validation errors. */
  readonly field = 'name';
  constructor(
    readonly kind: NamedKind,
    readonly takenName: string,
    readonly ownerId: string,
    readonly reservedAt: string,
  ) {
    super(`a ${kind} named ${JSON.stringify(takenName)} already exists (id ${ownerId})`);
  }
}

export const reserveName = (kind: NamedKind, command: ReserveName, state: NameReservationState): NameReservationEvent[] => {
  const { name, ownerId, takeOverFrom } = command.data;
  requireName(name);
  requireId(ownerId, 'ownerId');
  const at = command.metadata.now.toISOString();
  const reserved: NameReserved = { type: 'NameReserved', data: { kind, name, ownerId, reservedAt: at } };

  if (state.status === 'Free') return [reserved];
  if (state.ownerId === ownerId) return [];
  if (takeOverFrom === undefined || state.ownerId !== takeOverFrom)
    throw new NameTakenError(kind, state.name, state.ownerId, state.reservedAt);

  const released: NameReleased = {
    type: 'NameReleased',
    data: { kind, name: state.name, ownerId: state.ownerId, reason: 'abandoned', releasedAt: at },
  };
  return [released, reserved];
};

export const releaseName = (kind: NamedKind, command: ReleaseName, state: NameReservationState): NameReleased[] => {
  const { ownerId } = command.data;
  if (state.status === 'Free' || state.ownerId !== ownerId) return [];
  return [
    {
      type: 'NameReleased',
      data: { kind, name: state.name, ownerId, reason: 'released', releasedAt: command.metadata.now.toISOString() },
    },
  ];
};

const nameReservationDecider = (
  kind: NamedKind,
): Decider<NameReservationCommand, NameReservationEvent, NameReservationState> => ({
  decide: (command, state) => {
    switch (command.type) {
      case 'ReserveName':
        return reserveName(kind, command, state);
      case 'ReleaseName':
        return releaseName(kind, command, state);
      default: {
        const _exhaustive: never = command;
        throw new ValidationError(`Unknown name reservation command ${(command as { type: string }).type}`);
      }
    }
  },
  evolve,
  initialState,
  // The id is a digest of the normalized name (computed by the caller), so any name makes a safe stream name.
  streamName: (nameKey) => `${kind}name-${nameKey}`,
});

/** One stream per normalized device name (`devicename-<key>`): two registrations of one name cannot both append to it. */
export const deviceNameDecider = nameReservationDecider('device');
/** One stream per normalized credential name (`credentialname-<key>`). */
export const credentialNameDecider = nameReservationDecider('credential');
/** One stream per normalized username (`username-<key>`): two users cannot share a name, disabled or not. */
export const userNameDecider = nameReservationDecider('user');
