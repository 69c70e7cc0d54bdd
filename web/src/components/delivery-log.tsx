import { For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { WEBHOOK_DELIVERIES, type WebhookDeliveriesData } from '../api/notifications';
import { formatTime } from '../lib/format';
import { refreshEvery } from '../lib/poll';
import { QueryState, StatusBadge } from './states';

/** A webhook's deliveries, newest first, each with its attempts (retries with backoff show as they happen). */
export function DeliveryLog(props: { webhookId: string }): JSX.Element {
  const [result, reexecute] = createQuery<WebhookDeliveriesData>({ query: WEBHOOK_DELIVERIES, variables: () => ({ webhookId: props.webhookId }) });
  refreshEvery(reexecute, 5000);
  return (
    <QueryState fetching={result.fetching} error={result.error} empty={(result.data?.webhookDeliveries.length ?? 0) === 0} emptyText="Nothing delivered yet.">
      <table class="table" aria-label="Delivery log">
        <thead><tr><th>Created</th><th>Event</th><th>Status</th><th>Attempts</th><th>Last answer</th><th>Job</th></tr></thead>
        <tbody>
          <For each={result.data?.webhookDeliveries ?? []}>
            {(d) => (
              <tr>
                <td>{formatTime(d.createdAt)}</td><td>{d.event.toLowerCase().replace(/_/g, ' ')}</td><td><StatusBadge status={d.status} /></td>
                <td>
                  <details><summary>{d.attempts}{d.nextAttemptAt ? ` · next ${formatTime(d.nextAttemptAt)}` : ''}</summary>
                    <ul class="plain small"><For each={d.attemptLog}>{(a) => <li>#{a.attempt} {formatTime(a.attemptedAt)} {a.outcome} {a.statusCode ?? ''} {a.error ?? ''} ({a.durationMs} ms)</li>}</For></ul>
                  </details>
                </td>
                <td>{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : ''} {d.lastError ?? ''}</td>
                <td><Show when={d.jobId}>{(id) => <A href={`/jobs/${encodeURIComponent(id())}`}>{id().slice(0, 12)}</A>}</Show></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </QueryState>
  );
}
