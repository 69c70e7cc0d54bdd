import { createMemo, createSignal, For, type JSX } from 'solid-js';
import { createQuery } from '@urql/solid';
import { LOGS, type LogsData } from '../api/logs';
import { QueryState } from '../components/states';
import { formatTime } from '../lib/format';
import { refreshEvery } from '../lib/poll';

// Until the logAdded subscription is served, the tail re-reads every 2 s (paused on request).
const TAIL_MS = 2000;

export default function LogsPage(): JSX.Element {
  const [level, setLevel] = createSignal('');
  const [text, setText] = createSignal('');
  const [paused, setPaused] = createSignal(false);
  const [result, reexecute] = createQuery<LogsData>({ query: LOGS, variables: () => ({ limit: 500, ...(level() ? { level: level() } : {}) }) });
  refreshEvery(reexecute, TAIL_MS, paused);
  const lines = createMemo(() => {
    const q = text().toLowerCase();
    return (result.data?.logs ?? []).filter((l) => !q || l.message.toLowerCase().includes(q));
  });
  return (
    <section aria-labelledby="logs-title">
      <h1 id="logs-title">Logs</h1>
      <div class="filters">
        <label>Level<select value={level()} onChange={(e) => setLevel(e.currentTarget.value)}>
          <option value="">any</option><For each={['debug', 'info', 'warn', 'error']}>{(l) => <option>{l}</option>}</For>
        </select></label>
        <label>Search<input type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} /></label>
        <button type="button" aria-pressed={paused()} onClick={() => setPaused(!paused())}>{paused() ? 'Resume' : 'Pause'}</button>
      </div>
      <QueryState fetching={result.fetching} error={result.error} empty={lines().length === 0} emptyText="No log lines match.">
        <ol class="log">
          <For each={lines()}>{(l) => <li class={`lvl-${l.level}`}><time>{formatTime(l.at)}</time> <b>{l.level}</b> <i>{l.kind}</i> {l.message}</li>}</For>
        </ol>
      </QueryState>
    </section>
  );
}
