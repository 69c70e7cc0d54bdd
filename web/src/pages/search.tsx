import { createSignal, For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { SEARCH_CONFIGS, type ConfigMatch, type SearchConfigsData } from '../api/configs';
import { errorText, formatTime } from '../lib/format';
import { createPaged } from '../lib/paged';

interface Ask { query: string; regex: boolean; tags: string[]; platforms: string[]; history: boolean }
const list = (text: string) => text.split(/[,;\s]+/).filter(Boolean);

/** Config search across devices (latest configs, or every stored version), matching lines with their context. */
export default function SearchPage(): JSX.Element {
  const [ask, setAsk] = createSignal<Ask | null>(null);
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <form class="filters" role="search" aria-label="Config search" onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const query = String(form.get('query') ?? '');
        if (query.trim()) setAsk({
          query, regex: form.get('regex') === 'on', history: form.get('history') === 'on',
          tags: list(String(form.get('tags') ?? '')), platforms: list(String(form.get('platforms') ?? '')),
        });
      }}>
        <label>Config line<input type="search" name="query" required placeholder="ntp server 10.0.0.1" size="36" /></label>
        <label class="inline"><input type="checkbox" name="regex" />Regular expression</label>
        <label>Tags<input name="tags" placeholder="core, edge" size="12" /></label>
        <label>Platforms<input name="platforms" placeholder="cisco_ios" size="12" /></label>
        <label class="inline"><input type="checkbox" name="history" />Every stored version</label>
        <button type="submit">Search configs</button>
      </form>
      <Show when={ask()} keyed fallback={<p class="empty">Search the configurations of every device you may see.</p>}>
        {(a) => <Results ask={a} />}
      </Show>
    </section>
  );
}

function Results(props: { ask: Ask }): JSX.Element {
  const [found, page] = createPaged<ConfigMatch, SearchConfigsData>(SEARCH_CONFIGS, () => ({
    query: props.ask.query, regex: props.ask.regex, history: props.ask.history,
    ...(props.ask.tags.length ? { tags: props.ask.tags } : {}), ...(props.ask.platforms.length ? { platforms: props.ask.platforms } : {}),
  }), (d) => d.searchConfigs);
  return (
    <Show when={!found().error} fallback={<p class="error" role="alert">{errorText(found().error)}</p>}>
      <p role="status" class="muted">{found().fetching && found().items.length === 0 ? 'Searching…' : `${found().items.length}${found().hasMore ? '+' : ''} configurations match`}</p>
      <ul class="matches" aria-label="Search results">
        <For each={found().items}>
          {(m) => (
            <li class="card">
              <h2><A href={`/devices/${encodeURIComponent(m.device.id)}`}>{m.device.name}</A> <span class="muted small">{m.device.platform} · {m.commit.slice(0, 10)} · {formatTime(m.recordedAt)}</span></h2>
              <ol class="code" aria-label={`Matches in ${m.device.name}`}>
                <For each={m.lines}>{(l, i) => <li value={l.number} classList={{ hit: !l.context, gap: i() > 0 && m.lines[i() - 1]?.number !== l.number - 1 }}>{l.text || ' '}</li>}</For>
              </ol>
            </li>
          )}
        </For>
      </ul>
      <Show when={found().hasMore}><button type="button" class="ghost" onClick={page.more} disabled={found().fetching}>More results</button></Show>
    </Show>
  );
}
