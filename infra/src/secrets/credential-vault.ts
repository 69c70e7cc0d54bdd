import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { runSchemaSetup } from '../db/schema-setup.js';
import { reportConnectionLoss } from '../db/pool-errors.js';

export interface CredentialSecret {
  readonly username: string;
  readonly password: string;
  readonly enablePassword?: string;
}

export interface StoredSecretRef {
  readonly secretRef: string;
  /** HMAC of the secret under a key derived from the vault key: shows a change, reveals nothing. */
  readonly fingerprint: string;
}

const VAULT_SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS vault;
CREATE TABLE IF NOT EXISTS vault.secrets (
  secret_ref uuid PRIMARY KEY,
  key_version integer NOT NULL,
  iv bytea NOT NULL,
  auth_tag bytea NOT NULL,
  ciphertext bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);`;

/** Where the vault's keys come from: fixed, or re-read (the key file) so a rotation reaches a running process. */
export type VaultKeySource = ReadonlyMap<number, Buffer> | (() => ReadonlyMap<number, Buffer>);

interface SecretRow {
  secret_ref: string;
  key_version: number;
  iv: Buffer;
  auth_tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Device credentials encrypted at rest with AES-256-GCM, outside the event log: events carry only
 * `secretRef` and a fingerprint. Keys are versioned: the highest encrypts, every configured one decrypts,
 * and a row met under a version this process does not know yet makes it re-read its key source (a
 * rotation in progress). `reencryptBatch` moves rows to the highest version.
 */
export class CredentialVault {
  private keys: ReadonlyMap<number, Buffer>;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly source: VaultKeySource,
  ) {
    this.keys = CredentialVault.checked(typeof source === 'function' ? source() : source);
  }

  static async open(
    connectionString: string,
    keys: VaultKeySource,
    onPoolError: (error: Error) => void = (error) => process.stderr.write(`netraven: an idle vault connection was closed: ${error.message}\n`),
  ): Promise<CredentialVault> {
    const vault = new CredentialVault(reportConnectionLoss(new pg.Pool({ connectionString, max: 4 }), onPoolError), keys);
    await runSchemaSetup(vault.pool, 'netraven:vault-schema', VAULT_SCHEMA_SQL);
    return vault;
  }

  /** The version new secrets are encrypted with. */
  get currentVersion(): number {
    return Math.max(...this.keys.keys());
  }

  /** Re-reads the key source (a no-op for fixed keys). */
  reloadKeys(): void {
    if (typeof this.source === 'function') this.keys = CredentialVault.checked(this.source());
  }

  async store(secret: CredentialSecret): Promise<StoredSecretRef> {
    // Creating credentials is rare; re-reading the key file first means a rotated key is used at once.
    this.reloadKeys();
    const version = this.currentVersion;
    const sealed = this.encrypt(secret, version);
    const secretRef = randomUUID();
    await this.pool.query(
      'INSERT INTO vault.secrets (secret_ref, key_version, iv, auth_tag, ciphertext) VALUES ($1, $2, $3, $4, $5)',
      [secretRef, version, sealed.iv, sealed.authTag, sealed.ciphertext],
    );
    return { secretRef, fingerprint: this.fingerprint(secret) };
  }

  async reveal(secretRef: string): Promise<CredentialSecret> {
    const { rows } = await this.pool.query<SecretRow>(
      'SELECT secret_ref, key_version, iv, auth_tag, ciphertext FROM vault.secrets WHERE secret_ref = $1',
      [secretRef],
    );
    const row = rows[0];
    if (!row) throw new Error(`credential vault: no secret ${secretRef}`);
    if (!this.keys.has(row.key_version)) this.reloadKeys();
    return this.decrypt(row);
  }

  /** Secrets encrypted under another version than the current one. */
  async countNotUnderCurrentKey(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM vault.secrets WHERE key_version <> $1', [this.currentVersion]);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Re-encrypts up to `batchSize` secrets that are not under the current key, in one short transaction
   * (rows locked with SKIP LOCKED, so two rotations never fight over a row); returns how many moved.
   * Each row changes atomically: a reader sees the old or the new version, both of which it can read.
   */
  async reencryptBatch(batchSize: number): Promise<number> {
    const version = this.currentVersion;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<SecretRow>(
        `SELECT secret_ref, key_version, iv, auth_tag, ciphertext FROM vault.secrets
          WHERE key_version <> $1 ORDER BY secret_ref LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [version, batchSize],
      );
      for (const row of rows) {
        const sealed = this.encrypt(this.decrypt(row), version);
        await client.query('UPDATE vault.secrets SET key_version = $2, iv = $3, auth_tag = $4, ciphertext = $5 WHERE secret_ref = $1',
          [row.secret_ref, version, sealed.iv, sealed.authTag, sealed.ciphertext]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Deletes a secret no credential refers to any more (superseded by a rotation). */
  async discard(secretRef: string): Promise<void> {
    await this.pool.query('DELETE FROM vault.secrets WHERE secret_ref = $1', [secretRef]);
  }

  fingerprint(secret: CredentialSecret): string {
    const fingerprintKey = createHmac('sha256', this.key(this.currentVersion)).update('fingerprint').digest();
    return createHmac('sha256', fingerprintKey).update(JSON.stringify(secret)).digest('hex').slice(0, 16);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private encrypt(secret: CredentialSecret, version: number): { iv: Buffer; authTag: Buffer; ciphertext: Buffer } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(version), iv);
    const ciphertext = Buffer.concat([cipher.update(Buffer.from(JSON.stringify(secret), 'utf8')), cipher.final()]);
    return { iv, authTag: cipher.getAuthTag(), ciphertext };
  }

  private decrypt(row: SecretRow): CredentialSecret {
    const decipher = createDecipheriv('aes-256-gcm', this.key(row.key_version), row.iv);
    decipher.setAuthTag(row.auth_tag);
    const plaintext = Buffer.concat([decipher.update(row.ciphertext), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as CredentialSecret;
  }

  private static checked(keys: ReadonlyMap<number, Buffer>): ReadonlyMap<number, Buffer> {
    if (keys.size === 0) throw new Error('credential vault: no encryption key configured');
    for (const [version, key] of keys) {
      if (key.length !== 32) throw new Error(`credential vault: key version ${version} must be 32 bytes`);
    }
    return keys;
  }

  private key(version: number): Buffer {
    const key = this.keys.get(version);
    if (!key) throw new Error(`credential vault: key version ${version} is not configured`);
    return key;
  }
}
