import type { Role } from './roles.js';
import type { UserEvent } from './events.js';

export interface KnownUser {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly tags: readonly string[];
  readonly passwordChangeRequired: boolean;
}

export type UserState =
  | { readonly status: 'Unknown' }
  | ({ readonly status: 'Active' } & KnownUser)
  | ({ readonly status: 'Disabled' } & KnownUser);

export type ExistingUser = Exclude<UserState, { status: 'Unknown' }>;

export const initialState = (): UserState => ({ status: 'Unknown' });

export const evolve = (state: UserState, event: UserEvent): UserState => {
  if (event.type === 'UserCreated') {
    const { userId, username, role, tags, passwordChangeRequired } = event.data;
    return { status: 'Active', userId, username, role, tags, passwordChangeRequired };
  }
  if (state.status === 'Unknown') return state;
  switch (event.type) {
    case 'UserUpdated':
      return { ...state, role: event.data.role, tags: event.data.tags };
    case 'UserPasswordChanged':
      return { ...state, passwordChangeRequired: false };
    case 'UserPasswordChangeRequired':
      return { ...state, passwordChangeRequired: true };
    case 'UserDisabled':
      return { ...state, status: 'Disabled' };
    case 'UserEnabled':
      return { ...state, status: 'Active' };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
