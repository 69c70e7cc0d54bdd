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
  // 60 × (100 jobs + 100 × 100 job devices) at the default pages: 606,000 objects.
  const costly = `{ ${Array.from({ length: 60 }, (_, i) => `j${i}: jobs { nodes { devices { nodes { deviceId } } } }`).join(' ')} }`;
  const answer = await call(fx.url, token, costly);
  assert.is(answer.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(answer));
  assert.match(answer.errors?.[0]?.message ?? '', /the query costs over 500000; at most 500000 is allowed/);
  const viaFragments = 'fragment J on Job { devices(first: 1000) { nodes { device { snapshots(first: 1000) { nodes { jobId } } } } } } { a: jobs(first: 1) { nodes { ...J } } }';
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
