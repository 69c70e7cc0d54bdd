import { For, Show, type JSX } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { createSubscription } from '@urql/solid';
import { JOB_UPDATED, percentDone, type JobUpdatedData } from '../api/jobs';
import { nodesOf } from '../api/lists';
import { Progress, QueryState, StatusBadge } from '../components/states';
import { formatTime } from '../lib/format';

/** Live through `jobUpdated`, which answers at once with the job as it stands. */
export default function JobPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const [result] = createSubscription<JobUpdatedData>({ query: JOB_UPDATED, variables: () => ({ id: params.id }) });
  const job = () => result.data?.jobUpdated;
  return (
    <QueryState fetching={!job() && !result.error} error={result.error} empty={!job()}>
      <Show when={job()}>
        {(j) => (
          <section aria-labelledby="job-title">
            <div class="page-head">
              <h1 id="job-title">Job {j().id}</h1>
              <StatusBadge status={j().status} />
            </div>
            <Progress value={percentDone(j())} label="Job progress" />
            <p class="muted">
              {j().type.toLowerCase()} · {j().succeeded} succeeded, {j().failed} failed of {j().deviceCount} · requested by {j().requestedBy}
              {' '}at {formatTime(j().scheduledAt)}{j().completedAt ? ` · finished ${formatTime(j().completedAt)}` : ''}
            </p>
            <div class="card">
              <h2>Devices</h2>
              <table class="table">
                <thead><tr><th>Device</th><th>Status</th><th>Attempts</th><th>Result</th><th>Finished</th></tr></thead>
                <tbody>
                  <For each={nodesOf(j().devices)}>
                    {(d) => (
                      <tr>
                        <td><A href={`/devices/${encodeURIComponent(d.deviceId)}`}>{d.device?.name ?? d.deviceId}</A></td>
                        <td><StatusBadge status={d.status} /></td><td>{d.attempts}</td>
                        <td>{d.error ?? (d.commit ? `${d.changed ? 'changed' : 'unchanged'} · ${d.commit.slice(0, 10)}` : '')}</td>
                        <td>{formatTime(d.finishedAt)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <div class="card">
              <h2>Log</h2>
              <Show when={j().logs.length > 0} fallback={<p class="empty">No log lines yet.</p>}>
                <ol class="log" aria-live="polite">
                  <For each={j().logs}>{(l) => <li class={`lvl-${l.level}`}><time>{formatTime(l.at)}</time> <b>{l.level}</b> {l.message}</li>}</For>
                </ol>
              </Show>
            </div>
            <p class="muted small">The audit timeline and scrubber arrive with the history API.</p>
          </section>
        )}
      </Show>
    </QueryState>
  );
}
