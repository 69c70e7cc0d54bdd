import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call } from './access-fixture.js';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { signInAtProvider } from './oidc-browser.js';
import { freePort, OIDC_CLIENT, startIdentityProvider, type TestIdentityProvider } from './oidc-provider-fixture.js';

interface Context { fx: GatewayFixture; idp: TestIdentityProvider; origin: string; accounts: Record<string, string[]> }

const accounts = (): Record<string, string[]> => ({ alice: ['netops-admins', 'staff'], oscar: ['netops'], victor: ['noc'], eve: ['marketing'] });
const GROUPS = 'netops-admins=ADMIN;netops=OPERATOR:core,edge;noc=VIEWER';

const oidc = suite<Context>('OIDC sign-in against a real provider');
oidc.before.each(async (ctx) => {
  const port = await freePort();
  ctx.origin = `http://127.0.0.1:${port}`;
  ctx.accounts = accounts();
  ctx.idp = await startIdentityProvider(`${ctx.origin}/auth/oidc/callback`, ctx.accounts);
  ctx.fx = await openGatewayFixture({ port, oidc: { issuer: ctx.idp.issuer, ...OIDC_CLIENT, groups: GROUPS } });
});
oidc.after.each(async (ctx) => {
  await ctx.fx.dispose();
  await ctx.idp.close();
});

interface Finished { accessToken: string; refreshToken: string; user: { username: string; role: string; tags: string[] } }

async function finish(callback: URL): Promise<{ status: number; body: Finished & { error?: { code: string; message: string } } }> {
  const response = await fetch(callback, { headers: { accept: 'application/json' }, redirect: 'manual' });
  return { status: response.status, body: (await response.json()) as Finished & { error?: { code: string; message: string } } };
}

