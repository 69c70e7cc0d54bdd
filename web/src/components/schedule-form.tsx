import { createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { useClient } from '@urql/solid';
import { CREATE_SCHEDULE, UPDATE_SCHEDULE, type Schedule } from '../api/schedules';
import { errorText } from '../lib/format';

const CRON_PRESETS = [['0 3 * * *', 'daily at 03:00'], ['0 * * * *', 'hourly'], ['0 2 * * 0', 'Sundays at 02:00'], ['*/15 * * * *', 'every 15 minutes']] as const;
type Timing = 'cron' | 'every' | 'runAt';
const timingOf = (s: Schedule | undefined): Timing => (!s || s.kind === 'CRON' ? 'cron' : s.kind === 'INTERVAL' ? 'every' : 'runAt');
const localInput = (iso: string | null | undefined) => (iso ? new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '');

/** Create a schedule, or edit one (a system schedule keeps its targets and kind: it can only be retimed). */
export function ScheduleForm(props: { schedule?: Schedule; onSaved: () => void; onClose?: () => void }): JSX.Element {
  const client = useClient();
  const s = props.schedule;
  const [kind, setKind] = createSignal<Timing>(timingOf(s));
  const [cron, setCron] = createSignal(s?.cron ?? '0 3 * * *');
  const [error, setError] = createSignal('');
  const titleId = `schedule-form-${createUniqueId()}`;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = String(form.get('timing') ?? '');
    const timing = kind() === 'cron' ? { cron: cron(), timezone: String(form.get('timezone') || 'UTC') } : kind() === 'every' ? { every: value } : { runAt: new Date(value).toISOString() };
    const targets = { tags: String(form.get('tags') ?? '').split(/[,;\s]+/).filter(Boolean) };
    const answer = s
      ? await client.mutation(UPDATE_SCHEDULE, { id: s.id, input: { name: String(form.get('name') ?? ''), ...timing, ...(s.system ? {} : { targets }) } }).toPromise()
      : await client.mutation(CREATE_SCHEDULE, { input: { name: String(form.get('name') ?? ''), jobType: String(form.get('jobType') ?? 'BACKUP'), targets, ...timing } }).toPromise();
    setError(answer.error ? errorText(answer.error) : '');
    if (!answer.error) props.onSaved();
  };
  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby={titleId}>
      <h2 id={titleId}>{s ? `Edit schedule ${s.name}` : 'New schedule'}</h2>
      <div class="filters">
        <label>Name<input name="name" required value={s?.name ?? ''} /></label>
        <Show when={!s}>
          <label>Job<select name="jobType"><option value="BACKUP">backup</option><option value="REACHABILITY">reachability</option></select></label>
        </Show>
        <Show when={!s?.system}>
          <label>Device tags<input name="tags" placeholder="lab, core" required value={s?.targets.tags.join(', ') ?? ''} /></label>
        </Show>
        <label>Timing<select value={kind()} onChange={(e) => setKind(e.currentTarget.value as Timing)}>
          <option value="cron">cron</option><option value="every">every</option><option value="runAt">once</option>
        </select></label>
        <Show when={kind() === 'cron'} fallback={
          <label>{kind() === 'every' ? 'Every (15m, 2h, 1d)' : 'At'}<input name="timing" type={kind() === 'runAt' ? 'datetime-local' : 'text'} required
            value={kind() === 'every' ? s?.every ?? '' : localInput(s?.runAt)} /></label>
        }>
          <label>Cron<input value={cron()} onInput={(e) => setCron(e.currentTarget.value)} required /></label>
          <label>Preset<select onChange={(e) => setCron(e.currentTarget.value)}>
            <option value={cron()}>choose…</option>
            <For each={CRON_PRESETS}>{([value, label]) => <option value={value}>{label}</option>}</For>
          </select></label>
          <label>Time zone<input name="timezone" value={s?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone} /></label>
        </Show>
        <button type="submit">{s ? 'Save schedule' : 'Create schedule'}</button>
        <Show when={props.onClose}><button type="button" class="ghost" onClick={() => props.onClose?.()}>Close</button></Show>
      </div>
      <p class="muted small">Cron: minute hour day-of-month month day-of-week. The next runs show in the list once saved.</p>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
    </form>
  );
}
