import type { Kysely } from 'kysely';
import { credentialFallbackOrder, loginVerdictOf, type CredentialTry, type FailureCategory } from '@netraven/domain';
import { credentialCandidates, type CredentialRow, type DeviceRow, type ReadModelDatabase } from '@netraven/projections';
import type { CaptureTarget, DeviceCapture } from '../capture/index.js';
import type { CategorizeError } from './capture-with-retry.js';
import type { SecretSource } from './revealed-secrets.js';

/** A device whose credentials are all gone fails with category `config`, not as a crash. */
export class CredentialMissingError extends Error {
  override readonly name = 'CredentialMissingError';
}

export type FallbackCapture<T = DeviceCapture> =
  | { readonly ok: true; readonly captured: T; readonly credentialId: string; readonly tried: CredentialTry[] }
  | { readonly ok: false; readonly error: unknown; readonly category: FailureCategory; readonly tried: CredentialTry[] };

export interface CredentialFallbackDependencies {
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: SecretSource;
  readonly categorize: CategorizeError;
}

/**
 * Logs in to a device with one credential after the other (`credentialFallbackOrder`: the one that last
 * worked, its own, then tag credentials by priority) until the device accepts one. Only a refused login
 * (`auth`) moves on: an unreachable device or a timeout says nothing about the credential, and trying the
 * next one would only hammer the device. The job log names each credential tried, never its secret.
 * Costs one read-model query for the candidates (none when the caller passes them) and one vault read per credential tried
 * (none when `vault` is the worker's `RevealedSecrets` and another task just read it).
 */
export async function captureWithFallback<T = DeviceCapture>(
  deps: CredentialFallbackDependencies,
  device: DeviceRow,
  capture: (target: CaptureTarget) => Promise<T>,
  log: (level: 'info' | 'warn', message: string) => void,
  /** The candidates when the caller read them already (the worker's `backupTaskView`); read here otherwise. */
  known?: readonly CredentialRow[],
): Promise<FallbackCapture<T>> {
  const candidates = known ?? await credentialCandidates(deps.db, {
    credentialIds: [device.credential_id, ...(device.confirmed_credential_id ? [device.confirmed_credential_id] : [])],
    tags: device.tags,
  });
  const order = credentialFallbackOrder(
    { credentialId: device.credential_id, confirmedCredentialId: device.confirmed_credential_id, tags: device.tags },
    candidates.map((c) => ({ id: c.id, name: c.name, tags: c.tags, priority: c.priority })),
  );
  if (order.length === 0) {
    throw new CredentialMissingError(`credential ${device.credential_id} of device ${device.name} does not exist, and no credential shares a tag with it`);
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const tried: CredentialTry[] = [];
  for (const [index, id] of order.entries()) {
    const credential = byId.get(id) as CredentialRow;
    log('info', `Logging in with credential "${credential.name}" (${index + 1} of ${order.length})`);
    try {
      const captured = await capture(await targetOf(deps.vault, device, credential));
      tried.push({ credentialId: id, verdict: 'accepted' });
      return { ok: true, captured, credentialId: id, tried };
    } catch (error) {
      const category = deps.categorize(error);
      if (!category) throw error;
      tried.push({ credentialId: id, verdict: loginVerdictOf(category) });
      const next = order[index + 1];
      if (category !== 'auth' || next === undefined) return { ok: false, error, category, tried };
      log('warn', `Credential "${credential.name}" was refused [auth]; trying "${byId.get(next)?.name ?? next}" next`);
    }
  }
  throw new Error('unreachable: the fallback loop returns on the last credential');
}

async function targetOf(vault: SecretSource, device: DeviceRow, credential: CredentialRow): Promise<CaptureTarget> {
  const secret = await vault.reveal(credential.secret_ref);
  return {
    host: device.host, port: device.port, platform: device.platform,
    protocol: device.protocol === 'telnet' ? 'telnet' : 'ssh',
    username: secret.username, password: secret.password,
    ...(secret.enablePassword ? { enablePassword: secret.enablePassword } : {}),
  };
}
