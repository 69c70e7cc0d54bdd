import { createSignal, For, Show, type JSX } from 'solid-js';
import { createQuery, useClient } from '@urql/solid';
import {
  CREATE_WEBHOOK, DELETE_WEBHOOK, TEST_WEBHOOK, UPDATE_WEBHOOK, WEBHOOKS, WEBHOOK_EVENTS,
  type TestWebhookData, type Webhook, type WebhookEvent, type WebhookFormat, type WebhooksData,
} from '../api/notifications';
import { refusal } from '../auth/session';
import { DeliveryLog } from '../components/delivery-log';
import { Guarded, QueryState } from '../components/states';
import { errorText, formatTime } from '../lib/format';

const label = (e: string) => e.toLowerCase().replace(/_/g, ' ');

/** Webhook endpoints, their rules (events, tags, format), a test ping and each one's delivery log. ADMIN only. */
export default function NotificationsPage(): JSX.Element {
  const client = useClient();
  const [result, reexecute] = createQuery<WebhooksData>({ query: WEBHOOKS, pause: () => Boolean(refusal('ADMIN')) });
  const [editing, setEditing] = createSignal<Webhook | 'new' | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const test = async (hook: Webhook) => {
    const answer = await client.mutation<TestWebhookData>(TEST_WEBHOOK, { id: hook.id }).toPromise();
    const r = answer.data?.testWebhook;
    setMessage(r ? `${hook.url}: ${r.ok ? 'ok' : 'failed'}${r.statusCode ? ` (HTTP ${r.statusCode})` : ''}${r.error ? ` ${r.error}` : ''} in ${r.durationMs} ms` : errorText(answer.error));
  };
  const remove = async (hook: Webhook) => {
    if (!confirm(`Delete the webhook to ${hook.url}?`)) return;
    const answer = await client.mutation(DELETE_WEBHOOK, { id: hook.id }).toPromise();
    setMessage(answer.error ? errorText(answer.error) : '');
    refresh();
  };
  return (
    <section aria-labelledby="notifications-title">
      <div class="page-head">
        <h1 id="notifications-title">Notifications</h1>
        <Guarded reason={refusal('ADMIN')}><button type="button" onClick={() => setEditing('new')}>Add webhook</button></Guarded>
      </div>
      <Show when={editing()} keyed>
        {(hook) => <WebhookForm hook={hook === 'new' ? undefined : hook} onDone={() => (setEditing(null), refresh())} onClose={() => setEditing(null)} />}
      </Show>
      <Show when={message()}><p role="status">{message()}</p></Show>
      <Show when={!refusal('ADMIN')} fallback={<p class="empty">{refusal('ADMIN')}</p>}>
        <QueryState fetching={result.fetching} error={result.error} empty={(result.data?.webhooks.length ?? 0) === 0} emptyText="No webhook yet: add one to hear of changed configs, failed backups and stale devices.">
          <table class="table">
            <thead><tr><th>URL</th><th>Events</th><th>Tags</th><th>Format</th><th>Signed</th><th>Updated</th><th><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              <For each={result.data?.webhooks ?? []}>
                {(hook) => (
                  <>
                    <tr>
                      <td class="mono">{hook.url}</td><td>{hook.events.map(label).join(', ')}</td><td>{hook.tags.join(', ') || 'every device'}</td>
                      <td>{hook.format.toLowerCase()}</td><td>{hook.hasSecret ? 'HMAC' : 'no'}</td><td>{formatTime(hook.updatedAt)} by {hook.createdBy}</td>
                      <td class="actions">
                        <button type="button" class="ghost" onClick={() => void test(hook)}>Test</button>
                        <button type="button" class="ghost" onClick={() => setEditing(hook)}>Edit</button>
                        <button type="button" class="ghost" aria-expanded={open() === hook.id} onClick={() => setOpen(open() === hook.id ? null : hook.id)}>Deliveries</button>
                        <button type="button" class="ghost" onClick={() => void remove(hook)}>Delete</button>
                      </td>
                    </tr>
                    <Show when={open() === hook.id}><tr><td colspan="7"><DeliveryLog webhookId={hook.id} /></td></tr></Show>
                  </>
                )}
              </For>
            </tbody>
          </table>
        </QueryState>
      </Show>
    </section>
  );
}

function WebhookForm(props: { hook: Webhook | undefined; onDone: () => void; onClose: () => void }): JSX.Element {
  const client = useClient();
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const secret = String(form.get('secret') ?? '');
    const input = {
      url: String(form.get('url') ?? ''),
      events: WEBHOOK_EVENTS.filter((e) => form.get(e) === 'on') as WebhookEvent[],
      tags: String(form.get('tags') ?? '').split(/[,;\s]+/).filter(Boolean),
      format: String(form.get('format')) as WebhookFormat,
      ...(secret ? { secret } : {}),
    };
    const answer = props.hook
      ? await client.mutation(UPDATE_WEBHOOK, { id: props.hook.id, input }).toPromise()
      : await client.mutation(CREATE_WEBHOOK, { input }).toPromise();
    if (answer.error) setError(errorText(answer.error));
    else props.onDone();
  };
  return (
    <form class="card" aria-labelledby="webhook-form" onSubmit={(e) => void submit(e)}>
      <h2 id="webhook-form">{props.hook ? 'Edit webhook' : 'New webhook'}</h2>
      <div class="filters">
        <label>URL<input name="url" type="url" required size="40" value={props.hook?.url ?? ''} placeholder="https://hooks.example.net/netraven" /></label>
        <fieldset class="inline-form"><legend class="small muted">Events</legend>
          <For each={WEBHOOK_EVENTS}>{(e) => <label class="inline"><input type="checkbox" name={e} checked={props.hook ? props.hook.events.includes(e) : e !== 'DEVICE_STALE'} />{label(e)}</label>}</For>
        </fieldset>
        <label>Device tags (empty: all)<input name="tags" value={props.hook?.tags.join(', ') ?? ''} /></label>
        <label>Format<select name="format" value={props.hook?.format ?? 'JSON'}><option value="JSON">JSON (signed)</option><option value="SLACK">Slack</option><option value="TEAMS">Teams</option></select></label>
        <label>{props.hook?.hasSecret ? 'New HMAC secret (blank: keep)' : 'HMAC secret (16+ characters)'}<input name="secret" type="password" autocomplete="new-password" minLength={16} /></label>
        <button type="submit">{props.hook ? 'Save webhook' : 'Create webhook'}</button>
        <button type="button" class="ghost" onClick={() => props.onClose()}>Close</button>
      </div>
      <p class="muted small">The secret is write-only: it signs each delivery (X-NetRaven-Signature) and is never shown again.</p>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}
