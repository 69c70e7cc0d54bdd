import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf } from './access-fixture.js';
import { DEFAULT_MAX_BODY_BYTES } from '../src/hardening/http-guards.js';

const hardening = suite<{ fx: GatewayFixture }>('gateway hardening');
hardening.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
});
hardening.after(async (ctx) => {
  await ctx.fx.dispose();
});

hardening('a document nested deeper than the limit is refused before it runs', async ({ fx }) => {
  const deep = '{ jobs { nodes { devices { nodes { device { credential { id } } } } } } }';
  assert.is((await call(fx.url, fx.authorization.slice(7), deep)).errors, undefined);
  const nested = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`;
  const answer = await call(fx.url, fx.authorization.slice(7), nested);
  assert.match(answer.errors?.[0]?.message ?? '', /levels deep/);
});

hardening('a costly document is refused before it runs; an ordinary one is accepted', async ({ fx }) => {
  const token = fx.authorization.slice(7);
  const ordinary = await call(fx.url, token, '{ devices { nodes { id name tags snapshots { nodes { jobId } } } } jobs { nodes { id devices { nodes { deviceId status } } } } }');
  assert.is(ordinary.errors, undefined, JSON.stringify(ordinary));
  const costly = `{ ${Array.from({ length: 30 }, (_, i) => `j${i}: jobs { nodes { devices { nodes { deviceId } } } }`).join(' ')} }`;
  const answer = await call(fx.url, token, costly);
  assert.is(answer.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(answer));
  assert.match(answer.errors?.[0]?.message ?? '', /the query costs 6630; at most 5000 is allowed/);
  const fanOut = `{ ${Array.from({ length: 300 }, (_, i) => `d${i}: devices { nodes { snapshots { nodes { jobId } } } }`).join(' ')} }`;
  assert.match((await call(fx.url, token, fanOut)).errors?.[0]?.message ?? '', /the query costs over 50000/);
  const viaFragments = 'fragment J on Job { devices { nodes { device { snapshots { nodes { jobId } } } } } } { a: jobs { nodes { ...J } } b: jobs { nodes { ...J } } c: jobs { nodes { ...J } } }';
  assert.is(codeOf(await call(fx.url, token, viaFragments)), 'BAD_USER_INPUT', 'fragments are counted where they are spread');
});

hardening('an oversized body is refused with 413 without being read', async ({ fx }) => {
  const body = JSON.stringify({ query: '{ me { username } }', variables: { pad: 'x'.repeat(DEFAULT_MAX_BODY_BYTES + 1024) } });
  const response = await fetch(fx.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: fx.authorization }, body });
  assert.is(response.status, 413);
});

hardening('secure headers on every answer; no CORS grant without configured origins', async ({ fx }) => {
  const response = await fetch(fx.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"query":"{ me { username } }"}' });
  assert.is(response.headers.get('x-content-type-options'), 'nosniff');
  assert.is(response.headers.get('x-frame-options'), 'DENY');
  assert.is(response.headers.get('cache-control'), 'no-store');
  assert.is(response.headers.get('access-control-allow-origin'), null);
  const preflight = await fetch(fx.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.is(preflight.headers.get('access-control-allow-origin'), null);
});

hardening.run();
