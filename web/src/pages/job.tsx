import { For, Show, type JSX } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { createSubscription } from '@urql/solid';
import { JOB_UPDATED, percentDone, type JobUpdatedData } from '../api/jobs';
import { nodesOf } from '../api/lists';
import { Progress, QueryState, StatusBadge } from '../components/states';
import { formatTime } from '../lib/format';
import { JobControls } from '../components/job-controls';
import { JobTimeline } from '../components/job-timeline';

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
              <JobControls job={j()} />
            </div>
            <Progress value={percentDone(j())} label="Job progress" />
            <p class="muted">
              {j().type.toLowerCase()} · {j().priority.toLowerCase()} priority · {j().succeeded} succeeded, {j().failed} failed{j().cancelled ? `, ${j().cancelled} cancelled` : ''} of {j().deviceCount} · requested by {j().requestedBy}
              {' '}at {formatTime(j().scheduledAt)}{j().completedAt ? ` · finished ${formatTime(j().completedAt)}` : ''}
              <Show when={j().schedule}>{(sc) => <> · fired by schedule <A href="/schedules">{sc().name}</A></>}</Show>
              <Show when={j().rerunOf}>{(r) => <> · re-runs the failed devices of <A href={`/jobs/${encodeURIComponent(r().id)}`}>{r().id}</A></>}</Show>
              <Show when={j().commands.length > 0}> · commands: <code>{j().commands.join('; ')}</code></Show>
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
            <Show when={j().results.length > 0}>
              <div class="card">
                <h2>Command output</h2>
                <For each={j().results}>
                  {(r) => <details><summary>{nodesOf(j().devices).find((d) => d.deviceId === r.deviceId)?.device?.name ?? r.deviceId}: <code>{r.command}</code></summary><pre class="code plain-diff">{r.output}</pre></details>}
                </For>
              </div>
            </Show>
            <JobTimeline jobId={j().id} revision={`${j().status}/${j().succeeded}/${j().failed}/${j().cancelled}`} />
          </section>
        )}
      </Show>
    </QueryState>
  );
}
