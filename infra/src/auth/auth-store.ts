import pg from 'pg';
import { runSchemaSetup } from '../db/schema-setup.js';
import { reportConnectionLoss } from '../db/pool-errors.js';

const AUTH_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.passwords (
  user_id text PRIMARY KEY,
  hash text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS auth.refresh_tokens (
  token_digest text PRIMARY KEY,
  family_id text NOT NULL,
  user_id text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON auth.refresh_tokens (family_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_user ON auth.refresh_tokens (user_id);
CREATE TABLE IF NOT EXISTS auth.api_tokens (
  token_id text PRIMARY KEY,
  token_digest text NOT NULL UNIQUE,
  last_used_at timestamptz
);
CREATE TABLE IF NOT EXISTS auth.sign_in_failures (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sign_in_failures_user ON auth.sign_in_failures (username, at);
CREATE INDEX IF NOT EXISTS sign_in_failures_address ON auth.sign_in_failures (address, at);
CREATE TABLE IF NOT EXISTS auth.external_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id text NOT NULL,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (issuer, subject)
);`;

export type RefreshOutcome =
  | { readonly status: 'rotated'; readonly userId: string; readonly familyId: string }
  /** A token already rotated was presented again: someone holds a copy. Its whole family is revoked. */
  | { readonly status: 'reused'; readonly userId: string; readonly familyId: string }
  | { readonly status: 'invalid' };

/** How often a token's last-used time is written, at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The secrets of sign-in, outside the event log and the read models: argon2id password hashes,
 * SHA-256 digests of refresh and API tokens (never the tokens), and recent failed sign-ins for
 * throttling. Owned by this adapter alone, in the `auth` schema.
 */
export class AuthStore {
  private readonly lastUsedWritten = new Map<string, number>();

  private constructor(private readonly pool: pg.Pool) {}

  static async open(
    connectionString: string,
    onPoolError: (error: Error) => void = (error) => process.stderr.write(`netraven: an idle auth connection was closed: ${error.message}\n`),
  ): Promise<AuthStore> {
    const pool = reportConnectionLoss(new pg.Pool({ connectionString, max: 4 }), onPoolError);
    await runSchemaSetup(pool, 'netraven:auth-schema', AUTH_SCHEMA_SQL);
    return new AuthStore(pool);
  }

  async setPasswordHash(userId: string, hash: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO auth.passwords (user_id, hash, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET hash = EXCLUDED.hash, updated_at = EXCLUDED.updated_at`,
      [userId, hash, now],
    );
  }

  /** Sets the first password of a user that has none; false when one was there already (another process was first). */
  async setInitialPasswordHash(userId: string, hash: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO auth.passwords (user_id, hash, updated_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING',
      [userId, hash, now],
    );
    return rowCount === 1;
  }

  async passwordHash(userId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ hash: string }>('SELECT hash FROM auth.passwords WHERE user_id = $1', [userId]);
    return rows[0]?.hash;
  }

  async storeRefreshToken(token: { digest: string; familyId: string; userId: string; issuedAt: Date; expiresAt: Date }): Promise<void> {
    await this.pool.query(
      'INSERT INTO auth.refresh_tokens (token_digest, family_id, user_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [token.digest, token.familyId, token.userId, token.issuedAt, token.expiresAt],
    );
  }

  /**
   * Exchanges a refresh token for its successor in the same family, in one transaction: the old one
   * is marked rotated, so presenting it again is recognised as reuse and revokes the family.
   */
  async rotateRefreshToken(digest: string, next: { digest: string; expiresAt: Date }, now: Date): Promise<RefreshOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ family_id: string; user_id: string; expires_at: Date; rotated_at: Date | null; revoked_at: Date | null }>(
        'SELECT family_id, user_id, expires_at, rotated_at, revoked_at FROM auth.refresh_tokens WHERE token_digest = $1 FOR UPDATE',
        [digest],
      );
      const row = rows[0];
      let outcome: RefreshOutcome;
      if (!row || row.revoked_at !== null || row.expires_at <= now) {
        outcome = { status: 'invalid' };
      } else if (row.rotated_at !== null) {
        await client.query('UPDATE auth.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id, now]);
        outcome = { status: 'reused', userId: row.user_id, familyId: row.family_id };
      } else {
        await client.query('UPDATE auth.refresh_tokens SET rotated_at = $2 WHERE token_digest = $1', [digest, now]);
        await client.query(
          'INSERT INTO auth.refresh_tokens (token_digest, family_id, user_id, issued_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
          [next.digest, row.family_id, row.user_id, now, next.expiresAt],
        );
        outcome = { status: 'rotated', userId: row.user_id, familyId: row.family_id };
      }
      await client.query('COMMIT');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A session (refresh-token family) is live while one of its tokens is neither revoked nor expired. */
  async isFamilyActive(familyId: string, now: Date): Promise<boolean> {
    const { rows } = await this.pool.query(
      'SELECT 1 FROM auth.refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > $2 LIMIT 1',
      [familyId, now],
    );
    return rows.length > 0;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.pool.query('UPDATE auth.refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [familyId, now]);
  }

  /** Every session of a user (disabled, or its password changed); returns the families revoked. */
  async revokeUserSessions(userId: string, now: Date, exceptFamilyId?: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ family_id: string }>(
      `UPDATE auth.refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND family_id <> $3
       RETURNING family_id`,
      [userId, now, exceptFamilyId ?? ''],
    );
    return [...new Set(rows.map((r) => r.family_id))];
  }

  async storeApiToken(tokenId: string, digest: string): Promise<void> {
    await this.pool.query('INSERT INTO auth.api_tokens (token_id, token_digest) VALUES ($1, $2)', [tokenId, digest]);
  }

  async findApiTokenId(digest: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ token_id: string }>('SELECT token_id FROM auth.api_tokens WHERE token_digest = $1', [digest]);
    return rows[0]?.token_id;
  }

  /** A revoked token's digest is deleted, so it stops working at once, whatever the read model says. */
  async deleteApiToken(tokenId: string): Promise<void> {
    await this.pool.query('DELETE FROM auth.api_tokens WHERE token_id = $1', [tokenId]);
  }

  /**
   * Records a use; written at most once a minute per token (per process, and guarded in SQL across
   * processes). True when this call wrote it: the one use of that minute worth an audit event.
   */
  async touchApiToken(tokenId: string, now: Date): Promise<boolean> {
    const last = this.lastUsedWritten.get(tokenId);
    if (last !== undefined && now.getTime() - last < LAST_USED_RESOLUTION_MS) return false;
    this.lastUsedWritten.set(tokenId, now.getTime());
    const { rowCount } = await this.pool.query(
      `UPDATE auth.api_tokens SET last_used_at = $2
       WHERE token_id = $1 AND (last_used_at IS NULL OR last_used_at <= $2::timestamptz - interval '1 minute')`,
      [tokenId, now],
    );
    return rowCount === 1;
  }

  async apiTokensLastUsed(tokenIds: readonly string[]): Promise<Map<string, Date>> {
    if (tokenIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ token_id: string; last_used_at: Date | null }>(
      'SELECT token_id, last_used_at FROM auth.api_tokens WHERE token_id = ANY($1::text[])', [[...tokenIds]]);
    return new Map(rows.flatMap((r) => (r.last_used_at ? [[r.token_id, r.last_used_at] as const] : [])));
  }

  async recordSignInFailure(username: string, address: string, at: Date): Promise<void> {
    await this.pool.query('INSERT INTO auth.sign_in_failures (username, address, at) VALUES ($1, $2, $3)', [username, address, at]);
  }

  /** Failed sign-ins since `since`, for this username and for this address. */
  async recentFailures(username: string, address: string, since: Date): Promise<{ byUser: number; byAddress: number }> {
    const { rows } = await this.pool.query<{ by_user: string; by_address: string }>(
      `SELECT (SELECT count(*) FROM auth.sign_in_failures WHERE username = $1 AND at > $3) AS by_user,
              (SELECT count(*) FROM auth.sign_in_failures WHERE address = $2 AND at > $3) AS by_address`,
      [username, address, since],
    );
    return { byUser: Number(rows[0]?.by_user ?? 0), byAddress: Number(rows[0]?.by_address ?? 0) };
  }

  /** A successful sign-in forgets the user's failures (the address's stay: they may be guessing other names). */
  async clearFailures(username: string): Promise<void> {
    await this.pool.query('DELETE FROM auth.sign_in_failures WHERE username = $1', [username]);
  }

  /** Forgets failed sign-ins older than `before` (they no longer count for throttling), a batch at a time; how many went. */
  async deleteSignInFailuresBefore(before: Date, batch = 10_000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        'DELETE FROM auth.sign_in_failures WHERE id IN (SELECT id FROM auth.sign_in_failures WHERE at < $1 LIMIT $2)', [before, batch]);
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < batch) return deleted;
    }
  }

  /** The NetRaven user an identity provider's subject (`sub`) signs in as, if it signed in before. */
  async externalUser(issuer: string, subject: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ user_id: string }>('SELECT user_id FROM auth.external_identities WHERE issuer = $1 AND subject = $2', [issuer, subject]);
    return rows[0]?.user_id;
  }

  async linkExternalUser(issuer: string, subject: string, userId: string, now: Date): Promise<void> {
    await this.pool.query(
      'INSERT INTO auth.external_identities (issuer, subject, user_id, linked_at) VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject) DO NOTHING',
      [issuer, subject, userId, now],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
