import type { CredentialEvent } from './events.js';

export interface KnownCredential {
  readonly credentialId: string;
  readonly name: string;
  readonly username: string;
  /** Vault reference; the secret itself never enters the event stream. */
  readonly secretRef: string;
  readonly fingerprint: string;
  /** Canonical form: trimmed, unique, sorted. */
  readonly tags: readonly string[];
  readonly priority: number;
}

export type CredentialState =
  | { readonly status: 'Unknown' }
  | ({ readonly status: 'Active' } & KnownCredential)
  | ({ readonly status: 'Deleted' } & KnownCredential);

export type ActiveCredential = Extract<CredentialState, { status: 'Active' }>;

export const initialState = (): CredentialState => ({ status: 'Unknown' });

export const evolve = (state: CredentialState, event: CredentialEvent): CredentialState => {
  switch (event.type) {
    case 'CredentialCreated': {
      const { credentialId, name, username, secretRef, fingerprint, tags, priority } = event.data;
      return { status: 'Active', credentialId, name, username, secretRef, fingerprint, tags, priority };
    }
    case 'CredentialSecretRotated':
      if (state.status !== 'Active') return state;
      return { ...state, secretRef: event.data.secretRef, fingerprint: event.data.fingerprint };
    case 'CredentialUpdated':
      if (state.status !== 'Active') return state;
      return { ...state, ...event.data.changes };
    case 'CredentialDeleted':
      if (state.status !== 'Active') return state;
      return { ...state, status: 'Deleted' };
    case 'CredentialTested':
      return state;
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
