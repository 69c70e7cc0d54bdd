import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { requireId, requireUsername } from '../shared/validation.js';
import type { ChangePassword, CreateUser, DisableUser, EnableUser, RequirePasswordChange, UpdateUser, UserCommand } from './commands.js';
import type { UserEvent } from './events.js';
import { requireRole } from './roles.js';
import { evolve, initialState, type ExistingUser, type UserState } from './state.js';

const requireExisting = (state: UserState): ExistingUser => {
  if (state.status === 'Unknown') throw new IllegalStateError('User does not exist');
  return state;
};

const requireActive = (state: UserState): ExistingUser => {
  const user = requireExisting(state);
  if (user.status === 'Disabled') throw new IllegalStateError(`User ${user.username} is disabled`);
  return user;
};

/** The rules on a new user's data, checked by the use case before the password is hashed. */
export const validateCreateUser = (data: Pick<CreateUser['data'], 'username' | 'role' | 'tags'>): string[] => {
  requireUsername(data.username);
  requireRole(data.role);
  return normalizeTags(data.tags);
};

export const createUser = (command: CreateUser, state: UserState): UserEvent[] => {
  const { userId, username, role, passwordChangeRequired } = command.data;
  requireId(userId, 'userId');
  const tags = validateCreateUser(command.data);
  if (state.status !== 'Unknown') throw new IllegalStateError('User already exists');
  const createdAt = command.metadata.now.toISOString();
  const external = command.data.external === 'oidc' ? { external: 'oidc' as const } : {};
  return [{ type: 'UserCreated', data: { userId, username, role, tags, passwordChangeRequired, createdAt, ...external } }];
};

export const updateUser = (command: UpdateUser, state: UserState): UserEvent[] => {
  const user = requireExisting(state);
  const role = command.data.role === undefined ? user.role : requireRole(command.data.role);
  const tags = command.data.tags === undefined ? [...user.tags] : normalizeTags(command.data.tags);
  if (role === user.role && tags.join('\n') === user.tags.join('\n')) return [];
  return [{ type: 'UserUpdated', data: { userId: user.userId, role, tags, updatedAt: command.metadata.now.toISOString() } }];
};

export const changePassword = (command: ChangePassword, state: UserState): UserEvent[] => {
  const user = requireActive(state);
  return [{ type: 'UserPasswordChanged', data: { userId: user.userId, changedAt: command.metadata.now.toISOString() } }];
};

export const requirePasswordChange = (command: RequirePasswordChange, state: UserState): UserEvent[] => {
  const user = requireExisting(state);
  if (user.passwordChangeRequired) return [];
  return [{ type: 'UserPasswordChangeRequired', data: { userId: user.userId, requiredAt: command.metadata.now.toISOString() } }];
};

export const disableUser = (command: DisableUser, state: UserState): UserEvent[] => {
  const user = requireExisting(state);
  if (user.status === 'Disabled') return [];
  return [{ type: 'UserDisabled', data: { userId: user.userId, disabledAt: command.metadata.now.toISOString() } }];
};

export const enableUser = (command: EnableUser, state: UserState): UserEvent[] => {
  const user = requireExisting(state);
  if (user.status === 'Active') return [];
  return [{ type: 'UserEnabled', data: { userId: user.userId, enabledAt: command.metadata.now.toISOString() } }];
};

export const decide = (command: UserCommand, state: UserState): UserEvent[] => {
  switch (command.type) {
    case 'CreateUser':
      return createUser(command, state);
    case 'UpdateUser':
      return updateUser(command, state);
    case 'ChangePassword':
      return changePassword(command, state);
    case 'RequirePasswordChange':
      return requirePasswordChange(command, state);
    case 'DisableUser':
      return disableUser(command, state);
    case 'EnableUser':
      return enableUser(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown user command ${(command as { type: string }).type}`);
    }
  }
};

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  decide,
  evolve,
  initialState,
  streamName: (userId) => `user-${userId}`,
};
