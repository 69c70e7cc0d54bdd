import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';

// Queries run compiled (graphql-jit) where that answers exactly as graphql-js would: these are the cases where
// the compiled path alone would answer differently, and the gateway keeps graphql-js's answer.

interface Answer { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }

async function post(fx: GatewayFixture, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(fx.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: fx.authorization }, body: JSON.stringify(body) });
  return (await response.json()) as Answer;
}

const compiled = suite<{ fx: GatewayFixture }>('compiled queries answer as graphql-js does');
compiled.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
});
compiled.after(async (ctx) => {
  await ctx.fx.dispose();
});

compiled('a document of several operations runs the one named, each time', async ({ fx }) => {
  const query = 'query Me { me { username } } query Count { devices(first: 1) { totalCount } }';
  for (const name of ['Me', 'Count', 'Me', 'Count']) {
    const answer = await post(fx, { query, operationName: name });
    assert.is(answer.errors, undefined, JSON.stringify(answer));
    assert.equal(Object.keys(answer.data ?? {}), [name === 'Me' ? 'me' : 'devices'], `operation ${name}`);
  }
});

compiled('a variable refused after the same query ran compiled is a typed refusal naming it', async ({ fx }) => {
  const query = 'query($kind: JobKind, $first: Int) { jobs(kind: $kind, first: $first) { totalCount nodes { id } } }';
  for (let i = 0; i < 2; i++) assert.is((await post(fx, { query, variables: { kind: 'BACKUP', first: 5 } })).errors, undefined);
  for (const [variables, field] of [[{ kind: 'backup' }, 'kind'], [{ first: 'five' }, 'first'], [{ first: 2 ** 40 }, 'first']] as const) {
    const answer = await post(fx, { query, variables });
    assert.is(answer.data, undefined, JSON.stringify(answer));
    assert.is(answer.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', JSON.stringify(answer));
    assert.is(answer.errors?.[0]?.extensions?.['field'], field, JSON.stringify(answer));
  }
});

compiled('a resolver\'s typed error keeps its code and path on the compiled path', async ({ fx }) => {
  const query = 'query($id: ID!) { device(id: $id) { id name } }';
  const answer = await post(fx, { query, variables: { id: 'no-such-device' } });
  const missing = answer.data?.['device'] === null || answer.errors?.some((e) => e.extensions?.['code'] === 'NOT_FOUND');
  assert.ok(missing, JSON.stringify(answer));
  if (answer.errors) assert.ok(answer.errors.every((e) => e.extensions?.['code'] !== 'INTERNAL_SERVER_ERROR'), JSON.stringify(answer));
});

compiled.run();
