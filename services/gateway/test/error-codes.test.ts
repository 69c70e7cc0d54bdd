import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import { ERROR_CODES } from '../src/errors/error-codes.js';
import { GraphQLError } from 'graphql';
import { fieldOfVariableError, maskError } from '../src/gateway-server.js';
import { graphql, openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { createUser, login } from './access-fixture.js';
import { DEFAULT_MAX_BODY_BYTES } from '../src/hardening/http-guards.js';

interface Refusal { status: number; errors: Array<{ message: string; extensions?: { code?: string; field?: string } }> }
interface Ctx { fx: GatewayFixture; admin: string; viewer: string; credentialId: string }

async function send(fx: GatewayFixture, init: { token?: string; body?: string; query?: string; variables?: Record<string, unknown>; operationName?: string; method?: string }): Promise<Refusal> {
  const response = await fetch(fx.url, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body ?? JSON.stringify({ query: init.query, variables: init.variables ?? {}, ...(init.operationName ? { operationName: init.operationName } : {}) }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Refusal, 'status'>) };
}

const it = suite<Ctx>('typed errors: every code a client receives is a member of the ErrorCode enum');

it.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  ctx.admin = ctx.fx.authorization.slice(7);
  await createUser(ctx.fx, 'vera', 'VIEWER');
  ctx.viewer = (await login(ctx.fx.url, 'vera', 'vera-password')).accessToken;
  const { createCredential } = await graphql<{ createCredential: { id: string } }>(ctx.fx.url,
    'mutation { createCredential(input: { name: "lab", username: "netops", password: "device-secret" }) { id } }');
  ctx.credentialId = createCredential.id;
});
it.after(async (ctx) => {
  await ctx.fx.dispose();
});

it('the schema publishes the enum the gateway emits from', async ({ fx }) => {
  const { __type } = await graphql<{ __type: { enumValues: Array<{ name: string; description: string }> } }>(fx.url, '{ __type(name: "ErrorCode") { enumValues { name description } } }');
  assert.equal(__type.enumValues.map((v) => v.name).sort(), [...ERROR_CODES].sort());
  assert.ok(__type.enumValues.every((v) => v.description.length > 10), 'each code is documented');
});

it('a set of bad calls: each answers the expected code from the enum, and bad arguments name their field', async (ctx) => {
  const { fx, admin, viewer, credentialId } = ctx;
  const cases: Array<[string, Promise<Refusal>, string, string?]> = [
    ['parse error', send(fx, { token: admin, query: '{ devices { nodes { id }' }), 'GRAPHQL_PARSE_FAILED'],
    ['unknown field', send(fx, { token: admin, query: '{ devices { nodes { nope } } }' }), 'GRAPHQL_VALIDATION_FAILED'],
    ['variable of the wrong type', send(fx, { token: admin, query: 'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
      variables: { input: { name: 'x', host: 'h', platform: 'cisco_ios', credentialId, port: 'twenty-two' } } }), 'BAD_USER_INPUT', 'port'],
    ['wrong type in a list', send(fx, { token: admin, query: 'mutation($t: [String!]!) { tagDevice(id: "x", tags: $t) { id } }', variables: { t: ['a', { b: 1 }] } }), 'BAD_USER_INPUT', 't'],
    ['domain validation', send(fx, { token: admin, query: 'mutation($input: RegisterDeviceInput!) { registerDevice(input: $input) { id } }',
      variables: { input: { name: 'x', host: '; rm -rf /', platform: 'cisco_ios', credentialId } } }), 'BAD_USER_INPUT', 'host'],
    ['page over the maximum', send(fx, { token: admin, query: '{ jobs(first: 5000) { nodes { id } } }' }), 'BAD_USER_INPUT', 'first'],
    ['cursor of nothing', send(fx, { token: admin, query: '{ devices(after: "bm90IGEgY3Vyc29y") { nodes { id } } }' }), 'BAD_USER_INPUT', 'after'],
    ['unknown id', send(fx, { token: admin, query: 'mutation { scheduleBackup(input: { deviceIds: ["no-such-device"] }) { id } }' }), 'NOT_FOUND', 'deviceIds'],
    ['conflict', send(fx, { token: admin, query: 'mutation { createCredential(input: { name: "LAB", username: "u", password: "p" }) { id } }' }), 'CONFLICT'],
    ['forbidden', send(fx, { token: viewer, query: 'mutation { createCredential(input: { name: "v", username: "u", password: "p" }) { id } }' }), 'FORBIDDEN'],
    ['unauthenticated', send(fx, { query: '{ devices { nodes { id } } }' }), 'UNAUTHENTICATED'],
    ['forged token', send(fx, { token: 'a.b.c', query: '{ me { username } }' }), 'UNAUTHENTICATED'],
    ['too deep', send(fx, { token: admin, query: '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }' }), 'BAD_USER_INPUT'],
    ['too costly', send(fx, { token: admin, query: '{ devices(first: 1000) { nodes { snapshots(first: 1000) { nodes { commit } } } } }' }), 'BAD_USER_INPUT'],
    ['page too large', send(fx, { token: admin, query: '{ devices(first: 5000) { nodes { id } } }' }), 'BAD_USER_INPUT'],
    ['broken body', send(fx, { token: admin, body: '{"query": ' }), 'BAD_REQUEST'],
    ['unknown operation name', send(fx, { token: admin, query: 'query A { me { username } }', operationName: 'B' }), 'BAD_REQUEST'],
    ['oversized body', send(fx, { token: admin, body: JSON.stringify({ query: '{ me { username } }', variables: { pad: 'x'.repeat(DEFAULT_MAX_BODY_BYTES + 1024) } }) }), 'PAYLOAD_TOO_LARGE'],
  ];
  for (const [name, answer, code, field] of cases) {
    const { errors } = await answer;
    assert.ok(errors?.length, `${name}: refused`);
    for (const error of errors) assert.ok((ERROR_CODES as readonly string[]).includes(error.extensions?.code ?? ''), `${name}: ${JSON.stringify(error)}`);
    assert.is(errors[0]?.extensions?.code, code, `${name}: ${JSON.stringify(errors)}`);
    if (field) assert.is(errors[0]?.extensions?.field, field, `${name}: names ${field}`);
  }
});

