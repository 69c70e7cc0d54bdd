import type { DomainEvent } from '../shared/decider.js';
import type { Role } from './roles.js';

/**
 * User events never carry a password or a hash: the hash lives in the auth store, outside the
 * log; the events say only that a password was set or changed, and whether a change is due.
 */
export type UserCreated = DomainEvent<
  'UserCreated',
  {
    userId: string; username: string; role: Role; tags: string[]; passwordChangeRequired: boolean; createdAt: string;
    /** Set for a user an identity provider vouches for (OIDC): it has no local password. */
    external?: 'oidc';
  }
>;
export type UserUpdated = DomainEvent<'UserUpdated', { userId: string; role: Role; tags: string[]; updatedAt: string }>;
export type UserPasswordChanged = DomainEvent<'UserPasswordChanged', { userId: string; changedAt: string }>;
export type UserPasswordChangeRequired = DomainEvent<'UserPasswordChangeRequired', { userId: string; requiredAt: string }>;
export type UserDisabled = DomainEvent<'UserDisabled', { userId: string; disabledAt: string }>;
export type UserEnabled = DomainEvent<'UserEnabled', { userId: string; enabledAt: string }>;

export type UserEvent =
  | UserCreated
  | UserUpdated
  | UserPasswordChanged
  | UserPasswordChangeRequired
  | UserDisabled
  | UserEnabled;
