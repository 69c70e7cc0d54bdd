import * as assert from 'uvu/assert';
import { sql } from 'kysely';
import type { GatewayFixture } from './gateway-fixture.js';

export interface GraphQLAnswer {
  readonly status: number;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** One request as a script would send it; `body` overrides the JSON body for raw, malformed payloads. */
export async function ask(fx: GatewayFixture, query: string, variables: Record<string, unknown> = {}, body?: string): Promise<GraphQLAnswer> {
  const response = await fetch(fx.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: fx.authorization },
    body: body ?? JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as Omit<GraphQLAnswer, 'status'>) };
  } catch {
    return { status: response.status, errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
}

export async function eventCount(fx: GatewayFixture): Promise<number> {
  const { rows } = await sql<{ count: string }>`SELECT count(*) AS count FROM eventstore.events`.execute(fx.db);
  return Number(rows[0]?.count ?? 0);
}

const codesOf = (answer: GraphQLAnswer): string[] => (answer.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');

/** The request is refused with `code` (and `field`, when given), nothing is appended, and nothing is INTERNAL. */
export async function assertRefused(
  fx: GatewayFixture,
  request: { query: string; variables?: Record<string, unknown>; body?: string },
  expected: { code: string; field?: string; message?: RegExp },
): Promise<GraphQLAnswer> {
  const before = await eventCount(fx);
  const answer = await ask(fx, request.query, request.variables, request.body);
  const summary = JSON.stringify(answer).slice(0, 400);
  assert.ok(answer.errors && answer.errors.length > 0, `expected a refusal, got ${summary}`);
  assert.not.ok(codesOf(answer).includes('INTERNAL_SERVER_ERROR'), `internal error: ${summary}`);
  assert.equal([...new Set(codesOf(answer))], [expected.code], summary);
  if (expected.field !== undefined) assert.is(answer.errors[0]?.extensions?.field, expected.field, summary);
  if (expected.message) assert.match(answer.errors[0]?.message ?? '', expected.message);
  assert.ok((answer.errors[0]?.message.length ?? 0) < 2000, 'the refusal does not echo the input back in full');
  assert.is(await eventCount(fx), before, `nothing appended for a refused request (${summary})`);
  return answer;
}

/** The request answers with data. */
export async function assertAccepted(fx: GatewayFixture, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const answer = await ask(fx, query, variables);
  assert.not.ok(answer.errors?.length, JSON.stringify(answer.errors)?.slice(0, 400));
  assert.ok(answer.data, `no data (HTTP ${answer.status})`);
  return answer.data;
}
