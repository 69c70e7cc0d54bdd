import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { createQuery, useClient } from '@urql/solid';
import { CREATE_CREDENTIAL, CREDENTIALS, TEST_CREDENTIAL, UPDATE_CREDENTIAL, type Credential, type CredentialsData, type TestCredentialData } from '../api/credentials';
import { DEVICES, type DevicesData } from '../api/devices';
import { nodesOf } from '../api/lists';
import { refusal } from '../auth/session';
import { Guarded, QueryState } from '../components/states';
import { ago, errorText } from '../lib/format';
import { createPlainQuery } from '../lib/plain-query';

export default function CredentialsPage(): JSX.Element {
  const [result, reexecute] = createQuery<CredentialsData>({ query: CREDENTIALS, pause: () => Boolean(refusal('OPERATOR')) });
  const credentials = createMemo(() => result.data?.credentials ?? []);
  return (
    <section aria-labelledby="credentials-title">
      <h1 id="credentials-title">Credentials</h1>
      <Show when={!refusal('OPERATOR')} fallback={<p class="empty">{refusal('OPERATOR')}</p>}>
        <Guarded reason={refusal('ADMIN')}><NewCredential onCreated={() => reexecute({ requestPolicy: 'network-only' })} /></Guarded>
        <QueryState fetching={result.fetching} error={result.error} empty={credentials().length === 0} emptyText="No credentials yet.">
          <table class="table">
            <thead><tr><th>Name</th><th>Username</th><th>Priority</th><th>Tags</th><th>Success rate</th><th>Last used</th><th>Test</th><th><span class="sr-only">Change</span></th></tr></thead>
            <tbody>
              <For each={credentials()}>
                {(c) => (
                  <tr>
                    <td>{c.name}</td><td>{c.username}</td><td>{c.priority}</td><td>{c.tags.join(', ') || '—'}</td>
                    <td>{c.successCount + c.failureCount ? `${Math.round((c.successCount / (c.successCount + c.failureCount)) * 100)}% of ${c.successCount + c.failureCount}` : '—'}</td>
                    <td>{ago(c.lastUsedAt)}</td>
                    <td><TestButton credentialId={c.id} /></td>
                    <td><Guarded reason={refusal('ADMIN')}><EditCredential credential={c} onSaved={() => reexecute({ requestPolicy: 'network-only' })} /></Guarded></td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </QueryState>
      </Show>
    </section>
  );
}

function TestButton(props: { credentialId: string }): JSX.Element {
  const client = useClient();
  const [devices] = createPlainQuery<DevicesData>(DEVICES);
  const [deviceId, setDeviceId] = createSignal('');
  const [answer, setAnswer] = createSignal('');
  const test = async () => {
    setAnswer('Testing…');
    const result = await client.mutation<TestCredentialData>(TEST_CREDENTIAL, { credentialId: props.credentialId, deviceId: deviceId() }).toPromise();
    const t = result.data?.testCredential;
    setAnswer(t ? `${t.ok ? 'ok' : `refused (${t.category ?? 'error'})`}: ${t.message} in ${t.durationMs} ms` : errorText(result.error));
  };
  return (
    <span class="inline-form">
      <select aria-label="Device to test against" value={deviceId()} onChange={(e) => setDeviceId(e.currentTarget.value)}>
        <option value="">device…</option>
        <For each={nodesOf(devices().data?.devices).slice(0, 500)}>{(d) => <option value={d.id}>{d.name}</option>}</For>
      </select>
      <button type="button" class="ghost" disabled={!deviceId()} onClick={() => void test()}>Test</button>
      <span role="status" class="small">{answer()}</span>
    </span>
  );
}

function NewCredential(props: { onCreated: () => void }): JSX.Element {
  const client = useClient();
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    const text = (key: string) => String(form.get(key) ?? '');
    const input = {
      name: text('name'), username: text('username'), password: text('password'),
      ...(text('enable') ? { enablePassword: text('enable') } : {}),
      tags: text('tags').split(/[,;\s]+/).filter(Boolean),
      ...(text('priority') ? { priority: Number(text('priority')) } : {}),
    };
    const answer = await client.mutation(CREATE_CREDENTIAL, { input }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    if (!answer.error) (element.reset(), props.onCreated());
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-credential">
      <h2 id="new-credential">New credential</h2>
      <div class="filters">
        <label>Name<input name="name" required /></label>
        <label>Login<input name="username" required autocomplete="off" /></label>
        <label>Secret<input name="password" type="password" required autocomplete="new-password" /></label>
        <label>Enable secret<input name="enable" type="password" autocomplete="new-password" /></label>
        <label>Tags<input name="tags" /></label>
        <label>Priority<input name="priority" type="number" min="0" max="10000" placeholder="100" /></label>
        <button type="submit">Add credential</button>
      </div>
      <p class="muted small">Secrets are write-only: stored encrypted, never shown again.</p>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}

/** Tags, priority and a new secret (write-only: the old one is never shown). */
function EditCredential(props: { credential: Credential; onSaved: () => void }): JSX.Element {
  const client = useClient();
  const [open, setOpen] = createSignal(false);
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (key: string) => String(form.get(key) ?? '');
    const input = {
      tags: text('tags').split(/[,;\s]+/).filter(Boolean),
      priority: Number(text('priority')),
      ...(text('password') ? { password: text('password') } : {}),
    };
    const answer = await client.mutation(UPDATE_CREDENTIAL, { id: props.credential.id, input }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    if (!answer.error) (setOpen(false), props.onSaved());
  };
  return (
    <Show when={open()} fallback={<button type="button" class="ghost" onClick={() => setOpen(true)}>Change</button>}>
      <form class="inline-form" onSubmit={(e) => void submit(e)} aria-label={`Change ${props.credential.name}`}>
        <label>Tags<input name="tags" value={props.credential.tags.join(', ')} size="10" /></label>
        <label>Priority<input name="priority" type="number" min="0" max="10000" value={props.credential.priority} /></label>
        <label>New secret<input name="password" type="password" autocomplete="new-password" placeholder="unchanged" /></label>
        <button type="submit">Save</button>
        <button type="button" class="ghost" onClick={() => setOpen(false)}>Cancel</button>
        <Show when={error()}><span class="error" role="alert">{error()}</span></Show>
      </form>
    </Show>
  );
}
