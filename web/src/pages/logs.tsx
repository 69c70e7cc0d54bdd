import { createEffect, createMemo, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { createQuery, useClient } from '@urql/solid';
import { LOG_ADDED, LOG_META, LOGS, type LogAddedData, type LogFilter, type LogLine, type LogMetaData, type LogsData } from '../api/logs';
import { QueryState } from '../components/states';
import { createPaged } from '../lib/paged';
import { formatTime } from '../lib/format';
import { refreshEvery } from '../lib/poll';

const LIVE_CAP = 1000;

/**
 * The unified log, newest first: a page from `logs(filter)`, older pages on request, and new lines live from
 * `logAdded(filter)` (same filter). Paused, new lines wait in a buffer and show on resume.
 */
export default function LogsPage(): JSX.Element {
  const client = useClient();
  const [filter, setFilter] = createSignal<LogFilter>({});
  const [paused, setPaused] = createSignal(false);
  const [live, setLive] = createSignal<LogLine[]>([]);
  const [waiting, setWaiting] = createSignal<LogLine[]>([]);
  const [history, page] = createPaged<LogLine, LogsData>(LOGS, () => ({ filter: filter() }), (d) => d.logs);
  const [meta, refetchMeta] = createQuery<LogMetaData>({ query: LOG_META, variables: () => ({ filter: filter() }) });
  refreshEvery(refetchMeta, 10_000);

  createEffect(on(filter, (current) => {
    setLive([]);
    setWaiting([]);
    const subscription = client.subscription<LogAddedData>(LOG_ADDED, { filter: current }).subscribe((result) => {
      const line = result.data?.logAdded;
      if (!line) return;
      if (paused()) setWaiting((w) => [line, ...w].slice(0, LIVE_CAP));
      else setLive((l) => [line, ...l].slice(0, LIVE_CAP));
    });
    onCleanup(() => subscription.unsubscribe());
  }));
  const resume = () => {
    setLive((l) => [...waiting(), ...l].slice(0, LIVE_CAP));
    setWaiting([]);
    setPaused(false);
  };
  const lines = createMemo(() => {
    const seen = new Set<string>();
    return [...live(), ...history().items].filter((l) => !seen.has(l.id) && Boolean(seen.add(l.id)));
  });
  const set = (key: keyof LogFilter, value: string) => {
    const next = { ...filter() };
    if (value) next[key] = value;
    else delete next[key];
    setFilter(next);
  };

  return (
    <section aria-labelledby="logs-title">
      <h1 id="logs-title">Logs</h1>
      <form class="filters" role="search" aria-label="Log filters" onSubmit={(e) => (e.preventDefault(), set('text', String(new FormData(e.currentTarget).get('text') ?? '').trim()))}>
        <label>Type<select value={filter().type ?? ''} onChange={(e) => set('type', e.currentTarget.value)}>
          <option value="">any</option><For each={meta.data?.logTypes ?? []}>{(t) => <option>{t}</option>}</For>
        </select></label>
        <label>Level<select value={filter().level ?? ''} onChange={(e) => set('level', e.currentTarget.value)}>
          <option value="">any</option><For each={meta.data?.logLevels ?? []}>{(l) => <option>{l}</option>}</For>
        </select></label>
        <label>Source<input value={filter().source ?? ''} onChange={(e) => set('source', e.currentTarget.value.trim())} placeholder="device-comm" size="12" /></label>
        <label>Search<input type="search" name="text" placeholder="text in the message" /></label>
        <button type="submit" class="ghost">Apply</button>
        <button type="button" aria-pressed={paused()} onClick={() => (paused() ? resume() : setPaused(true))}>
          {paused() ? `Resume (${waiting().length} new)` : 'Pause'}
        </button>
      </form>
      <Show when={meta.data?.logStats}>
        {(s) => (
          <p class="muted small" role="status" aria-label="Log stats">
            {s().total} lines · {s().levelCounts.map((b) => `${b.key} ${b.count}`).join(', ')} · {s().typeCounts.map((b) => `${b.key} ${b.count}`).join(', ')}
            {s().lastAt ? ` · newest ${formatTime(s().lastAt)}` : ''}
          </p>
        )}
      </Show>
      <QueryState fetching={history().fetching} error={history().error} empty={lines().length === 0} emptyText="No log lines match.">
        <ol class="log" aria-label="Log lines" aria-live={paused() ? 'off' : 'polite'}>
          <For each={lines()}>{(l) => <li class={`lvl-${l.level}`}><time>{formatTime(l.at)}</time> <b>{l.level}</b> <i>{l.type}</i> <span class="muted">{l.source}</span> <span>{l.message}</span></li>}</For>
        </ol>
        <Show when={history().hasMore}><button type="button" class="ghost" onClick={page.more} disabled={history().fetching}>Older lines</button></Show>
      </QueryState>
    </section>
  );
}
