import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { requireId, requireName, requireText, requireUsername } from '../shared/validation.js';
import type { CreateCredential, CredentialCommand, DeleteCredential, RotateCredentialSecret } from './commands.js';
import type { CredentialCreated, CredentialDeleted, CredentialEvent, CredentialSecretRotated } from './events.js';
import { evolve, initialState, type ActiveCredential, type CredentialState } from './state.js';

const requireActive = (state: CredentialState): ActiveCredential => {
  if (state.status === 'Unknown') throw new IllegalStateError('Credential does not exist');
  if (state.status === 'Deleted') throw new IllegalStateError('Credential is deleted');
  return state;
};

/** A credential's name and login; the use case checks them before the secret reaches the vault. */
export const validateCredentialLogin = (data: Pick<CreateCredential['data'], 'name' | 'username'>): void => {
  requireName(data.name);
  requireUsername(data.username);
};

export const create = (command: CreateCredential, state: CredentialState): CredentialCreated[] => {
  const { credentialId, name, username, secretRef, fingerprint } = command.data;
  requireId(credentialId, 'credentialId');
  validateCredentialLogin(command.data);
  requireText(secretRef, 'secretRef');
  requireText(fingerprint, 'fingerprint');

  if (state.status === 'Active') throw new IllegalStateError('Credential already exists');
  if (state.status === 'Deleted') throw new IllegalStateError('Credential is deleted');

  return [
    {
      type: 'CredentialCreated',
      data: { credentialId, name, username, secretRef, fingerprint, createdAt: command.metadata.now.toISOString() },
    },
  ];
};

export const rotateSecret = (command: RotateCredentialSecret, state: CredentialState): CredentialSecretRotated[] => {
  const { credentialId, secretRef, fingerprint } = command.data;
  requireText(secretRef, 'secretRef');
  requireText(fingerprint, 'fingerprint');
  const credential = requireActive(state);

  // Same fingerprint means the same secret: a repeated rotation request changes nothing.
  if (fingerprint === credential.fingerprint) return [];

  return [
    {
      type: 'CredentialSecretRotated',
      data: { credentialId, secretRef, fingerprint, rotatedAt: command.metadata.now.toISOString() },
    },
  ];
};

export const remove = (command: DeleteCredential, state: CredentialState): CredentialDeleted[] => {
  const { credentialId } = command.data;
  requireActive(state);

  return [{ type: 'CredentialDeleted', data: { credentialId, deletedAt: command.metadata.now.toISOString() } }];
};

export const decide = (command: CredentialCommand, state: CredentialState): CredentialEvent[] => {
  switch (command.type) {
    case 'CreateCredential':
      return create(command, state);
    case 'RotateCredentialSecret':
      return rotateSecret(command, state);
    case 'DeleteCredential':
      return remove(command, state);
    default: {
      const _exhaustive: never = command;
      throw new ValidationError(`Unknown credential command ${(command as { type: string }).type}`);
    }
  }
};

export const credentialDecider: Decider<CredentialCommand, CredentialEvent, CredentialState> = {
  decide,
  evolve,
  initialState,
  streamName: (credentialId) => `credential-${credentialId}`,
};
