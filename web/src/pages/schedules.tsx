import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { nodesOf } from '../api/lists';
import { DELETE_SCHEDULE, SCHEDULES, SET_SCHEDULE_ENABLED, type Schedule, type SchedulesData } from '../api/schedules';
import { refusal } from '../auth/session';
import { Guarded, QueryState } from '../components/states';
import { ScheduleForm } from '../components/schedule-form';
import { errorText, formatTime } from '../lib/format';

const timing = (s: Schedule): string =>
  s.kind === 'CRON' ? `cron ${s.cron} (${s.timezone})` : s.kind === 'INTERVAL' ? `every ${s.every}` : `once at ${formatTime(s.runAt)}`;

export default function SchedulesPage(): JSX.Element {
  const client = useClient();
  const [result, reexecute] = createQuery<SchedulesData>({ query: SCHEDULES });
  const schedules = createMemo(() => nodesOf(result.data?.schedules));
  const [error, setError] = createSignal('');
  const [editing, setEditing] = createSignal<Schedule | null>(null);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const act = async (document: string, id: string) => {
    const answer = await client.mutation(document, { id }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    refresh();
  };
  return (
    <section aria-labelledby="schedules-title">
      <h1 id="schedules-title">Schedules</h1>
      <Guarded reason={refusal('OPERATOR')}><ScheduleForm onSaved={refresh} /></Guarded>
      <Show when={editing()} keyed>{(s) => <ScheduleForm schedule={s} onSaved={() => (setEditing(null), refresh())} onClose={() => setEditing(null)} />}</Show>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <QueryState fetching={result.fetching} error={result.error} empty={schedules().length === 0} emptyText="No schedules yet.">
        <table class="table">
          <thead><tr><th>Name</th><th>Job</th><th>When</th><th>Targets</th><th>Next runs</th><th>Last run</th><th>Enabled</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            <For each={schedules()}>
              {(s) => (
                <tr>
                  <td>{s.name} <Show when={s.system}><span class="badge" title="The system reachability schedule: it can be retimed, not deleted or disabled.">system</span></Show></td>
                  <td>{s.jobType.toLowerCase()}</td><td>{timing(s)}</td>
                  <td>{[...s.targets.tags.map((t) => `#${t}`), ...(s.targets.deviceIds.length ? [`${s.targets.deviceIds.length} devices`] : [])].join(' ')}</td>
                  <td><ul class="plain small"><For each={s.nextRuns}>{(r) => <li>{formatTime(r)}</li>}</For></ul></td>
                  <td>{s.lastJobId ? <A href={`/jobs/${encodeURIComponent(s.lastJobId)}`}>{formatTime(s.lastRunAt)}</A> : '—'}</td>
                  <td>{s.enabled ? 'yes' : 'no'}</td>
                  <td>
                    <Guarded reason={refusal('OPERATOR')}>
                      <button type="button" class="ghost" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>Edit</button>
                      <Show when={!s.system} fallback={<span class="muted small">system: retime only</span>}>
                        <button type="button" class="ghost" onClick={() => void act(SET_SCHEDULE_ENABLED(!s.enabled), s.id)}>{s.enabled ? 'Disable' : 'Enable'}</button>
                        <button type="button" class="ghost" onClick={() => confirm(`Delete schedule ${s.name}?`) && void act(DELETE_SCHEDULE, s.id)}>Delete</button>
                      </Show>
                    </Guarded>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </QueryState>
    </section>
  );
}
