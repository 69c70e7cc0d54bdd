import type { Decider } from '../shared/decider.js';
import { IllegalStateError, ValidationError } from '../shared/errors.js';
import { normalizeTags } from '../shared/tags.js';
import { INPUT_LIMITS, requireFreeText, requireId, requireName, requireText, requireUsername } from '../shared/validation.js';
import { FAILURE_CATEGORIES } from '../job/events.js';
import type {
  CreateCredential,
  CredentialCommand,
  DeleteCredential,
  RecordCredentialTest,
  RotateCredentialSecret,
  UpdateCredential,
} from './commands.js';
import {
  DEFAULT_CREDENTIAL_PRIORITY,
  type CredentialCreated,
  type CredentialDeleted,
  type CredentialEvent,
  type CredentialSecretRotated,
  type CredentialTested,
  type CredentialUpdated,
} from './events.js';
import { evolve, initialState, type ActiveCredential, type CredentialState } from './state.js';

/** Priorities run from 0 (tried first) to this. */
export const MAX_CREDENTIAL_PRIORITY = 10_000;

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

/** Tags (canonical form) and priority of a credential set, when given. */
export const validateCredentialFallback = (data: { tags?: unknown; priority?: unknown }): { tags?: string[]; priority?: number } => {
  const { tags, priority } = data;
  if (priority !== undefined && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > MAX_CREDENTIAL_PRIORITY))
    throw new ValidationError(`priority must be an integer from 0 to ${MAX_CREDENTIAL_PRIORITY} (lower is tried first)`, 'priority');
  return { ...(tags !== undefined ? { tags: normalizeTags(tags) } : {}), ...(priority !== undefined ? { priority } : {}) };
};

export const create = (command: CreateCredential, state: CredentialState): CredentialCreated[] => {
  const { credentialId, name, username, secretRef, fingerprint } = command.data;
  requireId(credentialId, 'credentialId');
  validateCredentialLogin(command.data);
  requireText(secretRef, 'secretRef');
  requireText(fingerprint, 'fingerprint');
  const { tags = [], priority = DEFAULT_CREDENTIAL_PRIORITY } = validateCredentialFallback(command.data);

  if (state.status === 'Active') throw new IllegalStateError('Credential already exists');
  if (state.status === 'Deleted') throw new IllegalStateError('Credential is deleted');

  return [
    {
      type: 'CredentialCreated',
      data: { credentialId, name, username, secretRef, fingerprint, tags, priority, createdAt: command.metadata.now.toISOString() },
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

/** New tags or priority; only real differences are recorded. */
export const update = (command: UpdateCredential, state: CredentialState): CredentialUpdated[] => {
  const { credentialId } = command.data;
  const requested = validateCredentialFallback(command.data);
  const credential = requireActive(state);

  const changes: CredentialUpdated['data']['changes'] = {};
  if (requested.tags !== undefined && requested.tags.join('\n') !== credential.tags.join('\n')) changes.tags = requested.tags;
  if (requested.priority !== undefined && requested.priority !== credential.priority) changes.priority = requested.priority;
  if (Object.keys(changes).length === 0) return [];

  return [{ type: 'CredentialUpdated', data: { credentialId, changes, updatedAt: command.metadata.now.toISOString() } }];
};

export const remove = (command: DeleteCredential, state: CredentialState): CredentialDeleted[] => {
  const { credentialId } = command.data;
  requireActive(state);

  return [{ type: 'CredentialDeleted', data: { credentialId, deletedAt: command.metadata.now.toISOString() } }];
};

/** A test login is a fact about a live credential: a success carries no category, a failure one. */
export const recordTest = (command: RecordCredentialTest, state: CredentialState): CredentialTested[] => {
  const { credentialId, deviceId, ok, category, message, durationMs } = command.data;
  requireId(deviceId, 'deviceId');
  requireFreeText(message, 'message', INPUT_LIMITS.reasonLength);
  if (!Number.isInteger(durationMs) || durationMs < 0) throw new ValidationError('durationMs must be a non-negative integer', 'durationMs');
  if (ok && category !== null) throw new ValidationError('a successful test has no failure category', 'category');
  if (!ok && (category === null || !(FAILURE_CATEGORIES as readonly string[]).includes(category)))
    throw new ValidationError(`a failed test has a category: one of ${FAILURE_CATEGORIES.join(', ')}`, 'category');
  requireActive(state);

  return [
    {
      type: 'CredentialTested',
      data: { credentialId, deviceId, ok, category, message, durationMs, testedAt: command.metadata.now.toISOString() },
    },
  ];
};

export const decide = (command: CredentialCommand, state: CredentialState): CredentialEvent[] => {
  switch (command.type) {
    case 'CreateCredential':
      return create(command, state);
    case 'RotateCredentialSecret':
      return rotateSecret(command, state);
    case 'UpdateCredential':
      return update(command, state);
    case 'DeleteCredential':
      return remove(command, state);
    case 'RecordCredentialTest':
      return recordTest(command, state);
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
