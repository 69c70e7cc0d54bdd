import { randomBytes, randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SignJWT, UnsecuredJWT } from 'jose';
import {
  AccessTokens, AuthStore, hashPassword, SignInFailureSweeper, newOpaqueToken, REFRESH_TOKEN_PREFIX, tokenDigest, verifyPassword,
} from '../src/auth/index.js';
import { freshTestDatabase } from '../src/testing/index.js';
import type { FreshDatabase } from '../src/db/index.js';

const Hashing = suite('passwords');

Hashing('argon2id hashes verify the right password only, and a garbage hash never throws', async () => {
  const hash = await hashPassword('correct horse');
  assert.ok(hash.startsWith('$argon2id$'), hash);
  assert.not.ok(hash.includes('correct horse'));
  assert.ok(await verifyPassword(hash, 'correct horse'));
  assert.not.ok(await verifyPassword(hash, 'Correct horse'));
  assert.not.ok(await verifyPassword('not-a-hash', 'correct horse'));
});

const Jwt = suite('access tokens');
const key = randomBytes(32);
const tokens = new AccessTokens(key, 900);
const claims = { userId: 'u1', username: 'ann', familyId: 'f1' };
const now = new Date('2026-01-01T10:00:00Z');

Jwt('a fresh token verifies to its claims', async () => {
  assert.equal(await tokens.verify(await tokens.issue(claims, now), now), claims);
});

Jwt('an expired token is refused', async () => {
  const token = await tokens.issue(claims, now);
  assert.is(await tokens.verify(token, new Date(now.getTime() + 901_000)), undefined);
});

Jwt('a tampered payload is refused', async () => {
  const [header, , signature] = (await tokens.issue(claims, now)).split('.');
  const forged = Buffer.from(JSON.stringify({ sub: 'admin-id', username: 'admin', fam: 'f1', iss: 'netraven', aud: 'netraven-api', exp: 9e9 })).toString('base64url');
  assert.is(await tokens.verify(`${header}.${forged}.${signature}`, now), undefined);
});

Jwt('a token signed with another key is refused', async () => {
  const other = new AccessTokens(randomBytes(32), 900);
  assert.is(await tokens.verify(await other.issue(claims, now), now), undefined);
});

Jwt('alg: none and other algorithms are refused', async () => {
  const unsecured = new UnsecuredJWT({ username: 'ann', fam: 'f1' }).setSubject('u1').setIssuer('netraven').setAudience('netraven-api')
    .setIssuedAt().setExpirationTime('10m').encode();
  assert.is(await tokens.verify(unsecured), undefined);
  const hs512 = await new SignJWT({ username: 'ann', fam: 'f1' }).setProtectedHeader({ alg: 'HS512' }).setSubject('u1')
    .setIssuer('netraven').setAudience('netraven-api').setIssuedAt().setExpirationTime('10m').sign(randomBytes(64));
  assert.is(await tokens.verify(hs512), undefined);
  assert.is(await tokens.verify('not.a.jwt'), undefined);
});

const Store = suite('auth store');
let database: FreshDatabase;
let store: AuthStore;
Store.before(async () => {
  database = await freshTestDatabase('netraven_auth');
  store = await AuthStore.open(database.connectionString);
});
Store.after(async () => {
  await store.close();
  await database.drop();
});

Store('a refresh token rotates once; presenting the old one again revokes the whole family', async () => {
  const familyId = randomUUID();
  const first = newOpaqueToken(REFRESH_TOKEN_PREFIX);
  const later = new Date(now.getTime() + 86_400_000);
  await store.storeRefreshToken({ digest: tokenDigest(first), familyId, userId: 'u1', issuedAt: now, expiresAt: later });
  assert.ok(await store.isFamilyActive(familyId, now));

  const second = newOpaqueToken(REFRESH_TOKEN_PREFIX);
  assert.equal(await store.rotateRefreshToken(tokenDigest(first), { digest: tokenDigest(second), expiresAt: later }, now),
    { status: 'rotated', userId: 'u1', familyId });
  const stolenReplay = await store.rotateRefreshToken(tokenDigest(first), { digest: tokenDigest(newOpaqueToken(REFRESH_TOKEN_PREFIX)), expiresAt: later }, now);
  assert.equal(stolenReplay, { status: 'reused', userId: 'u1', familyId });
  assert.not.ok(await store.isFamilyActive(familyId, now));
  const afterRevocation = await store.rotateRefreshToken(tokenDigest(second), { digest: tokenDigest(newOpaqueToken(REFRESH_TOKEN_PREFIX)), expiresAt: later }, now);
  assert.equal(afterRevocation, { status: 'invalid' }, 'the legitimate successor dies with its family');
});

Store('an expired or unknown refresh token is invalid', async () => {
  const token = newOpaqueToken(REFRESH_TOKEN_PREFIX);
  await store.storeRefreshToken({ digest: tokenDigest(token), familyId: randomUUID(), userId: 'u1', issuedAt: now, expiresAt: new Date(now.getTime() + 1000) });
  const next = { digest: tokenDigest(newOpaqueToken(REFRESH_TOKEN_PREFIX)), expiresAt: new Date(now.getTime() + 99_000) };
  assert.equal(await store.rotateRefreshToken(tokenDigest(token), next, new Date(now.getTime() + 2000)), { status: 'invalid' });
  assert.equal(await store.rotateRefreshToken(tokenDigest('nrr_unknown'), next, now), { status: 'invalid' });
});

Store('failures are counted per user and per address within the window; a success clears the user’s', async () => {
  for (let i = 0; i < 3; i++) await store.recordSignInFailure('ann', '10.0.0.1', now);
  await store.recordSignInFailure('bob', '10.0.0.1', now);
  await store.recordSignInFailure('ann', '10.0.0.9', new Date(now.getTime() - 600_000));
  const since = new Date(now.getTime() - 300_000);
  assert.equal(await store.recentFailures('ann', '10.0.0.1', since), { byUser: 3, byAddress: 4 });
  await store.clearFailures('ann');
  assert.equal(await store.recentFailures('ann', '10.0.0.1', since), { byUser: 0, byAddress: 1 });
});

Store('old failed sign-ins are swept; recent ones still count', async () => {
  await store.recordSignInFailure('old', '10.0.0.2', new Date(now.getTime() - 2 * 86_400_000));
  await store.recordSignInFailure('old', '10.0.0.2', new Date(now.getTime() - 60_000));
  const sweeper = new SignInFailureSweeper(store, { now: () => now });
  assert.is(await sweeper.sweep(), 1);
  assert.is(await sweeper.sweep(), 0);
  assert.equal(await store.recentFailures('old', '10.0.0.2', new Date(0)), { byUser: 1, byAddress: 1 });
});

Store('API tokens are found by digest, last use is written at most once a minute, and deletion stops them', async () => {
  const token = newOpaqueToken('nrv_');
  await store.storeApiToken('t1', tokenDigest(token));
  assert.is(await store.findApiTokenId(tokenDigest(token)), 't1');
  assert.is(await store.touchApiToken('t1', now), true, 'the first use of a minute is written');
  assert.is(await store.touchApiToken('t1', new Date(now.getTime() + 30_000)), false);
  assert.equal((await store.apiTokensLastUsed(['t1'])).get('t1'), now);
  assert.is(await store.touchApiToken('t1', new Date(now.getTime() + 60_000)), true, 'a minute later, again');
  await store.deleteApiToken('t1');
  assert.is(await store.findApiTokenId(tokenDigest(token)), undefined);
});

Hashing.run();
Jwt.run();
Store.run();
