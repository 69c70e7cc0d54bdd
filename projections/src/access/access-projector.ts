import type { ApiTokenCreated, ApiTokenRevoked, UserCreated, UserEvent, UserUpdated } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';

/** `users` and `api_tokens`: who may sign in or call, with which role and tags. No hash or token reaches these tables. */
export const accessProjector: Projector = {
  name: 'access',
  tables: ['users', 'api_tokens'],
  eventTypes: [
    'UserCreated', 'UserUpdated', 'UserPasswordChanged', 'UserPasswordChangeRequired', 'UserDisabled', 'UserEnabled',
    'ApiTokenCreated', 'ApiTokenRevoked',
  ],
  async apply(trx: ReadModelTransaction, event: RecordedEvent) {
    switch (event.type) {
      case 'UserCreated': {
        const d = dataOf<UserCreated['data']>(event);
        const at = new Date(d.createdAt);
        const row = { username: d.username, role: d.role, tags: JSON.stringify(d.tags), status: 'active' as const,
          password_change_required: d.passwordChangeRequired, external: d.external ?? null, created_at: at, updated_at: at };
        await trx.insertInto('users').values({ id: d.userId, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
        return;
      }
      case 'UserUpdated': {
        const d = dataOf<UserUpdated['data']>(event);
        await trx.updateTable('users').set({ role: d.role, tags: JSON.stringify(d.tags), updated_at: new Date(d.updatedAt) }).where('id', '=', d.userId).execute();
        return;
      }
      case 'UserPasswordChanged':
      case 'UserPasswordChangeRequired':
      case 'UserDisabled':
      case 'UserEnabled': {
        const e = { type: event.type, data: event.data } as UserEvent;
        await trx.updateTable('users').set(userChange(e)).where('id', '=', (e.data as { userId: string }).userId).execute();
        return;
      }
      case 'ApiTokenCreated': {
        const d = dataOf<ApiTokenCreated['data']>(event);
        const row = { name: d.name, role: d.role, tags: JSON.stringify(d.tags), created_by: d.createdBy, created_at: new Date(d.createdAt) };
        await trx.insertInto('api_tokens').values({ id: d.tokenId, ...row, revoked_at: null }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
        return;
      }
      case 'ApiTokenRevoked': {
        const d = dataOf<ApiTokenRevoked['data']>(event);
        await trx.updateTable('api_tokens').set({ revoked_at: new Date(d.revokedAt) }).where('id', '=', d.tokenId).execute();
        return;
      }
    }
  },
};

function userChange(event: UserEvent): { status?: 'active' | 'disabled'; password_change_required?: boolean; updated_at: Date } {
  switch (event.type) {
    case 'UserPasswordChanged':
      return { password_change_required: false, updated_at: new Date(event.data.changedAt) };
    case 'UserPasswordChangeRequired':
      return { password_change_required: true, updated_at: new Date(event.data.requiredAt) };
    case 'UserDisabled':
      return { status: 'disabled', updated_at: new Date(event.data.disabledAt) };
    case 'UserEnabled':
      return { status: 'active', updated_at: new Date(event.data.enabledAt) };
    default:
      throw new Error(`not a user status change: ${event.type}`);
  }
}
