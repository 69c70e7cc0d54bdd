import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { createQuery, useClient } from '@urql/solid';
import { nodesOf } from '../api/lists';
import { API_TOKENS, CREATE_API_TOKEN, CREATE_USER, REVOKE_API_TOKEN, SET_USER_DISABLED, UPDATE_USER, USERS, type ApiTokensData, type CreateApiTokenData, type UsersData } from '../api/users';
import { refusal } from '../auth/session';
import { QueryState } from '../components/states';
import { ago, errorText, formatTime } from '../lib/format';

const split = (text: string) => text.split(/[,;\s]+/).filter(Boolean);

export default function UsersPage(): JSX.Element {
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <Show when={!refusal('ADMIN')} fallback={<p class="empty">Managing users: {refusal('ADMIN')}.</p>}><UserList /></Show>
      <ApiTokens />
    </section>
  );
}

function UserList(): JSX.Element {
  const client = useClient();
  const [result, reexecute] = createQuery<UsersData>({ query: USERS });
  const users = createMemo(() => nodesOf(result.data?.users));
  const [error, setError] = createSignal('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const run = async (document: string, variables: Record<string, unknown>) => {
    const answer = await client.mutation(document, variables).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    if (!answer.error) refresh();
    return !answer.error;
  };
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    const text = (key: string) => String(form.get(key) ?? '');
    const ok = await run(CREATE_USER, { input: { username: text('username'), password: text('password'), role: text('role'), tags: split(text('tags')), requirePasswordChange: form.get('change') === 'on' } });
    if (ok) element.reset();
  };
  return (
    <>
      <form class="card" onSubmit={(e) => void create(e)} aria-labelledby="new-user">
        <h2 id="new-user">New user</h2>
        <div class="filters">
          <label>Name<input name="username" required autocomplete="off" /></label>
          <label>Initial password<input name="password" type="password" required autocomplete="new-password" /></label>
          <label>Role<select name="role"><option>VIEWER</option><option>OPERATOR</option><option>ADMIN</option></select></label>
          <label>Tag scope<input name="tags" placeholder="empty: all devices" /></label>
          <label class="inline"><input name="change" type="checkbox" checked /> must change password</label>
          <button type="submit">Create user</button>
        </div>
      </form>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <QueryState fetching={result.fetching} error={result.error} empty={users().length === 0}>
        <table class="table">
          <thead><tr><th>User</th><th>Role</th><th>Scope</th><th>Sign-in</th><th>Created</th><th>State</th></tr></thead>
          <tbody>
            <For each={users()}>
              {(u) => (
                <tr>
                  <td>{u.username}</td>
                  <td><select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void run(UPDATE_USER, { id: u.id, input: { role: e.currentTarget.value } })}>
                    <option>VIEWER</option><option>OPERATOR</option><option>ADMIN</option>
                  </select></td>
                  <td><input aria-label={`Tag scope of ${u.username}`} value={u.tags.join(', ')} placeholder="all devices" size="14"
                    onChange={(e) => void run(UPDATE_USER, { id: u.id, input: { tags: split(e.currentTarget.value) } })} /></td>
                  <td>{u.external ? 'identity provider' : 'password'}</td><td>{formatTime(u.createdAt)}</td>
                  <td><button type="button" class="ghost" onClick={() => void run(SET_USER_DISABLED(!u.disabled), { id: u.id })}>{u.disabled ? 'Enable' : 'Disable'}</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </QueryState>
    </>
  );
}

function ApiTokens(): JSX.Element {
  const client = useClient();
  const [result, reexecute] = createQuery<ApiTokensData>({ query: API_TOKENS });
  const [created, setCreated] = createSignal('');
  const [error, setError] = createSignal('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const input = { name: String(form.get('name') ?? ''), role: String(form.get('role') ?? 'VIEWER'), tags: split(String(form.get('tags') ?? '')) };
    const answer = await client.mutation<CreateApiTokenData>(CREATE_API_TOKEN, { input }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    setCreated(answer.data?.createApiToken.token ?? '');
    refresh();
  };
  const revoke = async (id: string) => {
    const answer = await client.mutation(REVOKE_API_TOKEN, { id }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    refresh();
  };
  return (
    <div class="card">
      <h2>API tokens</h2>
      <form class="filters" onSubmit={(e) => void create(e)}>
        <label>Token name<input name="name" required /></label>
        <label>Role<select name="role"><option>VIEWER</option><option>OPERATOR</option><option>ADMIN</option></select></label>
        <label>Tag scope<input name="tags" /></label>
        <button type="submit">Create token</button>
      </form>
      <Show when={created()}><p role="status">Copy it now, it is shown once: <code class="mono">{created()}</code></p></Show>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <QueryState fetching={result.fetching} error={result.error} empty={(result.data?.apiTokens ?? []).length === 0} emptyText="No API tokens.">
        <table class="table">
          <thead><tr><th>Name</th><th>Role</th><th>Scope</th><th>Created</th><th>Last used</th><th>State</th></tr></thead>
          <tbody>
            <For each={result.data?.apiTokens ?? []}>
              {(t) => (
                <tr>
                  <td>{t.name}</td><td>{t.role.toLowerCase()}</td><td>{t.tags.join(', ') || 'all'}</td><td>{formatTime(t.createdAt)}</td><td>{ago(t.lastUsedAt)}</td>
                  <td><Show when={!t.revokedAt} fallback={`revoked ${ago(t.revokedAt)}`}><button type="button" class="ghost" onClick={() => void revoke(t.id)}>Revoke</button></Show></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </QueryState>
    </div>
  );
}