it('a failure on our side is INTERNAL_SERVER_ERROR, its details masked', async ({ fx, admin }) => {
  await sql`alter table schedules rename to schedules_away`.execute(fx.db);
  try {
    const { errors } = await send(fx, { token: admin, query: '{ schedules { nodes { id } } }' });
    assert.is(errors[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR', JSON.stringify(errors));
    assert.not.match(errors[0]?.message ?? '', 'schedules', 'no SQL detail leaks');
  } finally {
    await sql`alter table schedules_away rename to schedules`.execute(fx.db);
  }
});

it('a database out of reach is SERVICE_UNAVAILABLE; a failing statement stays INTERNAL_SERVER_ERROR', () => {
  const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });
  const unavailable = [
    withCode('connect ECONNREFUSED 127.0.0.1:54329', 'ECONNREFUSED'),
    withCode('terminating connection due to unexpected postmaster exit', '57P02'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('the database system is starting up', '57P03'),
    withCode('connection failure', '08006'),
    new Error('Connection terminated unexpectedly'),
  ];
  for (const error of unavailable) {
    const masked = maskError(new GraphQLError(error.message, { originalError: error, path: ['devices'] }), 'Unexpected error.');
    assert.instance(masked, GraphQLError);
    assert.is((masked as GraphQLError).extensions['code'], 'SERVICE_UNAVAILABLE', error.message);
    assert.not.match(masked.message, /127\.0\.0\.1|postmaster/, 'no detail of the setup leaks');
    assert.equal((masked as GraphQLError).path, ['devices']);
  }
  const statement = withCode('relation "schedules" does not exist', '42P01');
  const masked = maskError(new GraphQLError(statement.message, { originalError: statement, path: ['schedules'] }), 'Unexpected error.');
  assert.is((masked as GraphQLError).extensions['code'], 'INTERNAL_SERVER_ERROR');
});

it('the field of a refused variable is the last named step of its path', () => {
  assert.is(fieldOfVariableError('Variable "$input" got invalid value "x" at "input.tags[0]"; String cannot represent'), 'tags');
  assert.is(fieldOfVariableError('Variable "$first" got invalid value "x"; Int cannot represent'), 'first');
  assert.is(fieldOfVariableError('Cannot query field "x"'), undefined);
});

it.run();
