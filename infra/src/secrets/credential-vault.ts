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

/**
 * Device credentials encrypted at rest with AES-256-GCM, outside the event log: events carry only
 * `secretRef` and a fingerprint. Keys are versioned so a rotation can re-encrypt later.
 */
export class CredentialVault {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly keys: ReadonlyMap<number, Buffer>,
    private readonly currentVersion: number,
  ) {}

  static async open(
    connectionString: string,
    keys: ReadonlyMap<number, Buffer>,
    onPoolError: (error: Error) => void = (error) => process.stderr.write(`netraven: an idle vault connection was closed: ${error.message}\n`),
  ): Promise<CredentialVault> {
    const versions = [...keys.keys()];
    if (versions.length === 0) throw new Error('credential vault: no encryption key configured');
    for (const [version, key] of keys) {
      if (key.length !== 32) throw new Error(`credential vault: key version ${version} must be 32 bytes`);
    }
    const pool = reportConnectionLoss(new pg.Pool({ connectionString, max: 4 }), onPoolError);
    await runSchemaSetup(pool, 'netraven:vault-schema', VAULT_SCHEMA_SQL);
    return new CredentialVault(pool, keys, Math.max(...versions));
  }

  async store(secret: CredentialSecret): Promise<StoredSecretRef> {
    const key = this.key(this.currentVersion);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const plaintext = Buffer.from(JSON.stringify(secret), 'utf8');
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const secretRef = randomUUID();
    await this.pool.query(
      'INSERT INTO vault.secrets (secret_ref, key_version, iv, auth_tag, ciphertext) VALUES ($1, $2, $3, $4, $5)',
      [secretRef, this.currentVersion, iv, cipher.getAuthTag(), ciphertext],
    );
    return { secretRef, fingerprint: this.fingerprint(secret) };
  }

  async reveal(secretRef: string): Promise<CredentialSecret> {
    const { rows } = await this.pool.query<{ key_version: number; iv: Buffer; auth_tag: Buffer; ciphertext: Buffer }>(
      'SELECT key_version, iv, auth_tag, ciphertext FROM vault.secrets WHERE secret_ref = $1',
      [secretRef],
    );
    const row = rows[0];
    if (!row) throw new Error(`credential vault: no secret ${secretRef}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key(row.key_version), row.iv);
    decipher.setAuthTag(row.auth_tag);
    const plaintext = Buffer.concat([decipher.update(row.ciphertext), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as CredentialSecret;
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

  private key(version: number): Buffer {
    const key = this.keys.get(version);
    if (!key) throw new Error(`credential vault: key version ${version} is not configured`);
    return key;
  }
}
