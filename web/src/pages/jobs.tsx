import { createMemo, createSignal, For, Index, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { isFinished, JOB_STATUSES, JOBS, JOBS_CHANGED, type JobKind, type JobsData, type JobStatus } from '../api/jobs';
import { nodesOf } from '../api/lists';
import { refusal } from '../auth/session';
import { JobProgress } from '../components/job-progress';
import { RunJob } from '../components/run-job';
import { JobControls } from '../components/job-controls';
import { Guarded, QueryState, StatusBadge } from '../components/states';
import { formatTime } from '../lib/format';
import { onLiveChanges } from '../lib/live';

export default function JobsPage(): JSX.Element {
  const [status, setStatus] = createSignal<JobStatus | ''>('');
  const [kind, setKind] = createSignal<JobKind | ''>('');
  const [result, reexecute] = createQuery<JobsData>({
    query: JOBS, variables: () => ({ limit: 100, ...(status() ? { status: status() } : {}), ...(kind() ? { kind: kind() } : {}) }),
  });
  onLiveChanges(JOBS_CHANGED, {}, () => reexecute({ requestPolicy: 'network-only' }));
  const jobs = createMemo(() => nodesOf(result.data?.jobs));
  return (
    <section aria-labelledby="jobs-title">
      <div class="page-head"><h1 id="jobs-title">Jobs</h1></div>
      <Guarded reason={refusal('OPERATOR')}><RunJob /></Guarded>
      <div class="filters">
        <label>Status<select value={status()} onChange={(e) => setStatus(e.currentTarget.value as JobStatus | '')}>
          <option value="">any</option>
          <For each={JOB_STATUSES}>{(s) => <option value={s}>{s.toLowerCase()}</option>}</For>
        </select></label>
        <label>Kind<select value={kind()} onChange={(e) => setKind(e.currentTarget.value as JobKind | '')}>
          <option value="">any</option><option value="BACKUP">backup</option><option value="REACHABILITY">reachability</option><option value="COMMAND">command</option>
        </select></label>
      </div>
      <QueryState fetching={result.fetching} error={result.error} empty={jobs().length === 0} emptyText="No jobs yet.">
        <table class="table">
          <thead><tr><th>Job</th><th>Kind</th><th>Status</th><th>Progress</th><th>Devices</th><th>Targets</th><th>Requested by</th><th>Scheduled</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {/* Index, not For: a refetch keeps each row (and its live progress subscription) in place. */}
            <Index each={jobs()}>
              {(j) => (
                <tr>
                  <td><A href={`/jobs/${encodeURIComponent(j().id)}`}>{j().id}</A></td>
                  <td>{j().type.toLowerCase()} <span class="muted small">{j().priority.toLowerCase()}</span></td>
                  <td><StatusBadge status={j().status} /></td>
                  <td><Show when={!isFinished(j().status)} fallback={<span>{j().succeeded} ok · {j().failed} failed</span>}><JobProgress job={j()} /></Show></td>
                  <td>{j().deviceCount}</td>
                  <td>{[...j().targets.tags.map((t) => `#${t}`), ...(j().targets.deviceIds.length ? [`${j().targets.deviceIds.length} devices`] : [])].join(' ')}</td>
                  <td>{j().requestedBy}</td><td>{formatTime(j().scheduledAt)}</td>
                  <td><JobControls job={j()} onChanged={() => reexecute({ requestPolicy: 'network-only' })} /></td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
