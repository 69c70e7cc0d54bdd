import { createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { isFinished, JOB_ROWS_CHANGED, JOB_STATUSES, JOBS, newestFirst, percentDone, type JobKind, type JobsData, type JobStatus, type JobSummary } from '../api/jobs';
import { nodesOf } from '../api/lists';
import { refusal } from '../auth/session';
import { RunJob } from '../components/run-job';
import { JobControls } from '../components/job-controls';
import { Guarded, Progress, QueryState, StatusBadge } from '../components/states';
import { formatTime } from '../lib/format';
import { liveList } from '../lib/live-list';

const LIMIT = 100;

export default function JobsPage(): JSX.Element {
  const [status, setStatus] = createSignal<JobStatus | ''>('');
  const [kind, setKind] = createSignal<JobKind | ''>('');
  const [result, reexecute] = createQuery<JobsData>({
    query: JOBS, variables: () => ({ limit: LIMIT, ...(status() ? { status: status() } : {}), ...(kind() ? { kind: kind() } : {}) }),
  });
  // Each change arrives as the row itself (progress counts included): applied as it comes, no re-read.
  const jobs = liveList<JobSummary>(() => nodesOf(result.data?.jobs), {
    subscription: JOB_ROWS_CHANGED,
    keep: (job) => (!status() || job.status === status()) && (!kind() || job.type === kind()),
    order: newestFirst,
    limit: () => LIMIT,
  });
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
            {/* Rows are store items keyed by id: a row that stays keeps its DOM while new ones come in above it. */}
            <For each={jobs()}>
              {(job) => (
                <tr data-job-id={job.id}>
                  <td><A href={`/jobs/${encodeURIComponent(job.id)}`}>{job.id}</A></td>
                  <td>{job.type.toLowerCase()} <span class="muted small">{job.priority.toLowerCase()}</span></td>
                  <td><StatusBadge status={job.status} /></td>
                  <td><Show when={!isFinished(job.status)} fallback={<span>{job.succeeded} ok · {job.failed} failed</span>}><Progress value={percentDone(job)} label={`Job ${job.id} progress`} /></Show></td>
                  <td>{job.deviceCount}</td>
                  <td>{[...job.targets.tags.map((t) => `#${t}`), ...(job.targets.deviceIds.length ? [`${job.targets.deviceIds.length} devices`] : [])].join(' ')}</td>
                  <td>{job.requestedBy}</td><td>{formatTime(job.scheduledAt)}</td>
                  <td><JobControls job={job} onChanged={() => reexecute({ requestPolicy: 'network-only' })} /></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
