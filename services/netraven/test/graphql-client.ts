/** A minimal GraphQL-over-HTTP client for tests: what a user's script would do with fetch. */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    throw Object.assign(error, { errors: body.errors });
  }
  if (!body.data) throw new Error(`GraphQL answered ${response.status} without data`);
  return body.data;
}
