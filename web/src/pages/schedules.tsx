import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { nodesOf } from '../api/lists';
import { CREATE_SCHEDULE, DELETE_SCHEDULE, SCHEDULES, SET_SCHEDULE_ENABLED, type Schedule, type SchedulesData } from '../api/schedules';
import { refusal } from '../auth/session';
import { Guarded, QueryState } from '../components/states';
import { errorText, formatTime } from '../lib/format';

const CRON_PRESETS = [['0 3 * * *', 'daily at 03:00'], ['0 * * * *', 'hourly'], ['0 2 * * 0', 'Sundays at 02:00'], ['*/15 * * * *', 'every 15 minutes']] as const;

const timing = (s: Schedule): string =>
  s.kind === 'CRON' ? `cron ${s.cron} (${s.timezone})` : s.kind === 'INTERVAL' ? `every ${s.every}` : `once at ${formatTime(s.runAt)}`;

export default function SchedulesPage(): JSX.Element {
  const client = useClient();
  const [result, reexecute] = createQuery<SchedulesData>({ query: SCHEDULES });
  const schedules = createMemo(() => nodesOf(result.data?.schedules));
  const [error, setError] = createSignal('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const act = async (document: string, id: string) => {
    const answer = await client.mutation(document, { id }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    refresh();
  };
  return (
    <section aria-labelledby="schedules-title">
      <h1 id="schedules-title">Schedules</h1>
      <Guarded reason={refusal('OPERATOR')}><NewSchedule onCreated={refresh} /></Guarded>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <QueryState fetching={result.fetching} error={result.error} empty={schedules().length === 0} emptyText="No schedules yet.">
        <table class="table">
          <thead><tr><th>Name</th><th>When</th><th>Targets</th><th>Next runs</th><th>Last run</th><th>Enabled</th><th><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            <For each={schedules()}>
              {(s) => (
                <tr>
                  <td>{s.name}</td><td>{timing(s)}</td>
                  <td>{[...s.targets.tags.map((t) => `#${t}`), ...(s.targets.deviceIds.length ? [`${s.targets.deviceIds.length} devices`] : [])].join(' ')}</td>
                  <td><ul class="plain small"><For each={s.nextRuns}>{(r) => <li>{formatTime(r)}</li>}</For></ul></td>
                  <td>{s.lastJobId ? <A href={`/jobs/${encodeURIComponent(s.lastJobId)}`}>{formatTime(s.lastRunAt)}</A> : '—'}</td>
                  <td>{s.enabled ? 'yes' : 'no'}</td>
                  <td>
                    <Guarded reason={refusal('OPERATOR')}>
                      <button type="button" class="ghost" onClick={() => void act(SET_SCHEDULE_ENABLED(!s.enabled), s.id)}>{s.enabled ? 'Disable' : 'Enable'}</button>
                      <button type="button" class="ghost" onClick={() => confirm(`Delete schedule ${s.name}?`) && void act(DELETE_SCHEDULE, s.id)}>Delete</button>
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

function NewSchedule(props: { onCreated: () => void }): JSX.Element {
  const client = useClient();
  const [kind, setKind] = createSignal<'cron' | 'every' | 'runAt'>('cron');
  const [cron, setCron] = createSignal('0 3 * * *');
  const [error, setError] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = String(form.get('timing') ?? '');
    const input = {
      name: String(form.get('name') ?? ''),
      targets: { tags: String(form.get('tags') ?? '').split(/[,;\s]+/).filter(Boolean) },
      ...(kind() === 'cron' ? { cron: cron(), timezone: String(form.get('timezone') || 'UTC') } : kind() === 'every' ? { every: value } : { runAt: new Date(value).toISOString() }),
    };
    const answer = await client.mutation(CREATE_SCHEDULE, { input }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    if (!answer.error) props.onCreated();
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="new-schedule">
      <h2 id="new-schedule">New backup schedule</h2>
      <div class="filters">
        <label>Name<input name="name" required /></label>
        <label>Device tags<input name="tags" placeholder="lab, core" required /></label>
        <label>Timing<select value={kind()} onChange={(e) => setKind(e.currentTarget.value as 'cron' | 'every' | 'runAt')}>
          <option value="cron">cron</option><option value="every">every</option><option value="runAt">once</option>
        </select></label>
        <Show when={kind() === 'cron'} fallback={
          <label>{kind() === 'every' ? 'Every (15m, 2h, 1d)' : 'At'}<input name="timing" type={kind() === 'runAt' ? 'datetime-local' : 'text'} required /></label>
        }>
          <label>Cron<input value={cron()} onInput={(e) => setCron(e.currentTarget.value)} required /></label>
          <label>Preset<select onChange={(e) => setCron(e.currentTarget.value)}>
            <For each={CRON_PRESETS}>{([value, label]) => <option value={value} selected={value === cron()}>{label}</option>}</For>
          </select></label>
          <label>Time zone<input name="timezone" value={Intl.DateTimeFormat().resolvedOptions().timeZone} /></label>
        </Show>
        <button type="submit">Create schedule</button>
      </div>
      <p class="muted small">Minute hour day-of-month month day-of-week; the next runs show in the list once created.</p>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}
