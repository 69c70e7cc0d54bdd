import { randomBytes, randomUUID } from 'node:crypto';
import {
  ForbiddenError, IllegalStateError, NameTakenError, normalizeName, NotFoundError, requireId, requireSecret, scopeWithin, userDecider,
  validateCreateUser, ValidationError, UnauthenticatedError, type Role,
} from '@netraven/domain';
import { hashPassword, verifyPassword } from '@netraven/infra/auth';
import { findUser, findUserNamed, listUsers, type UserRow } from '@netraven/projections';
import type { AccessContext } from './access-context.js';
import { actorLabel, systemActor, type Actor } from './actor.js';
import { authorize } from './policy.js';

/** Passwords shorter than this are refused (NIST SP 800-63B's minimum for chosen secrets). */
export const MIN_PASSWORD_LENGTH = 8;
/** The first admin's fixed id: every process starting for the first time creates the same user, once. */
export const INITIAL_ADMIN_ID = 'admin';

const requirePassword = (password: unknown, field: string): string => {
  const value = requireSecret(password, field);
  if (value.length < MIN_PASSWORD_LENGTH) throw new ValidationError(`${field} must be at least ${MIN_PASSWORD_LENGTH} characters`, field);
  return value;
};

/** An admin limited to tags grants only within them: it cannot make a user who sees more than itself. */
function requireWithinGranter(actor: Actor, tags: readonly string[]): void {
  if (actor.tags.length > 0 && !scopeWithin(tags, actor.tags))
    throw new ForbiddenError(`a user you create or change must be limited to your tags (${actor.tags.join(', ')})`);
}

/** Users: created, changed, disabled and enabled by admins; each changes its own password. */
export class UserAdministration {
  constructor(private readonly access: AccessContext) {}

  users(actor: Actor): Promise<UserRow[]> {
    authorize(actor, 'users');
    return listUsers(this.access.deps.db);
  }

  /** Who the caller is; for an API token, the token's name, role and tags. */
  me(actor: Actor): { username: string; role: Role; tags: readonly string[]; kind: Actor['kind']; passwordChangeRequired: boolean } {
    authorize(actor, 'me');
    return { username: actor.name, role: actor.role ?? 'VIEWER', tags: actor.tags, kind: actor.kind, passwordChangeRequired: actor.passwordChangeRequired ?? false };
  }

  /** A password set here works at once, unless `requirePasswordChange` asks the user to choose their own first. */
  async createUser(actor: Actor, input: { username: string; password: string; role: Role; tags?: readonly string[] | null; requirePasswordChange?: boolean | null }): Promise<UserRow> {
    authorize(actor, 'createUser');
    const tags = validateCreateUser({ username: input.username, role: input.role, tags: [...(input.tags ?? [])] });
    requirePassword(input.password, 'password');
    requireWithinGranter(actor, tags);
    const existing = await findUserNamed(this.access.deps.db, normalizeName(input.username));
    if (existing) throw new NameTakenError('user', existing.username, existing.id, existing.created_at.toISOString());
    const userId = randomUUID();
    const position = await this.access.names.whileReserved('user', input.username, userId, actorLabel(actor), async () => {
      await this.access.deps.auth.setPasswordHash(userId, await hashPassword(input.password), this.access.clock());
      return this.access.issue(userDecider, userId, {
        type: 'CreateUser', data: { userId, username: input.username, role: input.role, tags, passwordChangeRequired: input.requirePasswordChange ?? false },
      }, actor);
    });
    await this.access.caughtUp(position);
    return this.user(userId);
  }

  async updateUser(actor: Actor, userId: string, changes: { role?: Role | null; tags?: readonly string[] | null; requirePasswordChange?: boolean | null }): Promise<UserRow> {
    authorize(actor, 'updateUser');
    requireId(userId, 'id');
    await this.user(userId);
    if (userId === actor.id && changes.role != null && changes.role !== actor.role) throw new ForbiddenError('you cannot change your own role');
    if (changes.tags != null) requireWithinGranter(actor, changes.tags.map((t) => t.trim()));
    let position = await this.access.issue(userDecider, userId, {
      type: 'UpdateUser', data: { userId, ...(changes.role != null ? { role: changes.role } : {}), ...(changes.tags != null ? { tags: [...changes.tags] } : {}) },
    }, actor);
    if (changes.requirePasswordChange) position = (await this.access.issue(userDecider, userId, { type: 'RequirePasswordChange', data: { userId } }, actor)) ?? position;
    await this.access.caughtUp(position);
    return this.user(userId);
  }

