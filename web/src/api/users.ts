import { listOf, type List } from './lists';
import type { Role } from './auth';

export interface User { id: string; username: string; role: Role; tags: string[]; disabled: boolean; external: boolean; createdAt: string }
export const USERS = `query Users { users ${listOf('{ id username role tags disabled external createdAt }')} }`;
export interface UsersData { users: List<User> }

export const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id username } }`;
export const SET_USER_DISABLED = (disabled: boolean): string =>
  disabled ? `mutation Disable($id: ID!) { disableUser(id: $id) { id disabled } }` : `mutation Enable($id: ID!) { enableUser(id: $id) { id disabled } }`;

export interface ApiToken { id: string; name: string; role: Role; tags: string[]; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }
export const API_TOKENS = `query ApiTokens { apiTokens { id name role tags createdAt revokedAt lastUsedAt } }`;
export interface ApiTokensData { apiTokens: ApiToken[] }
export const CREATE_API_TOKEN = `mutation CreateApiToken($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name } } }`;
export interface CreateApiTokenData { createApiToken: { token: string; apiToken: { id: string; name: string } } }
export const REVOKE_API_TOKEN = `mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;
export const UPDATE_USER = `mutation UpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role tags } }`;