oidc('sign-in through the provider gives NetRaven tokens; the groups choose role and tags', async ({ fx, origin }) => {
  const alice = await finish(await signInAtProvider(origin, 'alice'));
  assert.is(alice.status, 200, JSON.stringify(alice.body).slice(0, 600));
  assert.equal(alice.body.user, { username: 'alice', role: 'ADMIN', tags: [] });
  const me = await call<{ me: { username: string; role: string } }>(fx.url, alice.body.accessToken, '{ me { username role } }');
  assert.equal(me.data?.me, { username: 'alice', role: 'ADMIN' });
  const refreshed = await call<{ refresh: { refreshToken: string } }>(fx.url, undefined,
    'mutation($r: String!) { refresh(refreshToken: $r) { refreshToken } }', { r: alice.body.refreshToken });
  assert.ok(refreshed.data?.refresh.refreshToken, 'the refresh token is NetRaven\'s own');

  const oscar = await finish(await signInAtProvider(origin, 'oscar'));
  assert.equal(oscar.body.user, { username: 'oscar', role: 'OPERATOR', tags: ['core', 'edge'] });
  const victor = await finish(await signInAtProvider(origin, 'victor'));
  assert.equal(victor.body.user, { username: 'victor', role: 'VIEWER', tags: [] });
  const denied = await call(fx.url, victor.body.accessToken, '{ users { nodes { id } } }');
  assert.is(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN');

  const { users: { nodes: users } } = await graphql<{ users: { nodes: Array<{ username: string; external: boolean }> } }>(fx.url, '{ users { nodes { username external } } }');
  assert.equal(users.map((u) => [u.username, u.external]), [['admin', false], ['alice', true], ['oscar', true], ['victor', true]]);
  const signedIn = await fx.store.readAll({ filter: { eventTypes: ['SignedIn'] } });
  assert.equal(signedIn.filter((e) => (e.data as { method?: string }).method === 'oidc').map((e) => (e.data as { username: string }).username), ['alice', 'oscar', 'victor']);
  const events = JSON.stringify(await fx.store.readAll({}), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  for (const secret of [OIDC_CLIENT.clientSecret, alice.body.accessToken, alice.body.refreshToken, new URL(await signInAtProvider(origin, 'alice')).searchParams.get('code') ?? 'none'])
    assert.not.ok(events.includes(secret), 'no client secret, code or token in the event log');
});

oidc('signing in again keeps the same user and applies the groups it has now; a disabled user is refused', async ({ fx, origin, accounts }) => {
  const first = await finish(await signInAtProvider(origin, 'oscar'));
  accounts['oscar'] = ['noc'];
  const second = await finish(await signInAtProvider(origin, 'oscar'));
  assert.is(second.status, 200);
  assert.equal(second.body.user, { username: 'oscar', role: 'VIEWER', tags: [] });
  assert.is(first.body.user.username, second.body.user.username);
  const { users: { nodes: users } } = await graphql<{ users: { nodes: Array<{ id: string; username: string }> } }>(fx.url, '{ users { nodes { id username } } }');
  const oscar = users.filter((u) => u.username === 'oscar');
  assert.is(oscar.length, 1);
  await graphql(fx.url, 'mutation($id: ID!) { disableUser(id: $id) { id } }', { id: oscar[0]?.id });
  const disabled = await finish(await signInAtProvider(origin, 'oscar'));
  assert.is(disabled.status, 403);
  assert.match(disabled.body.error?.message ?? '', /disabled/);
});

oidc('a user in no mapped group is refused and nothing is signed in', async ({ fx, origin }) => {
  const eve = await finish(await signInAtProvider(origin, 'eve'));
  assert.is(eve.status, 403);
  assert.is(eve.body.error?.code, 'FORBIDDEN');
  assert.not.ok(eve.body.accessToken);
  assert.is((await fx.store.readAll({ filter: { eventTypes: ['SignedIn'] } })).filter((e) => (e.data as { method?: string }).method === 'oidc').length, 0);
  const failed = await fx.store.readAll({ filter: { eventTypes: ['SignInFailed'] } });
  assert.equal(failed.map((e) => (e.data as { reason: string; method: string })).map((d) => [d.reason, d.method]), [['no-mapped-group', 'oidc']]);
  const { users: { nodes: users } } = await graphql<{ users: { nodes: Array<{ username: string }> } }>(fx.url, '{ users { nodes { username } } }');
  assert.equal(users.map((u) => u.username), ['admin']);
});

oidc('a bad, missing or replayed state is refused with 400', async ({ fx, origin }) => {
  const callback = await signInAtProvider(origin, 'alice');
  const forged = new URL(callback);
  forged.searchParams.set('state', 'forged-state');
  const bad = await finish(forged);
  assert.is(bad.status, 400);
  assert.is(bad.body.error?.code, 'BAD_STATE');
  assert.match(bad.body.error?.message ?? '', /state/);
  const none = new URL(callback);
  none.searchParams.delete('state');
  assert.is((await finish(none)).status, 400);
  assert.is((await finish(callback)).status, 200, 'the genuine callback still works once');
  const replay = await finish(callback);
  assert.is(replay.status, 400, 'a state works once');
  assert.match(replay.body.error?.message ?? '', /already used/);
  const html = await fetch(forged);
  assert.is(html.status, 400);
  assert.match(await html.text(), /Sign-in refused/);
  assert.is((await fx.store.readAll({ filter: { eventTypes: ['SignedIn'] } })).filter((e) => (e.data as { method?: string }).method === 'oidc').length, 1);
});

oidc('a local user\'s name cannot be taken over through the provider; OIDC users have no password', async ({ fx, origin }) => {
  await graphql(fx.url, 'mutation { createUser(input: { username: "victor", password: "victor-password", role: ADMIN }) { id } }');
  const victor = await finish(await signInAtProvider(origin, 'victor'));
  assert.is(victor.status, 403);
  assert.match(victor.body.error?.message ?? '', /password/);
  await finish(await signInAtProvider(origin, 'oscar'));
  const login = await call(fx.url, undefined, 'mutation { login(input: { username: "oscar", password: "any-password" }) { accessToken } }');
  assert.is(login.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
});

oidc.run();
