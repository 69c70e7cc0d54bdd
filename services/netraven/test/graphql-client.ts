/** The first admin's password in every NetRaven test (given to NetRaven as NETRAVEN_ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** One sign-in per NetRaven URL, as a script would keep its token. */
const tokens = new Map<string, Promise<string>>();

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token: string | undefined): Promise<{ status: number; body: GraphQLBody<T> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
}

function unwrap<T>({ status, body }: { status: number; body: GraphQLBody<T> }): T {
  if (body.errors?.length) {
    const error = new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    throw Object.assign(error, { errors: body.errors });
  }
  if (!body.data) throw new Error(`GraphQL answered ${status} without data`);
  return body.data;
}

/** Signs in as `admin` with the test password and returns the access token. */
export async function signIn(url: string, username = 'admin', password = TEST_ADMIN_PASSWORD): Promise<string> {
  const data = unwrap(await post<{ login: { accessToken: string } }>(url,
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username, password } }, undefined));
  return data.login.accessToken;
}

/**
 * A minimal GraphQL-over-HTTP client for tests: what a user's script would do with fetch. It signs
 * in as the test admin once per URL and sends `Authorization: Bearer <token>`; a token refused
 * (NetRaven restarted on the same address with another key) is replaced once.
 */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = () => {
    let pending = tokens.get(url);
    if (!pending) {
      pending = signIn(url);
      pending.catch(() => tokens.delete(url));
      tokens.set(url, pending);
    }
    return pending;
  };
  let answer = await post<T>(url, query, variables, await token());
  if (answer.body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    tokens.delete(url);
    answer = await post<T>(url, query, variables, await token());
  }
  return unwrap(answer);
}
