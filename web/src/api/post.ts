/** A GraphQL error as the gateway sends it: a message and its category (`extensions.code`). */
export class GraphqlError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly field: string | undefined) {
    super(message);
  }
}

interface Answer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** One GraphQL request over plain fetch: for sign-in and refresh, which must not wait for a token. */
export async function postGraphql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as Answer<T>;
  const first = answer.errors?.[0];
  if (first) throw new GraphqlError(first.message, first.extensions?.code, first.extensions?.field);
  if (!answer.data) throw new GraphqlError(`the server answered ${response.status} without data`, undefined, undefined);
  return answer.data;
}
