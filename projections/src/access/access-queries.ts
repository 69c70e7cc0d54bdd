import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApiTokensTable, ReadModelDatabase, UsersTable } from '../schema/database.js';

export type UserRow = Selectable<UsersTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export function listUsers(db: Kysely<ReadModelDatabase>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export function findUser(db: Kysely<ReadModelDatabase>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Usernames compare trimmed and case-insensitively, as the reservation does. */
export function findUserNamed(db: Kysely<ReadModelDatabase>, normalizedName: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql<boolean>`lower(btrim(username)) = ${normalizedName}`).limit(1).executeTakeFirst();
}

/** Tokens created by `createdBy`, or every token when it is undefined; revoked ones included. */
export function listApiTokens(db: Kysely<ReadModelDatabase>, createdBy?: string): Promise<ApiTokenRow[]> {
  let query = db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id');
  if (createdBy !== undefined) query = query.where('created_by', '=', createdBy);
  return query.execute();
}

export function findApiToken(db: Kysely<ReadModelDatabase>, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}
