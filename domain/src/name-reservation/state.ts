import type { NameReservationEvent } from './events.js';

export type NameReservationState =
  | { readonly status: 'Free' }
  | { readonly status: 'Reserved'; readonly name: string; readonly ownerId: string; readonly reservedAt: string };

export const initialState = (): NameReservationState => ({ status: 'Free' });

export const evolve = (state: NameReservationState, event: NameReservationEvent): NameReservationState => {
  switch (event.type) {
    case 'NameReserved':
      return { status: 'Reserved', name: event.data.name, ownerId: event.data.ownerId, reservedAt: event.data.reservedAt };
    case 'NameReleased':
      return state.status === 'Reserved' && state.ownerId === event.data.ownerId ? { status: 'Free' } : state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

/**
 * Names are unique regardless of case and surrounding blanks: "Core-1 " and "core-1" are one name.
 * Unicode is compared in composed form, so "é" typed either way is one letter.
 */
export const normalizeName = (name: string): string => name.trim().normalize('NFC').toLowerCase();
