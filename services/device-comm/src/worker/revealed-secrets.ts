import type { CredentialSecret } from '@netraven/infra/secrets';
import type { Clock } from '@netraven/infra/eventstore';

/** What the worker needs of the vault: a secret by its reference. */
export interface SecretSource {
  reveal(secretRef: string): Promise<CredentialSecret>;
}

export interface RevealedSecretsOptions {
  /** How long a revealed secret serves other tasks (default 60 s): about one job's dispatch. */
  readonly ttlMs?: number;
  /** Most secrets held at once (default 1,000); the oldest go first. */
  readonly capacity?: number;
}

/**
 * A job's tasks mostly share a handful of credentials: one vault read (and one decryption) serves every
 * task that asks for the same secret within a short while, concurrent ones included. A secret reference
 * names one immutable secret (a rotation stores a new one under a new reference), so a cached secret is
 * never stale, only kept in memory a little longer. Failed reads are not kept. Nothing here logs.
 */
export class RevealedSecrets implements SecretSource {
  private readonly entries = new Map<string, { readonly secret: Promise<CredentialSecret>; readonly expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly capacity: number;

  constructor(
    private readonly source: SecretSource,
    private readonly clock: Clock,
    options: RevealedSecretsOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.capacity = options.capacity ?? 1000;
  }

  reveal(secretRef: string): Promise<CredentialSecret> {
    const now = this.clock().getTime();
    const known = this.entries.get(secretRef);
    if (known && known.expiresAt > now) return known.secret;
    if (known) this.entries.delete(secretRef);
    const secret = this.source.reveal(secretRef);
    this.entries.set(secretRef, { secret, expiresAt: now + this.ttlMs });
    secret.catch(() => {
      if (this.entries.get(secretRef)?.secret === secret) this.entries.delete(secretRef);
    });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return secret;
  }
}
