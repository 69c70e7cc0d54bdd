import type { Command } from '../shared/decider.js';
import type { Role } from './roles.js';

export type CreateUser = Command<
  'CreateUser',
  { userId: string; username: string; role: Role; tags: string[]; passwordChangeRequired: boolean; external?: 'oidc' }
>;
export type UpdateUser = Command<'UpdateUser', { userId: string; role?: Role; tags?: string[] }>;
/** The new password's hash is already in the auth store; the command records the fact. */
export type ChangePassword = Command<'ChangePassword', { userId: string }>;
export type RequirePasswordChange = Command<'RequirePasswordChange', { userId: string }>;
export type DisableUser = Command<'DisableUser', { userId: string }>;
export type EnableUser = Command<'EnableUser', { userId: string }>;

export type UserCommand = CreateUser | UpdateUser | ChangePassword | RequirePasswordChange | DisableUser | EnableUser;
