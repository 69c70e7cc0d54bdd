import { createMemo, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { DEVICE_CHANGED, FLEET, type FleetData } from '../api/devices';
import { JOB_ROWS_CHANGED, JOBS, JOBS_CHANGED, newestFirst, percentDone, QUEUE_STATUS, type JobsData, type JobStatus, type JobSummary, type QueueData } from '../api/jobs';
import { CHANGES, MAX_CHANGE_JOBS, changeRows, type ChangesData } from '../api/configs';
import { nodesOf } from '../api/lists';
import { SCHEDULES, type SchedulesData } from '../api/schedules';
import { Progress, QueryState } from '../components/states';
import { formatTime } from '../lib/format';
import { refreshEvery } from '../lib/poll';
import { onLiveChanges } from '../lib/live';
import { liveList } from '../lib/live-list';

/** Running (and queued) jobs shown at most. */
const ACTIVE_LIMIT = 20;

export default function DashboardPage(): JSX.Element {
  const [fleet, refetchFleet] = createQuery<FleetData>({ query: FLEET });
  const [running] = createQuery<JobsData>({ query: JOBS, variables: { limit: ACTIVE_LIMIT, status: 'RUNNING' } });
  const [queued] = createQuery<JobsData>({ query: JOBS, variables: { limit: ACTIVE_LIMIT, status: 'QUEUED' } });
  // Running and queued jobs follow their rows' changes as they come (no re-read); the rest re-reads, batched.
  const withStatus = (status: JobStatus) => ({ subscription: JOB_ROWS_CHANGED, keep: (job: JobSummary) => job.status === status, order: newestFirst, limit: () => ACTIVE_LIMIT });
  const runningJobs = liveList<JobSummary>(() => nodesOf(running.data?.jobs), withStatus('RUNNING'));
  const queuedJobs = liveList<JobSummary>(() => nodesOf(queued.data?.jobs), withStatus('QUEUED'));
  const [schedules] = createQuery<SchedulesData>({ query: SCHEDULES });
  const since = new Date(Date.now() - 24 * 3600_000).toISOString();
  const [recent, refetchRecent] = createQuery<ChangesData>({ query: CHANGES, variables: { first: MAX_CHANGE_JOBS, since } });
  const changes = createMemo(() => changeRows(recent.data));
  const [queue, refetchQueue] = createQuery<QueueData>({ query: QUEUE_STATUS });
  refreshEvery(refetchQueue, 5000);
  // Live: job lists re-read when a job changes; counts when a device or job does (batched, see onLiveChanges).
  const again = { requestPolicy: 'network-only' } as const;
  onLiveChanges(JOBS_CHANGED, {}, () => (refetchRecent(again), refetchFleet(again)), 1000);
  onLiveChanges(DEVICE_CHANGED, {}, () => refetchFleet(again), 2000);
  const count = (c: { totalCount: number | null } | undefined): number => c?.totalCount ?? 0;
  const failures = createMemo(() => {
    const byCategory = new Map<string, number>();
    for (const d of fleet.data?.failed.nodes ?? []) byCategory.set(d.lastErrorCategory ?? 'unknown', (byCategory.get(d.lastErrorCategory ?? 'unknown') ?? 0) + 1);
    return [...byCategory].sort((a, b) => b[1] - a[1]);
  });
  const active = createMemo(() => [...runningJobs(), ...queuedJobs()]);
  const nextRuns = createMemo(() =>
    nodesOf(schedules.data?.schedules).filter((s) => s.enabled && s.nextRuns[0]).map((s) => ({ name: s.name, at: s.nextRuns[0] ?? '' }))
      .sort((a, b) => a.at.localeCompare(b.at)).slice(0, 5));

  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">Dashboard</h1>
      <QueryState fetching={fleet.fetching} error={fleet.error} empty={!fleet.data}>
        <div class="tiles">
          <div class="tile"><span class="big">{count(fleet.data?.all)}</span><span>devices</span></div>
          <div class="tile ok"><span class="big">{count(fleet.data?.ok)}</span><span>backed up</span></div>
          <div class="tile failed"><span class="big">{count(fleet.data?.failed)}</span><span>failed</span></div>
          <div class="tile stale"><span class="big">{fleet.data?.staleDevices.length ?? 0}</span><span>stale</span></div>
          <div class="tile"><span class="big">{count(fleet.data?.never)}</span><span>never backed up</span></div>
          <div class="tile"><span class="big">{queuedJobs().length}</span><span>jobs queued</span></div>
        </div>
      </QueryState>
      <div class="grid2">
        <div class="card">
          <h2>Running jobs</h2>
          <Show when={active().length > 0} fallback={<p class="empty">No job is running.</p>}>
            <ul class="plain">
              <For each={active()}>{(job) => <li data-job-id={job.id}><A href={`/jobs/${encodeURIComponent(job.id)}`}>{job.id}</A><Progress value={percentDone(job)} label={`Job ${job.id} progress`} /></li>}</For>
            </ul>
          </Show>
        </div>
        <div class="card">
          <h2>Failures by category</h2>
          <Show when={failures().length > 0} fallback={<p class="empty">No device is failing.</p>}>
            <ul class="plain"><For each={failures()}>{([category, count]) => <li><b>{category}</b>: {count}</li>}</For></ul>
          </Show>
        </div>
        <div class="card">
          <h2>Next scheduled runs</h2>
          <Show when={nextRuns().length > 0} fallback={<p class="empty">Nothing scheduled. <A href="/schedules">Add a schedule</A>.</p>}>
            <ul class="plain"><For each={nextRuns()}>{(r) => <li>{formatTime(r.at)} · {r.name}</li>}</For></ul>
          </Show>
        </div>
        <div class="card">
          <h2>Changes in the last 24 h</h2>
          <Show when={changes().length > 0} fallback={<p class="empty">No configuration changed.</p>}>
            <p><A href="/changes"><b>{changes().length}</b> configuration changes</A> on {new Set(changes().map((c) => c.deviceId)).size} devices</p>
          </Show>
        </div>
        <div class="card">
          <h2>Queue</h2>
          <Show when={queue.data?.queueStatus} fallback={<p class="muted">…</p>}>
            {(q) => (
              <p>{q().depth} waiting · {q().inFlight} in flight · oldest {q().oldestTaskAgeSeconds !== null ? `${Math.round(q().oldestTaskAgeSeconds ?? 0)} s` : '—'}
                <span class="muted small"> ({q().queue}; {q().priorities.map((p) => `${p.priority.toLowerCase()} ${p.depth}`).join(', ')})</span></p>
            )}
          </Show>
        </div>
      </div>
    </section>
  );
}
