import { createEffect, createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { CHANGES, MAX_CHANGE_JOBS, changeRows, changeStatsQuery, type ChangeRow, type ChangesData, type ChangeStatsData } from '../api/configs';
import { ConfigDiffView, DiffStatsText } from '../components/config-diff';
import { QueryState } from '../components/states';
import { formatTime } from '../lib/format';
import { onLiveChanges } from '../lib/live';
import { JOBS_CHANGED } from '../api/jobs';

const rowKey = (r: ChangeRow) => `${r.jobId}/${r.deviceId}`;

/**
 * Config changes, newest first: the devices whose backup changed the stored config in the recent backup jobs,
 * each with its +/− lines (one batched request for the rows shown) and its diff one click away.
 */
export default function ChangesPage(): JSX.Element {
  const [jobs, setJobs] = createSignal(50);
  const [result, reexecute] = createQuery<ChangesData>({ query: CHANGES, variables: () => ({ first: jobs() }) });
  onLiveChanges(JOBS_CHANGED, {}, () => reexecute({ requestPolicy: 'network-only' }), 2000);
  const rows = createMemo(() => changeRows(result.data));
  const statsRequest = createMemo(() => changeStatsQuery(rows().slice(0, 100)));
  const client = useClient();
  // A signal, not a resource: a resource would suspend the page while the counts load.
  const [stats, setStats] = createSignal<ChangeStatsData | undefined>();
  createEffect(() => {
    const request = statsRequest();
    if (rows().length === 0) return;
    void client.query<ChangeStatsData>(request.query, request.variables).toPromise().then((answer) => {
      if (request === statsRequest()) setStats(answer.data);
    });
  });
  const [open, setOpen] = createSignal<string | null>(null);
  const statsOf = (i: number, row: ChangeRow) => {
    const at = stats()?.[`c${i}`]?.configAt;
    return at && at.commit === row.commit ? at : undefined;
  };
  return (
    <section aria-labelledby="changes-title">
      <h1 id="changes-title">Changes</h1>
      <p class="muted small">Configuration changes found by the last {jobs()} backup jobs.</p>
      <QueryState fetching={result.fetching} error={result.error} empty={rows().length === 0} emptyText="No configuration changed in the recent backups.">
        <table class="table">
          <thead><tr><th>Device</th><th>When</th><th>Job or trigger</th><th>Lines</th><th><span class="sr-only">Diff</span></th></tr></thead>
          <tbody>
            <For each={rows()}>
              {(row, i) => (
                <>
                  <tr>
                    <td><A href={`/devices/${encodeURIComponent(row.deviceId)}`}>{row.deviceName}</A></td>
                    <td>{formatTime(row.finishedAt ?? row.scheduledAt)}</td>
                    <td><A href={`/jobs/${encodeURIComponent(row.jobId)}`}>{row.schedule ? `schedule ${row.schedule.name}` : row.requestedBy}</A></td>
                    <td>
                      <Show when={statsOf(i(), row)} fallback={<span class="muted small">…</span>}>
                        {(s) => <Show when={s().diff} fallback={<span class="muted">first version</span>}>{(d) => <DiffStatsText stats={d().stats} />}</Show>}
                      </Show>
                    </td>
                    <td>
                      <Show when={statsOf(i(), row)?.diff}>
                        <button type="button" class="ghost" aria-expanded={open() === rowKey(row)} aria-label={`Diff of ${row.deviceName} in job ${row.jobId}`}
                          onClick={() => setOpen(open() === rowKey(row) ? null : rowKey(row))}>Diff</button>
                      </Show>
                    </td>
                  </tr>
                  <Show when={open() === rowKey(row) && statsOf(i(), row)?.diff}>
                    {(d) => (
                      <tr><td colspan="5">
                        <ConfigDiffView title={`${row.deviceName}: what changed`}
                          from={{ deviceId: row.deviceId, commit: d().from.commit }} to={{ deviceId: row.deviceId, commit: row.commit }} />
                      </td></tr>
                    )}
                  </Show>
                </>
              )}
            </For>
          </tbody>
        </table>
        <Show when={jobs() < MAX_CHANGE_JOBS} fallback={<p class="muted small">Older changes: see each device’s history.</p>}>
          <button type="button" class="ghost" onClick={() => setJobs(Math.min(jobs() + 50, MAX_CHANGE_JOBS))}>Older changes</button>
        </Show>
      </QueryState>
    </section>
  );
}
