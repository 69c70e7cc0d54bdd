import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getNamedType, isListType, getNullableType, isObjectType, Kind, parse, validate, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { schema } from '../src/index.js';
import { DEFAULT_MAX_QUERY_COST } from '../src/hardening/cost-limit.js';
import { pageSizeOf } from '../src/hardening/page-size.js';
import { operationCost } from '../src/hardening/query-cost.js';
import { openGatewayFixture, type GatewayFixture } from './gateway-fixture.js';
import { call, codeOf } from './access-fixture.js';

const cost = suite<{ fx: GatewayFixture; token: string }>('query cost: a list counts the rows its page can return');
cost.before(async (ctx) => {
  ctx.fx = await openGatewayFixture();
  ctx.token = ctx.fx.authorization.slice(7);
});
cost.after(async (ctx) => {
  await ctx.fx.dispose();
});

const costOf = (document: DocumentNode, variables: Record<string, unknown> = {}): number => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operations.reduce((sum, operation) => sum + operationCost(schema, operation, fragments, variables, { limit: Number.MAX_SAFE_INTEGER, assumedListRows: 10 }), 0);
};

cost('a connection counts its first, its default page when absent, and a nested page multiplies', () => {
  assert.is(costOf(parse('{ devices(first: 1000) { nodes { id name } } }')), 1000);
  assert.is(costOf(parse('{ devices { nodes { id } totalCount pageInfo { hasNextPage } } }')), 100 + 1, 'the default page is 100; pageInfo is one object');
  assert.is(costOf(parse('{ devices(first: 1000) { nodes { id snapshots(first: 1000) { nodes { commit } } } } }')), 1000 + 1000 * 1000);
  assert.is(costOf(parse('query($n: Int) { jobs(first: $n) { nodes { devices(last: 7) { nodes { device { id } } } } } }'), { n: 3 }), 3 * (1 + 7 * 2));
  assert.is(costOf(parse('query($n: Int = 4) { jobs(first: $n) { nodes { id } } }')), 4, 'a variable’s default counts when it is not given');
  assert.is(costOf(parse('{ a: devices(first: 5) { nodes { id } } b: devices(limit: 6) { edges { node { id } } } }')), 5 + 6 * 2, 'the old limit counts; an edge and its node are two objects');
});

cost('a costly nesting is refused before anything runs; the same query with a small page runs', async ({ fx, token }) => {
  const query = 'query($n: Int) { devices(first: 1000) { nodes { id snapshots(first: $n) { nodes { commit } } } } }';
  const refused = await call(fx.url, token, query, { n: 1000 });
  assert.is(codeOf(refused), 'BAD_USER_INPUT', JSON.stringify(refused));
  assert.match(refused.errors?.[0]?.message ?? '', new RegExp(`costs over ${DEFAULT_MAX_QUERY_COST}; at most ${DEFAULT_MAX_QUERY_COST}`));
  assert.is(refused.data ?? null, null, 'nothing ran');
  const accepted = await call(fx.url, token, query, { n: 10 });
  assert.is(accepted.errors, undefined, JSON.stringify(accepted));
});

cost('a page above its maximum is refused up front, naming the argument, even where no row would reach it', async ({ fx, token }) => {
  const top = await call(fx.url, token, '{ devices(first: 1000000) { nodes { id } } }');
  assert.is(codeOf(top), 'BAD_USER_INPUT');
  assert.is((top.errors?.[0]?.extensions as { field?: string } | undefined)?.field, 'first');
  assert.match(top.errors?.[0]?.message ?? '', /first must be at most 1000 on devices \(got 1000000\)/);
  // No job exists: the resolver of `devices` under a job would never run, yet the document is refused.
  const nested = await call(fx.url, token, 'query($n: Int) { jobs { nodes { devices(last: $n) { nodes { deviceId } } } } }', { n: 5000 });
  assert.is(codeOf(nested), 'BAD_USER_INPUT', JSON.stringify(nested));
  assert.is((nested.errors?.[0]?.extensions as { field?: string } | undefined)?.field, 'last');
  const logs = await call(fx.url, token, '{ jobs { nodes { logs(first: 20000) { message } } } }');
  assert.is(codeOf(logs), 'BAD_USER_INPUT');
  assert.match(logs.errors?.[0]?.message ?? '', /first must be at most 10000 on logs/);
});

cost('every connection and every list with a page argument declares its page size', () => {
  const undeclared: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const connection = getNamedType(field.type).name.endsWith('Connection');
      const sizedList = isListType(getNullableType(field.type)) && field.args.some((a) => ['first', 'last', 'limit'].includes(a.name));
      if ((connection || sizedList) && !pageSizeOf(field)) undeclared.push(`${type.name}.${field.name}`);
    }
  }
  assert.equal(undeclared, []);
});

const WEB_API = fileURLToPath(new URL('../../../web/src/api/', import.meta.url));

cost('every document of the web console is valid and within the limit', async () => {
  const documents: Array<[string, string]> = [];
  // The largest variables the console's pages send: the changes feed's most jobs, the jobs page's 100.
  const { MAX_CHANGE_JOBS } = (await import(`${WEB_API}configs.ts`)) as { MAX_CHANGE_JOBS: number };
  const variables = { first: MAX_CHANGE_JOBS, limit: 100 };
  for (const file of (await readdir(WEB_API)).filter((f) => f.endsWith('.ts') && f !== 'client.ts')) {
    const module = (await import(`${WEB_API}${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'string' && /^\s*(query|mutation|subscription|\{)/.test(value)) documents.push([`${file}:${name}`, value]);
      if (typeof value === 'function' && /^SET_/.test(name)) documents.push([`${file}:${name}`, (value as (flag: boolean) => string)(true)]);
    }
  }
  assert.ok(documents.length > 40, `found ${documents.length} documents`);
  for (const [name, text] of documents) {
    const document = parse(text);
    assert.equal(validate(schema, document).map((e) => e.message), [], name);
    const figure = costOf(document, variables);
    assert.ok(figure <= DEFAULT_MAX_QUERY_COST, `${name} costs ${figure}`);
  }
});

cost.run();
