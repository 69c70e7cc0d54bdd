import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Vault keys, versioned: `NETRAVEN_VAULT_KEY` holds one base64 key (version 1) or several as
 * `1:<base64>,2:<base64>`; the key file (standalone mode, owner-only) holds one per line, `<version>:<base64>`
 * (a bare line is version 1, the format before rotation existed). The highest version encrypts; every
 * listed version decrypts, which is what lets a rotation re-encrypt while NetRaven runs.
 */
export type VaultKeys = ReadonlyMap<number, Buffer>;

export function loadVaultKeys(options: { envKey?: string | undefined; keyFile: string }): Map<number, Buffer> {
  if (options.envKey) return parseVaultKeys(options.envKey.split(','), 'NETRAVEN_VAULT_KEY');
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, `1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return parseVaultKeys(readFileSync(options.keyFile, 'utf8').split('\n'), options.keyFile);
}

/** `NETRAVEN_VAULT_KEY`'s value for these keys (every version, so readers accept all of them). */
export function formatVaultKeys(keys: VaultKeys): string {
  return [...keys].sort(([a], [b]) => a - b).map(([version, key]) => `${version}:${key.toString('base64')}`).join(',');
}

/** A new random key one version above the highest. */
export function withNewVaultKey(keys: VaultKeys): { keys: Map<number, Buffer>; version: number } {
  const version = Math.max(0, ...keys.keys()) + 1;
  return { keys: new Map([...keys, [version, randomBytes(32)]]), version };
}

/** Replaces the key file in one rename, so a reader never sees half a file. */
export function writeVaultKeyFile(keyFile: string, keys: VaultKeys): void {
  const temporary = `${keyFile}.${process.pid}.tmp`;
  writeFileSync(temporary, formatVaultKeys(keys).split(',').join('\n') + '\n', { mode: 0o600 });
  renameSync(temporary, keyFile);
}

function parseVaultKeys(entries: readonly string[], source: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  for (const entry of entries.map((e) => e.trim()).filter((e) => e !== '')) {
    const match = /^(\d+):(.+)$/.exec(entry);
    const version = match ? Number(match[1]) : 1;
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`${source}: key versions are whole numbers from 1`);
    if (keys.has(version)) throw new Error(`${source}: key version ${version} is listed twice`);
    keys.set(version, decode(match ? match[2]! : entry, source));
  }
  if (keys.size === 0) throw new Error(`${source}: no vault key`);
  return keys;
}

function decode(value: string, source: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${source}: the vault key must be 32 bytes, base64-encoded`);
  return key;
}
