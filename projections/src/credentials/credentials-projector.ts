import type { CredentialCreated, CredentialDeleted, CredentialSecretRotated, CredentialUpdated } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import { applyCredentialUsage, CREDENTIAL_USAGE_EVENT_TYPES } from './credential-usage.js';

/**
 * `credentials`: names, usernames, vault references, tags and priority, and how the credential's logins went;
 * the secret itself never reaches a read model.
 */
export const credentialsProjector: Projector = {
  name: 'credentials',
  tables: ['credentials'],
  eventTypes: ['CredentialCreated', 'CredentialSecretRotated', 'CredentialUpdated', 'CredentialDeleted', ...CREDENTIAL_USAGE_EVENT_TYPES],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    switch (event.type) {
      case 'CredentialCreated': {
        const d = dataOf<CredentialCreated['data']>(event);
        const at = new Date(d.createdAt);
        const row = {
          name: d.name, username: d.username, secret_ref: d.secretRef, fingerprint: d.fingerprint, tags: d.tags, priority: d.priority,
          created_at: at, updated_at: at,
        };
        await trx.insertInto('credentials').values({ id: d.credentialId, ...row, deleted_at: null })
          .onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
        return;
      }
      case 'CredentialSecretRotated': {
        const d = dataOf<CredentialSecretRotated['data']>(event);
        await trx.updateTable('credentials')
          .set({ secret_ref: d.secretRef, fingerprint: d.fingerprint, updated_at: new Date(d.rotatedAt) })
          .where('id', '=', d.credentialId).execute();
        return;
      }
      case 'CredentialUpdated': {
        const d = dataOf<CredentialUpdated['data']>(event);
        await trx.updateTable('credentials')
          .set({
            ...(d.changes.tags !== undefined ? { tags: d.changes.tags } : {}),
            ...(d.changes.priority !== undefined ? { priority: d.changes.priority } : {}),
            updated_at: new Date(d.updatedAt),
          })
          .where('id', '=', d.credentialId).execute();
        return;
      }
      case 'CredentialDeleted': {
        const d = dataOf<CredentialDeleted['data']>(event);
        await trx.updateTable('credentials').set({ deleted_at: new Date(d.deletedAt), updated_at: new Date(d.deletedAt) })
          .where('id', '=', d.credentialId).execute();
        return;
      }
      default:
        if ((CREDENTIAL_USAGE_EVENT_TYPES as readonly string[]).includes(event.type)) await applyCredentialUsage(trx, [event]);
    }
  },
  // A job of 10,000 devices brings 10,000 outcomes: their counts land in one statement per batch.
  batch: { eventTypes: CREDENTIAL_USAGE_EVENT_TYPES, applyAll: applyCredentialUsage },
};
