import { sql, type Kysely, type Selectable } from 'kysely';
import type { CredentialsTable, ReadModelDatabase } from '../schema/database.js';

export type CredentialRow = Selectable<CredentialsTable>;

export function listCredentials(db: Kysely<ReadModelDatabase>): Promise<CredentialRow[]> {
  return db.selectFrom('credentials').selectAll().where('deleted_at', 'is', null).orderBy('name').execute();
}

export function findCredential(db: Kysely<ReadModelDatabase>, id: string): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A credential not deleted whose name equals `normalizedName` once trimmed and lower-cased (advisory, like the device check). */
export function findLiveCredentialNamed(db: Kysely<ReadModelDatabase>, normalizedName: string): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('deleted_at', 'is', null)
    .where(sql<boolean>`lower(btrim(name)) = ${normalizedName}`).limit(1).executeTakeFirst();
}

/**
 * Every live credential a device's backup may try, in one query: the ones it names (its own, the one
 * that last worked) and those sharing a tag with it. The domain's `credentialFallbackOrder` orders them.
 */
export function credentialCandidates(
  db: Kysely<ReadModelDatabase>,
  device: { credentialIds: readonly string[]; tags: readonly string[] },
): Promise<CredentialRow[]> {
  return db.selectFrom('credentials').selectAll().where('deleted_at', 'is', null)
    .where(sql<boolean>`(id = any(${[...device.credentialIds]}::text[]) or tags && ${[...device.tags]}::text[])`)
    .execute();
}
