import { graphql, TEST_ADMIN_PASSWORD } from './graphql-client.js';

interface Answer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer<T>;
}

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }';

/**
 * Everything a person or a script does with secrets of access: a user created with a password, a
 * refused sign-in, a sign-in, a refresh, an API token created and used. Returns every secret that
 * went over the wire, for a scan of what NetRaven stored.
 */
export async function exerciseAccess(url: string, label: string): Promise<string[]> {
  const password = `${label}-User-Pass-Zq`;
  const wrongPassword = `${label}-Wrong-Login-Zq`;
  await graphql(url, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
    { i: { username: `${label}-user`, password, role: 'OPERATOR', tags: [] } });
  const refused = await post(url, LOGIN, { i: { username: `${label}-user`, password: wrongPassword } });
  if (refused.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') throw new Error(`a wrong password signed in: ${JSON.stringify(refused)}`);
  const signedIn = await post<{ login: { accessToken: string; refreshToken: string } }>(url, LOGIN, { i: { username: `${label}-user`, password } });
  const first = signedIn.data?.login;
  if (!first) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  const refreshed = await post<{ refresh: { accessToken: string; refreshToken: string } }>(url,
    'mutation($r: String!) { refresh(refreshToken: $r) { accessToken refreshToken } }', { r: first.refreshToken });
  const second = refreshed.data?.refresh;
  if (!second) throw new Error(`refresh failed: ${JSON.stringify(refreshed)}`);
  const created = await post<{ createApiToken: { token: string } }>(url,
    'mutation { createApiToken(input: { name: "scan-script", role: VIEWER, tags: [] }) { token } }', {}, second.accessToken);
  const apiToken = created.data?.createApiToken.token;
  if (!apiToken) throw new Error(`no API token: ${JSON.stringify(created)}`);
  const used = await post(url, '{ devices { nodes { id } } }', {}, apiToken);
  if (used.errors) throw new Error(`the API token did not work: ${JSON.stringify(used)}`);
  return [TEST_ADMIN_PASSWORD, password, wrongPassword, first.accessToken, first.refreshToken, second.accessToken, second.refreshToken, apiToken];
}
