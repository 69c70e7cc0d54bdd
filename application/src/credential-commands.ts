import {
  credentialDecider,
  NotFoundError,
  requireId,
  requireSecret,
  validateCredentialFallback,
  type CredentialCommand,
  type FailureCategory,
} from '@netraven/domain';
import { newCommandMetadata, systemClock, type Clock, type CommandHandler, type EventStore, type Position } from '@netraven/infra/eventstore';
import type { CredentialVault } from '@netraven/infra/secrets';
import { credentialsProjector, findCredential, findDevice, waitUntilCaughtUp, type CredentialRow, type ReadModelDatabase } from '@netraven/projections';
import type { Kysely } from 'kysely';
import type { LoginProbe } from './login-probe.js';
import { actorLabel, type Actor } from './access/actor.js';
import { authorize } from './access/policy.js';
import { requireVisible } from './access/scope.js';

export interface CredentialCommandsDependencies {
  readonly store: EventStore;
  readonly commands: CommandHandler;
  readonly db: Kysely<ReadModelDatabase>;
  readonly vault: CredentialVault;
  readonly loginProbe: LoginProbe;
  readonly clock?: Clock;
  readonly consistencyTimeoutMs?: number;
}

export interface UpdateCredentialInput {
  readonly tags?: readonly string[] | null;
  readonly priority?: number | null;
  /** Write-only: a new password replaces the secret; the enable password is kept unless a new one is given. */
  readonly password?: string | null;
  readonly enablePassword?: string | null;
}

export interface CredentialTestResult {
  readonly ok: boolean;
  readonly category: FailureCategory | null;
  readonly message: string;
  readonly durationMs: number;
}

/** Messages from devices are bounded before they become events. */
const MESSAGE_CHARS = 1024;

/** Changes to credential sets after creation, and test logins. A refused request appends nothing. */
export class CredentialCommands {
  constructor(private readonly deps: CredentialCommandsDependencies) {}

  async updateCredential(actor: Actor, credentialId: string, input: UpdateCredentialInput): Promise<CredentialRow> {
    authorize(actor, 'updateCredential');
    requireId(credentialId, 'id');
    const fallback = validateCredentialFallback({
      ...(input.tags != null ? { tags: [...input.tags] } : {}),
      ...(input.priority != null ? { priority: input.priority } : {}),
    });
    if (input.password != null) requireSecret(input.password, 'password');
    if (input.enablePassword != null) requireSecret(input.enablePassword, 'enablePassword');
    const before = await this.liveCredential(credentialId);

    let position = await this.issue(actor, { type: 'UpdateCredential', data: { credentialId, ...fallback } });
    if (input.password != null) {
      const old = await this.deps.vault.reveal(before.secret_ref);
      const enablePassword = input.enablePassword ?? old.enablePassword;
      const { secretRef, fingerprint } = await this.deps.vault.store({
        username: before.username, password: input.password, ...(enablePassword ? { enablePassword } : {}),
      });
      const rotated = await this.issue(actor, { type: 'RotateCredentialSecret', data: { credentialId, secretRef, fingerprint } });
      // The superseded secret is not kept; an unchanged one (same fingerprint) leaves the new copy unused.
      await this.deps.vault.discard(rotated ? before.secret_ref : secretRef);
      position = rotated ?? position;
    }
    await this.caughtUp(position);
    return this.liveCredential(credentialId);
  }

  /** Logs in to the device with the credential, as a backup would, and records what happened (never the secret). */
  async testCredential(actor: Actor, credentialId: string, deviceId: string): Promise<CredentialTestResult> {
    authorize(actor, 'testCredential');
    requireId(credentialId, 'credentialId');
    requireId(deviceId, 'deviceId');
    const credential = await this.liveCredential(credentialId, 'credentialId');
    const device = requireVisible(actor, await findDevice(this.deps.db, deviceId), `device ${deviceId}`, 'deviceId');
    if (device.status !== 'active') throw new NotFoundError(`device ${deviceId} not found`, 'deviceId');

    const secret = await this.deps.vault.reveal(credential.secret_ref);
    const clock = this.deps.clock ?? systemClock;
    const started = clock().getTime();
    const probed = await this.deps.loginProbe.tryLogin({
      host: device.host, port: device.port, platform: device.platform, protocol: device.protocol === 'telnet' ? 'telnet' : 'ssh',
      username: secret.username, password: secret.password, ...(secret.enablePassword ? { enablePassword: secret.enablePassword } : {}),
      pinnedHostKey: device.host_key_fingerprint,
    });
    const durationMs = Math.max(0, clock().getTime() - started);
    const result: CredentialTestResult = probed.ok
      ? { ok: true, category: null, message: `${device.name} accepted the login`, durationMs }
      : { ok: false, category: probed.category, message: probed.message.slice(0, MESSAGE_CHARS), durationMs };
    await this.caughtUp(await this.issue(actor, { type: 'RecordCredentialTest', data: { credentialId, deviceId, ...result } }));
    return result;
  }

  private async liveCredential(credentialId: string, field = 'id'): Promise<CredentialRow> {
    const row = await findCredential(this.deps.db, credentialId);
    if (!row || row.deleted_at) throw new NotFoundError(`credential ${credentialId} not found`, field);
    return row;
  }

  private async issue(actor: Actor, command: { type: CredentialCommand['type']; data: CredentialCommand['data'] }): Promise<Position | undefined> {
    const metadata = newCommandMetadata({ actor: actorLabel(actor), clock: this.deps.clock ?? systemClock });
    const credentialId = (command.data as { credentialId: string }).credentialId;
    return (await this.deps.commands.handle(credentialDecider, credentialId, { ...command, metadata } as CredentialCommand)).position;
  }

  private async caughtUp(position: Position | undefined): Promise<void> {
    if (!position) return;
    await waitUntilCaughtUp(this.deps.db, this.deps.store, credentialsProjector, position, { timeoutMs: this.deps.consistencyTimeoutMs ?? 10_000 });
  }
}