  /** A disabled user's sessions end at once; its API tokens stop working while it stays disabled. */
  async disableUser(actor: Actor, userId: string): Promise<UserRow> {
    authorize(actor, 'disableUser');
    requireId(userId, 'id');
    if (userId === actor.id) throw new IllegalStateError('you cannot disable yourself');
    await this.user(userId);
    const position = await this.access.issue(userDecider, userId, { type: 'DisableUser', data: { userId } }, actor);
    const now = this.access.clock();
    for (const familyId of await this.access.deps.auth.revokeUserSessions(userId, now)) {
      await this.access.record({ type: 'SessionRevoked', data: { userId, familyId, reason: 'user-disabled', at: now.toISOString() } }, userId, `user:${actor.name}`);
    }
    await this.access.caughtUp(position);
    return this.user(userId);
  }

  async enableUser(actor: Actor, userId: string): Promise<UserRow> {
    authorize(actor, 'enableUser');
    requireId(userId, 'id');
    await this.user(userId);
    await this.access.caughtUp(await this.access.issue(userDecider, userId, { type: 'EnableUser', data: { userId } }, actor));
    return this.user(userId);
  }

  /** Needs the current password; ends the user's other sessions. */
  async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<UserRow> {
    authorize(actor, 'changePassword');
    if (actor.kind !== 'user') throw new ForbiddenError('only a signed-in user has a password to change');
    requireSecret(input.currentPassword, 'currentPassword');
    requirePassword(input.newPassword, 'newPassword');
    if (input.newPassword === input.currentPassword) throw new ValidationError('the new password must differ from the current one', 'newPassword');
    const { auth } = this.access.deps;
    const hash = await auth.passwordHash(actor.id);
    if (!hash || !(await verifyPassword(hash, input.currentPassword))) throw new UnauthenticatedError('the current password is wrong');
    const now = this.access.clock();
    await auth.setPasswordHash(actor.id, await hashPassword(input.newPassword), now);
    const position = await this.access.issue(userDecider, actor.id, { type: 'ChangePassword', data: { userId: actor.id } }, actor);
    for (const familyId of await auth.revokeUserSessions(actor.id, now, actor.sessionId)) {
      await this.access.record({ type: 'SessionRevoked', data: { userId: actor.id, familyId, reason: 'password-changed', at: now.toISOString() } }, actor.id, `user:${actor.name}`);
    }
    await this.access.caughtUp(position);
    return this.user(actor.id);
  }

  /**
   * First start: creates `admin` (ADMIN, every tag) unless it exists. With a password given it works
   * at once; otherwise a random one is returned (for the console, once) and must be changed at the
   * first sign-in. Processes starting together create it once: the password row is inserted only if
   * absent, and only the process that inserted it reports the password.
   */
  async ensureInitialAdmin(password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    const existing = await this.access.deps.store.readStream(userDecider.streamName(INITIAL_ADMIN_ID), { limit: 1 });
    if (existing.length > 0) return { created: false };
    const chosen = password ?? randomBytes(15).toString('base64url');
    if (password !== undefined) requirePassword(password, 'NETRAVEN_ADMIN_PASSWORD');
    const mine = await this.access.deps.auth.setInitialPasswordHash(INITIAL_ADMIN_ID, await hashPassword(chosen), this.access.clock());
    const system = systemActor('bootstrap');
    try {
      await this.access.names.reserve('user', 'admin', INITIAL_ADMIN_ID, system.id);
      const position = await this.access.issue(userDecider, INITIAL_ADMIN_ID, {
        type: 'CreateUser', data: { userId: INITIAL_ADMIN_ID, username: 'admin', role: 'ADMIN', tags: [], passwordChangeRequired: password === undefined },
      }, system);
      await this.access.caughtUp(position);
    } catch (error) {
      if (!(error instanceof IllegalStateError)) throw error;
    }
    return mine ? { created: true, ...(password === undefined ? { generatedPassword: chosen } : {}) } : { created: false };
  }

  private async user(userId: string): Promise<UserRow> {
    const row = await findUser(this.access.deps.db, userId);
    if (!row) throw new NotFoundError(`user ${userId} not found`, 'id');
    return row;
  }
}
