import { API_TOKEN_PREFIX, tokenDigest } from '@netraven/infra/auth';
import { findApiToken, findUser } from '@netraven/projections';
import { apiTokenUseStreamName, requireRole } from '@netraven/domain';
import type { AccessContext } from './access-context.js';
import { actorLabel, ANONYMOUS, type Actor } from './actor.js';

/**
 * Turns `Authorization: Bearer <token>` into an actor: an API token (`nrv_…`, looked up by digest)
 * or a JWT access token whose session is still open and whose user is still enabled. Role and tags
 * are read now, not from the token, so an admin's change applies to the next request. A token that
 * is not accepted leaves the request anonymous, with the reason it is told if it asks for more.
 */
export class Authenticator {
  constructor(private readonly access: AccessContext) {}

  /** `address`: where the request came from, recorded with an API token's use. */
  async authenticate(authorization: string | null | undefined, address = 'unknown'): Promise<Actor> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return rejected('the Authorization header must be "Bearer <token>"');
    const token = match[1];
    return token.startsWith(API_TOKEN_PREFIX) ? this.apiToken(token, address) : this.accessToken(token);
  }

  private async apiToken(token: string, address: string): Promise<Actor> {
    const { auth, db } = this.access.deps;
    const tokenId = await auth.findApiTokenId(tokenDigest(token));
    const row = tokenId ? await findApiToken(db, tokenId) : undefined;
    if (!tokenId || !row || row.revoked_at) return rejected('the API token is unknown or revoked');
    const creator = await findUser(db, row.created_by);
    if (creator && creator.status !== 'active') return rejected('the API token’s creator is disabled');
    const actor: Actor = { kind: 'token', id: row.id, name: row.name, role: requireRole(row.role), tags: row.tags };
    const now = this.access.clock();
    if (await auth.touchApiToken(tokenId, now)) {
      await this.access.record({ type: 'ApiTokenUsed', data: { tokenId, name: row.name, address, at: now.toISOString() } },
        undefined, actorLabel(actor), apiTokenUseStreamName(tokenId));
    }
    return actor;
  }

  private async accessToken(token: string): Promise<Actor> {
    const now = this.access.clock();
    const claims = await this.access.deps.accessTokens.verify(token, now);
    if (!claims) return rejected('the access token is invalid or expired; refresh it or sign in again');
    if (!(await this.access.deps.auth.isFamilyActive(claims.familyId, now))) return rejected('this session has ended; sign in again');
    const user = await findUser(this.access.deps.db, claims.userId);
    if (!user || user.status !== 'active') return rejected('this account is disabled');
    return {
      kind: 'user', id: user.id, name: user.username, role: requireRole(user.role), tags: user.tags,
      passwordChangeRequired: user.password_change_required, sessionId: claims.familyId,
    };
  }
}

const rejected = (reason: string): Actor => ({ ...ANONYMOUS, rejection: reason });
