import { createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { BACKUP_POLICIES, REMOVE_BACKUP_POLICY, SET_BACKUP_POLICY, STALE_DEVICES, type BackupPoliciesData, type BackupPolicy, type StaleDevicesData } from '../api/policies';
import { refusal } from '../auth/session';
import { Guarded, QueryState } from '../components/states';
import { ago, errorText, formatTime } from '../lib/format';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const scopeOf = (p: BackupPolicy) => (p.tag !== null ? { tag: p.tag } : { deviceId: p.deviceId ?? '' });

/** Backup policies per tag or device (volatile lines, secret patterns, staleness threshold) and the stale devices. */
export default function PoliciesPage(): JSX.Element {
  const client = useClient();
  const [result, reexecute] = createQuery<BackupPoliciesData>({ query: BACKUP_POLICIES });
  const [stale] = createQuery<StaleDevicesData>({ query: STALE_DEVICES });
  const [editing, setEditing] = createSignal<BackupPolicy | 'new' | null>(null);
  const [message, setMessage] = createSignal('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const remove = async (p: BackupPolicy) => {
    const answer = await client.mutation(REMOVE_BACKUP_POLICY, { input: scopeOf(p) }).toPromise();
    setMessage(answer.error ? errorText(answer.error) : '');
    refresh();
  };
  return (
    <section aria-labelledby="policies-title">
      <div class="page-head">
        <h1 id="policies-title">Backup policies</h1>
        <Guarded reason={refusal('ADMIN')}><button type="button" onClick={() => setEditing('new')}>Add policy</button></Guarded>
      </div>
      <p class="muted small">Patterns add to the platform's own, from the next backup on. Never write a secret into a pattern: patterns are recorded as events.</p>
      <Show when={editing()} keyed>{(p) => <PolicyForm policy={p === 'new' ? undefined : p} onDone={() => (setEditing(null), refresh())} onClose={() => setEditing(null)} />}</Show>
      <Show when={message()}><p class="error" role="alert">{message()}</p></Show>
      <QueryState fetching={result.fetching} error={result.error} empty={(result.data?.backupPolicies.length ?? 0) === 0} emptyText="No policy yet: every device uses its platform's rules and a 26 h staleness threshold.">
        <table class="table">
          <thead><tr><th>Scope</th><th>Volatile lines</th><th>Secret patterns</th><th>Stale after</th><th>Updated</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            <For each={result.data?.backupPolicies ?? []}>
              {(p) => (
                <tr>
                  <td>{p.tag !== null ? `#${p.tag}` : <A href={`/devices/${encodeURIComponent(p.deviceId ?? '')}`}>device</A>}</td>
                  <td class="mono small">{p.volatile.join('\n') || '—'}</td><td class="mono small">{p.secrets.join('\n') || '—'}</td>
                  <td>{p.staleAfterHours !== null ? `${p.staleAfterHours} h` : 'default'}</td><td>{formatTime(p.updatedAt)} by {p.updatedBy}</td>
                  <td><Guarded reason={refusal('ADMIN')}><span class="actions">
                    <button type="button" class="ghost" onClick={() => setEditing(p)}>Edit</button>
                    <button type="button" class="ghost" onClick={() => void remove(p)}>Remove</button>
                  </span></Guarded></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </QueryState>
      <div class="card">
        <h2>Stale devices</h2>
        <QueryState fetching={stale.fetching} error={stale.error} empty={(stale.data?.staleDevices.length ?? 0) === 0} emptyText="No device is stale.">
          <ul class="plain"><For each={stale.data?.staleDevices ?? []}>{(d) => <li><A href={`/devices/${encodeURIComponent(d.id)}`}>{d.name}</A> · stale since {formatTime(d.staleSince)} · last good backup {ago(d.lastSuccessfulBackupAt)}</li>}</For></ul>
        </QueryState>
      </div>
    </section>
  );
}

function PolicyForm(props: { policy: BackupPolicy | undefined; onDone: () => void; onClose: () => void }): JSX.Element {
  const client = useClient();
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const hours = String(form.get('stale') ?? '').trim();
    const scope = props.policy ? scopeOf(props.policy) : { tag: String(form.get('tag') ?? '').trim() };
    const input = { ...scope, volatile: lines(String(form.get('volatile') ?? '')), secrets: lines(String(form.get('secrets') ?? '')), ...(hours ? { staleAfterHours: Number(hours) } : {}) };
    const answer = await client.mutation(SET_BACKUP_POLICY, { input }).toPromise();
    if (answer.error) setError(errorText(answer.error));
    else props.onDone();
  };
  return (
    <form class="card" aria-labelledby="policy-form" onSubmit={(e) => void submit(e)}>
      <h2 id="policy-form">{props.policy ? `Policy of ${props.policy.tag !== null ? `#${props.policy.tag}` : 'the device'}` : 'New policy for a tag'}</h2>
      <div class="filters">
        <Show when={!props.policy}><label>Tag<input name="tag" required /></label></Show>
        <label>Volatile lines (a regex a line)<textarea name="volatile" rows="3" cols="34">{props.policy?.volatile.join('\n') ?? ''}</textarea></label>
        <label>Secret patterns (a regex a line)<textarea name="secrets" rows="3" cols="34">{props.policy?.secrets.join('\n') ?? ''}</textarea></label>
        <label>Stale after (hours)<input name="stale" type="number" min="1" max="8784" value={props.policy?.staleAfterHours ?? ''} /></label>
        <button type="submit">Save policy</button>
        <button type="button" class="ghost" onClick={() => props.onClose()}>Close</button>
      </div>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}
