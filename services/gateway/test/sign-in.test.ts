import { eventually } from '@netraven/infra/testing';
import { sql } from 'kysely';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf, createUser, login } from './access-fixture.js';

const signIn = suite<{ fx: GatewayFixture }>('sign-in, sessions and API tokens over GraphQL');
signIn.before.each(async (ctx) => {
  ctx.fx = await openGatewayFixture();
});
signIn.after.each(async (ctx) => {
  await ctx.fx.dispose();
});

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken user { username role tags } } }';
const REFRESH = 'mutation($r: String!) { refresh(refreshToken: $r) { accessToken refreshToken } }';

signIn('login answers the contract; a wrong password or unknown user is UNAUTHENTICATED', async ({ fx }) => {
  const { password } = await createUser(fx, 'ann', 'VIEWER', ['core']);
  const ok = await call<{ login: { user: unknown } }>(fx.url, undefined, LOGIN, { i: { username: 'ann', password } });
  assert.equal(ok.data?.login.user, { username: 'ann', role: 'VIEWER', tags: ['core'] });
  assert.is(codeOf(await call(fx.url, undefined, LOGIN, { i: { username: 'ann', password: 'wrong-password' } })), 'UNAUTHENTICATED');
  assert.is(codeOf(await call(fx.url, undefined, LOGIN, { i: { username: 'nobody', password: 'whatever-1' } })), 'UNAUTHENTICATED');
  assert.is(codeOf(await call(fx.url, 'garbage.token.here', '{ devices { nodes { id } } }')), 'UNAUTHENTICATED');
});

signIn('five failures in a row lock the username out, even for the right password', async ({ fx }) => {
  const { password } = await createUser(fx, 'bob', 'VIEWER');
  for (let i = 0; i < 5; i++) await call(fx.url, undefined, LOGIN, { i: { username: 'bob', password: `wrong-${i}-password` } });
  const locked = await call(fx.url, undefined, LOGIN, { i: { username: 'bob', password } });
  assert.is(codeOf(locked), 'UNAUTHENTICATED');
  assert.match(locked.errors?.[0]?.message ?? '', /too many failed sign-ins/);
  // The global log is read up to the oldest transaction still open: wait until the append is readable there.
  await eventually('a throttled SignInFailed in the log', async () => {
    const events = await fx.store.readAll({ filter: { eventTypes: ['SignInFailed'] } });
    return events.some((e) => (e.data as { reason: string }).reason === 'throttled') ? true : undefined;
  }, 5_000);
});

signIn('a refresh token works once; presenting it again revokes the session it belongs to', async ({ fx }) => {
  const { password } = await createUser(fx, 'cid', 'OPERATOR');
  const first = await login(fx.url, 'cid', password);
  const rotated = await call<{ refresh: { accessToken: string; refreshToken: string } }>(fx.url, undefined, REFRESH, { r: first.refreshToken });
  const next = rotated.data?.refresh;
  assert.ok(next && next.refreshToken !== first.refreshToken);
  assert.is((await call(fx.url, next.accessToken, '{ me { username } }')).errors, undefined);
  const replay = await call(fx.url, undefined, REFRESH, { r: first.refreshToken });
  assert.is(codeOf(replay), 'UNAUTHENTICATED');
  assert.is(codeOf(await call(fx.url, undefined, REFRESH, { r: next.refreshToken })), 'UNAUTHENTICATED', 'the successor died with its family');
  assert.is(codeOf(await call(fx.url, next.accessToken, '{ me { username } }')), 'UNAUTHENTICATED', 'so did its access token');
  const revoked = await eventually('SessionRevoked in the log', async () => (await fx.store.readAll({ filter: { eventTypes: ['SessionRevoked'] } }))[0], 5_000);
  assert.is((revoked.data as { reason: string }).reason, 'refresh-token-reused');
});

signIn('logout ends the session; a disabled user is cut off at once', async ({ fx }) => {
  const { id, password } = await createUser(fx, 'dee', 'OPERATOR');
  const session = await login(fx.url, 'dee', password);
  assert.is((await call<{ logout: boolean }>(fx.url, session.accessToken, 'mutation { logout }')).data?.logout, true);
  assert.is(codeOf(await call(fx.url, session.accessToken, '{ devices { nodes { id } } }')), 'UNAUTHENTICATED');
  const again = await login(fx.url, 'dee', password);
  await graphql(fx.url, 'mutation($id: ID!) { disableUser(id: $id) { disabled } }', { id });
  assert.is(codeOf(await call(fx.url, again.accessToken, '{ devices { nodes { id } } }')), 'UNAUTHENTICATED');
  assert.is(codeOf(await call(fx.url, undefined, LOGIN, { i: { username: 'dee', password } })), 'UNAUTHENTICATED');
  await graphql(fx.url, 'mutation($id: ID!) { enableUser(id: $id) { disabled } }', { id });
  await login(fx.url, 'dee', password);
});

