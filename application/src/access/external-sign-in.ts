import { randomUUID } from 'node:crypto';
import { ForbiddenError, mapGroups, normalizeName, requireUsername, userDecider, type GroupRule, type Role } from '@netraven/domain';
import { findUser, findUserNamed, type UserRow } from '@netraven/projections';
import type { AccessContext } from './access-context.js';
import { systemActor } from './actor.js';
import type { Session, SignIn } from './sign-in.js';

/** Who an identity provider vouches for, after its ID token was validated (the adapter's job). */
export interface ExternalIdentity {
  readonly issuer: string;
  /** The provider's stable subject (`sub`): the link to the NetRaven user. */
  readonly subject: string;
  /** The name the user gets on its first sign-in (`preferred_username`, else `email`, else `sub`). */
  readonly username: string;
  readonly groups: readonly string[];
}

/**
 * Sign-in through an identity provider (OIDC): its groups choose the role and tags, at every
 * sign-in; a user in no mapped group is refused. The first sign-in creates the user, marked
 * external and without a password; a name that is already a local user's is refused, so a
 * provider cannot take over a NetRaven account.
 */
export class ExternalSignIn {
  private readonly actor = systemActor('oidc');

  constructor(private readonly access: AccessContext, private readonly sessions: SignIn, private readonly rules: readonly GroupRule[]) {}

  async signIn(identity: ExternalIdentity, address: string): Promise<Session> {
    const username = requireUsername(identity.username.trim());
    const granted = mapGroups(this.rules, identity.groups);
    if (!granted) {
      await this.refuse(username, address, 'no-mapped-group');
      throw new ForbiddenError('none of your groups at the identity provider is allowed to use NetRaven');
    }
    const { auth, db } = this.access.deps;
    const linkedId = await auth.externalUser(identity.issuer, identity.subject);
    let user = linkedId ? await findUser(db, linkedId) : undefined;
    if (!user) {
      const named = await findUserNamed(db, normalizeName(username));
      if (named) {
        await this.refuse(username, address, 'not-external', named.id);
        throw new ForbiddenError(named.external === null
          ? `the name ${username} belongs to a NetRaven user who signs in with a password`
          : `the name ${username} belongs to another user of the identity provider`);
      }
      user = await this.create(identity, username, granted);
    }
    if (user.status !== 'active') {
      await this.refuse(user.username, address, 'disabled', user.id);
      throw new ForbiddenError('this account is disabled');
    }
    if (user.role !== granted.role || JSON.stringify(user.tags) !== JSON.stringify(granted.tags)) {
      await this.access.caughtUp(await this.access.issue(userDecider, user.id, { type: 'UpdateUser', data: { userId: user.id, ...granted } }, this.actor));
      user = (await findUser(db, user.id)) ?? user;
    }
    return this.sessions.openSession(user, address, 'oidc');
  }

  private async create(identity: ExternalIdentity, username: string, granted: { role: Role; tags: string[] }): Promise<UserRow> {
    const userId = randomUUID();
    const position = await this.access.names.whileReserved('user', username, userId, this.actor.id, async () => {
      const issued = await this.access.issue(userDecider, userId, {
        type: 'CreateUser',
        data: { userId, username, role: granted.role, tags: granted.tags, passwordChangeRequired: false, external: 'oidc' },
      }, this.actor);
      await this.access.deps.auth.linkExternalUser(identity.issuer, identity.subject, userId, this.access.clock());
      return issued;
    });
    await this.access.caughtUp(position);
    const row = await findUser(this.access.deps.db, userId);
    if (!row) throw new Error(`user ${userId} was created but is not in the read model`);
    return row;
  }

  private async refuse(username: string, address: string, reason: 'no-mapped-group' | 'not-external' | 'disabled', userId?: string): Promise<void> {
    const at = this.access.clock().toISOString();
    await this.access.record({ type: 'SignInFailed', data: { username, address, reason, at, method: 'oidc' } }, userId, 'anonymous');
  }
}
