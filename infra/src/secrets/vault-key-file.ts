import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The vault key: from NETRAVEN_VAULT_KEY (base64, 32 bytes) in production; in standalone mode a
 * key file created once under the data directory with owner-only permissions.
 */
export function loadVaultKeys(options: { envKey?: string | undefined; keyFile: string }): Map<number, Buffer> {
  if (options.envKey) return new Map([[1, decode(options.envKey, 'NETRAVEN_VAULT_KEY')]]);
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return new Map([[1, decode(readFileSync(options.keyFile, 'utf8').trim(), options.keyFile)]]);
}

function decode(value: string, source: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${source}: the vault key must be 32 bytes, base64-encoded`);
  return key;
}