signIn('a required password change: only me and changePassword until it is done', async ({ fx }) => {
  const { createUser: user } = await graphql<{ createUser: { passwordChangeRequired: boolean } }>(fx.url,
    'mutation { createUser(input: { username: "eve", password: "temporary-1", role: VIEWER, requirePasswordChange: true }) { passwordChangeRequired } }');
  assert.is(user.passwordChangeRequired, true);
  const { accessToken } = await login(fx.url, 'eve', 'temporary-1');
  assert.is(codeOf(await call(fx.url, accessToken, '{ devices { nodes { id } } }')), 'FORBIDDEN');
  assert.is((await call<{ me: { passwordChangeRequired: boolean } }>(fx.url, accessToken, '{ me { passwordChangeRequired } }')).data?.me.passwordChangeRequired, true);
  const changed = await call(fx.url, accessToken, 'mutation { changePassword(input: { currentPassword: "temporary-1", newPassword: "my-own-secret" }) { username } }');
  assert.is(changed.errors, undefined, JSON.stringify(changed.errors));
  assert.is((await call(fx.url, accessToken, '{ devices { nodes { id } } }')).errors, undefined);
});

signIn('API tokens: shown once, stored as a digest, last use recorded, revocable', async ({ fx }) => {
  const { createApiToken } = await graphql<{ createApiToken: { token: string; apiToken: { id: string } } }>(fx.url,
    'mutation { createApiToken(input: { name: "nightly", role: VIEWER, tags: [] }) { token apiToken { id } } }');
  const { token, apiToken } = createApiToken;
  assert.ok(token.startsWith('nrv_'));
  assert.equal((await call<{ me: unknown }>(fx.url, token, '{ me { username role kind } }')).data?.me, { username: 'nightly', role: 'VIEWER', kind: 'token' });
  assert.is(codeOf(await call(fx.url, token, 'mutation { scheduleBackup(input: { tags: ["x"] }) { id } }')), 'FORBIDDEN');
  const { apiTokens } = await graphql<{ apiTokens: Array<{ id: string; lastUsedAt: string | null }> }>(fx.url, '{ apiTokens { id lastUsedAt } }');
  assert.ok(apiTokens.find((t) => t.id === apiToken.id)?.lastUsedAt);
  await graphql(fx.url, 'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: apiToken.id });
  assert.is(codeOf(await call(fx.url, token, '{ me { username } }')), 'UNAUTHENTICATED');
});

signIn('no password, hash or token in the event log or the read models', async ({ fx }) => {
  const { password } = await createUser(fx, 'fay', 'ADMIN');
  const session = await login(fx.url, 'fay', password);
  const { createApiToken } = await call<{ createApiToken: { token: string } }>(fx.url, session.accessToken,
    'mutation { createApiToken(input: { name: "scan", role: VIEWER, tags: [] }) { token } }').then((a) => a.data ?? { createApiToken: { token: 'missing' } });
  await call(fx.url, undefined, REFRESH, { r: session.refreshToken });
  await call(fx.url, session.accessToken, 'mutation { changePassword(input: { currentPassword: "fay-password", newPassword: "fay-new-password" }) { id } }');
  const { rows: hashes } = await sql<{ hash: string }>`SELECT hash FROM auth.passwords`.execute(fx.db);
  const secrets = [password, 'fay-new-password', session.accessToken, session.refreshToken, createApiToken.token, ...hashes.map((h) => h.hash)];
  const text = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  // The table itself, not readAll: the global read stops at the oldest open transaction.
  const events = text((await sql`SELECT event_type, data, metadata FROM eventstore.events`.execute(fx.db)).rows);
  const tables = ['users', 'api_tokens', 'logs', 'credentials', 'devices', 'jobs'];
  const readModels = (await Promise.all(tables.map(async (t) => text((await sql`SELECT * FROM ${sql.table(t)}`.execute(fx.db)).rows)))).join('\n');
  for (const secret of secrets) {
    assert.not.ok(events.includes(secret), `event log holds ${secret.slice(0, 12)}…`);
    assert.not.ok(readModels.includes(secret), `read models hold ${secret.slice(0, 12)}…`);
  }
  assert.ok(events.includes('UserPasswordChanged') && events.includes('SignedIn') && events.includes('ApiTokenCreated'));
});

signIn('an API token\'s use is an event, at most once a minute, with the address', async ({ fx }) => {
  const { createApiToken } = await graphql<{ createApiToken: { token: string } }>(fx.url,
    'mutation { createApiToken(input: { name: "backup-script", role: VIEWER }) { token } }');
  for (let i = 0; i < 3; i++) assert.is((await call(fx.url, createApiToken.token, '{ devices { nodes { id } } }')).errors, undefined);
  const used = await fx.store.readAll({ filter: { eventTypes: ['ApiTokenUsed'] } });
  assert.is(used.length, 1);
  assert.equal({ ...(used[0]?.data as Record<string, unknown>), tokenId: undefined, at: undefined },
    { tokenId: undefined, name: 'backup-script', address: '127.0.0.1', at: undefined });
  assert.is(used[0]?.metadata.actor, 'token:backup-script');
  assert.not.ok(JSON.stringify(used.map((e) => [e.data, e.metadata])).includes(createApiToken.token), 'the token itself is not in the event');
});

signIn.run();
