import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

export interface AccessClaims {
  /** The user id. */
  readonly userId: string;
  readonly username: string;
  /** The refresh-token family the access token was issued under (revoked with it on logout). */
  readonly familyId: string;
}

const ISSUER = 'netraven';
const AUDIENCE = 'netraven-api';

/**
 * Short-lived JWT access tokens, HS256 only: `jwtVerify` is told the one algorithm it accepts, so
 * `alg: none` and tokens signed any other way are refused, as are expired or tampered ones.
 * Role and tags are not in the token: they are read per request, so a change applies at once.
 */
export class AccessTokens {
  constructor(
    private readonly key: Uint8Array,
    readonly lifetimeSeconds = 15 * 60,
  ) {
    if (key.length < 32) throw new Error('the JWT key must be at least 32 bytes');
  }

  async issue(claims: AccessClaims, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ username: claims.username, fam: claims.familyId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.lifetimeSeconds)
      .sign(this.key);
  }

  /** The claims of a valid token, or undefined for anything else (expired, forged, malformed, other algorithm). */
  async verify(token: string, now: Date = new Date()): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: now, requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || typeof payload['username'] !== 'string' || typeof payload['fam'] !== 'string') return undefined;
      return { userId: payload.sub, username: payload['username'], familyId: payload['fam'] };
    } catch {
      return undefined;
    }
  }
}

/**
 * The signing key: NETRAVEN_JWT_SECRET (at least 32 characters) when set, so several gateways share
 * it; otherwise a random key kept in a file under the data directory, owner-only.
 */
export function loadJwtKey(options: { secret?: string | undefined; keyFile: string }): Uint8Array {
  if (options.secret) {
    if (options.secret.length < 32) throw new Error('NETRAVEN_JWT_SECRET must be at least 32 characters');
    return new TextEncoder().encode(options.secret);
  }
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    try {
      writeFileSync(options.keyFile, randomBytes(48).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process starting at the same time wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(options.keyFile, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`${options.keyFile}: the JWT key must be at least 32 bytes, base64-encoded`);
  return key;
}
