import type { CredentialCreated, CredentialDeleted, CredentialSecretRotated } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';

/** `credentials`: names, usernames and vault references; the secret itself never reaches a read model. */
export const credentialsProjector: Projector = {
  name: 'credentials',
  tables: ['credentials'],
  eventTypes: ['CredentialCreated', 'CredentialSecretRotated', 'CredentialDeleted'],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    switch (event.type) {
      case 'CredentialCreated': {
        const d = dataOf<CredentialCreated['data']>(event);
        const at = new Date(d.createdAt);
        const row = { name: d.name, username: d.username, secret_ref: d.secretRef, fingerprint: d.fingerprint, created_at: at, updated_at: at };
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
      case 'CredentialDeleted': {
        const d = dataOf<CredentialDeleted['data']>(event);
        await trx.updateTable('credentials').set({ deleted_at: new Date(d.deletedAt), updated_at: new Date(d.deletedAt) })
          .where('id', '=', d.credentialId).execute();
        return;
      }
    }
  },
};
