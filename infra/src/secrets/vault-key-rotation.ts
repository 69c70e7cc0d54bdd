import type { CredentialVault } from './credential-vault.js';
import { loadVaultKeys, withNewVaultKey, writeVaultKeyFile, type VaultKeys } from './vault-key-file.js';

export interface VaultRotationReport {
  /** The version every secret is encrypted with afterwards. */
  readonly keyVersion: number;
  /** True when this run added the key; false when it finished a rotation an earlier run started. */
  readonly addedKey: boolean;
  readonly reencrypted: number;
}

/**
 * Rotates the vault's key: adds a version to the key file (unless an earlier, interrupted run already
 * did: rows still under an older version mean "finish that one first"), then re-encrypts every secret
 * in batches. Safe to re-run at any point: each batch is its own transaction and only moves rows that
 * are not under the current key yet. Running NetRaven processes keep working throughout: they read the
 * key file again when they meet a version they do not know, and write new secrets under the newest.
 */
export async function rotateVaultKeyFile(
  vault: CredentialVault,
  keyFile: string,
  options: { batchSize?: number; onProgress?: (reencrypted: number) => void } = {},
): Promise<VaultRotationReport> {
  vault.reloadKeys();
  let addedKey = false;
  if ((await vault.countNotUnderCurrentKey()) === 0) {
    writeVaultKeyFile(keyFile, withNewVaultKey(loadVaultKeys({ keyFile })).keys);
    vault.reloadKeys();
    addedKey = true;
  }
  const reencrypted = await reencryptAll(vault, options);
  return { keyVersion: vault.currentVersion, addedKey, reencrypted };
}

/** Moves every secret to the vault's current key version, batch after batch. */
export async function reencryptAll(
  vault: CredentialVault,
  options: { batchSize?: number; onProgress?: (reencrypted: number) => void } = {},
): Promise<number> {
  let total = 0;
  for (;;) {
    const moved = await vault.reencryptBatch(options.batchSize ?? 100);
    if (moved === 0) return total;
    total += moved;
    options.onProgress?.(total);
  }
}

/** For keys from the environment: the keys with a new version, to be set on every process before re-encrypting. */
export function nextEnvironmentKeys(current: VaultKeys): { keys: Map<number, Buffer>; version: number } {
  return withNewVaultKey(current);
}
