import { randomUUID } from 'node:crypto';
import { apiTokenDecider, ForbiddenError, NotFoundError, requireId, roleAtLeast, validateCreateApiToken, type Role } from '@netraven/domain';
import { API_TOKEN_PREFIX, newOpaqueToken, tokenDigest } from '@netraven/infra/auth';
import { findApiToken, listApiTokens, type ApiTokenRow } from '@netraven/projections';
import type { AccessContext } from './access-context.js';
import type { Actor } from './actor.js';
import { authorize } from './policy.js';

export type ApiTokenView = ApiTokenRow & { last_used_at: Date | null };

/** API tokens for scripts: never above their creator's role or outside its tags, shown once, revocable. */
export class ApiTokenAdministration {
  constructor(private readonly access: AccessContext) {}

  async create(actor: Actor, input: { name: string; role: Role; tags?: readonly string[] | null }): Promise<{ token: string; apiToken: ApiTokenView }> {
    authorize(actor, 'createApiToken');
    if (actor.kind === 'token' || actor.role === null) throw new ForbiddenError('API tokens are created by signed-in users');
    const creator = { id: actor.id, role: actor.role, tags: actor.tags };
    const tags = validateCreateApiToken({ name: input.name, role: input.role, tags: [...(input.tags ?? [])], creator });
    const tokenId = randomUUID();
    const token = newOpaqueToken(API_TOKEN_PREFIX);
    await this.access.deps.auth.storeApiToken(tokenId, tokenDigest(token));
    const position = await this.access.issue(apiTokenDecider, tokenId, {
      type: 'CreateApiToken', data: { tokenId, name: input.name, role: input.role, tags, creator },
    }, actor);
    await this.access.caughtUp(position);
    return { token, apiToken: { ...(await this.row(tokenId)), last_used_at: null } };
  }

  /** An admin sees every token; anyone else the tokens it created. */
  async list(actor: Actor): Promise<ApiTokenView[]> {
    authorize(actor, 'apiTokens');
    const rows = await listApiTokens(this.access.deps.db, this.seesAll(actor) ? undefined : actor.id);
    const lastUsed = await this.access.deps.auth.apiTokensLastUsed(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, last_used_at: lastUsed.get(r.id) ?? null }));
  }

  async revoke(actor: Actor, tokenId: string): Promise<ApiTokenView> {
    authorize(actor, 'revokeApiToken');
    requireId(tokenId, 'id');
    const row = await findApiToken(this.access.deps.db, tokenId);
    if (!row || (!this.seesAll(actor) && row.created_by !== actor.id)) throw new NotFoundError(`API token ${tokenId} not found`, 'id');
    await this.access.deps.auth.deleteApiToken(tokenId);
    await this.access.caughtUp(await this.access.issue(apiTokenDecider, tokenId, { type: 'RevokeApiToken', data: { tokenId } }, actor));
    return { ...(await this.row(tokenId)), last_used_at: null };
  }

  private seesAll(actor: Actor): boolean {
    return actor.role !== null && roleAtLeast(actor.role, 'ADMIN') && actor.tags.length === 0;
  }

  private async row(tokenId: string): Promise<ApiTokenRow> {
    const row = await findApiToken(this.access.deps.db, tokenId);
    if (!row) throw new NotFoundError(`API token ${tokenId} not found`, 'id');
    return row;
  }
}
