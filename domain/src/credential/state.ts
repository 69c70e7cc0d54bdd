import type { CredentialEvent } from './events.js';

export interface KnownCredential {
  readonly credentialId: string;
  readonly name: string;
  readonly username: string;
  /** Vault reference; the secret itself never enters the event stream. */
  readonly secretRef: string;
  readonly fingerprint: string;
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
      const { credentialId, name, username, secretRef, fingerprint } = event.data;
      return { status: 'Active', credentialId, name, username, secretRef, fingerprint };
    }
    case 'CredentialSecretRotated':
      if (state.status !== 'Active') return state;
      return { ...state, secretRef: event.data.secretRef, fingerprint: event.data.fingerprint };
    case 'CredentialDeleted':
      if (state.status !== 'Active') return state;
      return { ...state, status: 'Deleted' };
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};
