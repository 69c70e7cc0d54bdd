import { randomUUID } from 'node:crypto';
import { normalizeName, requireSecret, requireUsername, UnauthenticatedError, type SignInMethod } from '@netraven/domain';
import { decoyPasswordHash, newOpaqueToken, REFRESH_TOKEN_PREFIX, tokenDigest, verifyPassword } from '@netraven/infra/auth';
import { findUser, findUserNamed, type UserRow } from '@netraven/projections';
import { AccessContext, DEFAULT_REFRESH_LIFETIME_MS, DEFAULT_THROTTLE } from './access-context.js';
import { authorize } from './policy.js';
import type { Actor } from './actor.js';

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly user: UserRow;
}

const BAD_CREDENTIALS = 'wrong username or password';

/**
 * Sign-in with a password, refresh-token rotation, logout. A refresh token presented twice means a
 * copy is in someone else's hands: its whole family (session) is revoked. Failed sign-ins are
 * counted per username and per address; past the limit sign-in is refused until the window passes.
 */
export class SignIn {
  constructor(private readonly access: AccessContext) {}

  async login(input: { username: string; password: string }, address: string): Promise<Session> {
    requireUsername(input.username);
    requireSecret(input.password, 'password');
    const { auth } = this.access.deps;
    const throttle = this.access.deps.throttle ?? DEFAULT_THROTTLE;
    const now = this.access.clock();
    const username = normalizeName(input.username);
    const failures = await auth.recentFailures(username, address, new Date(now.getTime() - throttle.windowMs));
    if (failures.byUser >= throttle.perUser || failures.byAddress >= throttle.perAddress) {
      await this.access.record({ type: 'SignInFailed', data: { username, address, reason: 'throttled', at: now.toISOString(), method: 'password' } }, undefined, 'anonymous');
      const minutes = Math.ceil(throttle.windowMs / 60_000);
      throw new UnauthenticatedError(`too many failed sign-ins; try again in ${minutes} minutes`);
    }
    const user = await findUserNamed(this.access.deps.db, username);
    const hash = user ? await auth.passwordHash(user.id) : undefined;
    // An unknown name costs the same argon2 verification as a known one.
    const matches = await verifyPassword(hash ?? (await decoyPasswordHash()), input.password);
    if (!user || !hash || !matches || user.status !== 'active') {
      await auth.recordSignInFailure(username, address, now);
      const reason = user && hash && matches ? 'disabled' : 'bad-credentials';
      await this.access.record({ type: 'SignInFailed', data: { username, address, reason, at: now.toISOString(), method: 'password' } }, user?.id, 'anonymous');
      throw new UnauthenticatedError(reason === 'disabled' ? 'this account is disabled' : BAD_CREDENTIALS);
    }
    await auth.clearFailures(username);
    return this.openSession(user, address, 'password');
  }

  /** A new session (refresh-token family) for a user whose identity is proven, recorded as `SignedIn` with how. */
  async openSession(user: UserRow, address: string, method: SignInMethod): Promise<Session> {
    const now = this.access.clock();
    const familyId = randomUUID();
    const refreshToken = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    await this.access.deps.auth.storeRefreshToken({ digest: tokenDigest(refreshToken), familyId, userId: user.id, issuedAt: now, expiresAt: this.refreshExpiry(now) });
    await this.access.record({ type: 'SignedIn', data: { userId: user.id, username: user.username, address, familyId, at: now.toISOString(), method } },
      user.id, `user:${user.username}`);
    const accessToken = await this.access.deps.accessTokens.issue({ userId: user.id, username: user.username, familyId }, now);
    return { accessToken, refreshToken, user };
  }

  async refresh(refreshToken: string, address: string): Promise<Session> {
    requireSecret(refreshToken, 'refreshToken');
    const now = this.access.clock();
    const next = newOpaqueToken(REFRESH_TOKEN_PREFIX);
    const outcome = await this.access.deps.auth.rotateRefreshToken(tokenDigest(refreshToken), { digest: tokenDigest(next), expiresAt: this.refreshExpiry(now) }, now);
    if (outcome.status === 'invalid') throw new UnauthenticatedError('the refresh token is invalid, expired or revoked; sign in again');
    if (outcome.status === 'reused') {
      await this.access.record({ type: 'SessionRevoked', data: { userId: outcome.userId, familyId: outcome.familyId, reason: 'refresh-token-reused', at: now.toISOString() } },
        outcome.userId, 'system:auth');
      throw new UnauthenticatedError('this refresh token was already used: the session is revoked; sign in again');
    }
    const user = await findUser(this.access.deps.db, outcome.userId);
    if (!user || user.status !== 'active') {
      await this.access.deps.auth.revokeFamily(outcome.familyId, now);
      throw new UnauthenticatedError('this account is disabled');
    }
    await this.access.record({ type: 'SessionRefreshed', data: { userId: user.id, familyId: outcome.familyId, address, at: now.toISOString() } },
      user.id, `user:${user.username}`);
    const accessToken = await this.access.deps.accessTokens.issue({ userId: user.id, username: user.username, familyId: outcome.familyId }, now);
    return { accessToken, refreshToken: next, user };
  }

  /** Ends the caller's session: its refresh tokens and the access tokens issued under them stop working. */
  async logout(actor: Actor): Promise<boolean> {
    authorize(actor, 'logout');
    if (actor.kind !== 'user' || !actor.sessionId) return false;
    const now = this.access.clock();
    await this.access.deps.auth.revokeFamily(actor.sessionId, now);
    await this.access.record({ type: 'SessionRevoked', data: { userId: actor.id, familyId: actor.sessionId, reason: 'logout', at: now.toISOString() } },
      actor.id, `user:${actor.name}`);
    return true;
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + (this.access.deps.refreshLifetimeMs ?? DEFAULT_REFRESH_LIFETIME_MS));
  }
}
