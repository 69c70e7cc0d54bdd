import { createSignal, For, Show, type JSX } from 'solid-js';
import { createQuery } from '@urql/solid';
import { CONFIG_DIFF, type ConfigDiffData, type ConfigRef, type DiffStats } from '../api/configs';
import { formatTime } from '../lib/format';
import { QueryState } from './states';

export function DiffStatsText(props: { stats: DiffStats }): JSX.Element {
  return <span class="diffstat"><span class="add">+{props.stats.added}</span> <span class="del">−{props.stats.removed}</span></span>;
}

const MARK = { ADDED: '+', REMOVED: '−', CONTEXT: ' ', CHANGED: '~' } as const;

/** The diff of two stored configurations, unified or side by side, with line numbers and +/− counts. */
export function ConfigDiffView(props: { from: ConfigRef; to: ConfigRef; title?: string }): JSX.Element {
  const [mode, setMode] = createSignal<'unified' | 'side'>('side');
  const [result] = createQuery<ConfigDiffData>({ query: CONFIG_DIFF, variables: () => ({ from: props.from, to: props.to }) });
  const diff = () => result.data?.configDiff;
  return (
    <section class="card diff" aria-label={props.title ?? 'Configuration diff'}>
      <QueryState fetching={result.fetching} error={result.error} empty={!diff()}>
        <Show when={diff()}>
          {(d) => (
            <>
              <div class="config-tools">
                <h2>{props.title ?? 'Diff'}</h2>
                <span class="mono small">{d().from.commit.slice(0, 10)} ({formatTime(d().from.recordedAt)}) → {d().to.commit.slice(0, 10)} ({formatTime(d().to.recordedAt)})</span>
                <span role="status" aria-label="Diff stats"><DiffStatsText stats={d().stats} /></span>
                <div role="group" aria-label="Diff layout" class="actions">
                  <button type="button" class="ghost" aria-pressed={mode() === 'side'} onClick={() => setMode('side')}>Side by side</button>
                  <button type="button" class="ghost" aria-pressed={mode() === 'unified'} onClick={() => setMode('unified')}>Unified</button>
                </div>
              </div>
              <Show when={d().hunks.length > 0} fallback={<p class="empty">The two versions are the same.</p>}>
                <Show when={mode() === 'side'} fallback={
                  <table class="difftable" aria-label="Unified diff">
                    <thead><tr><th>Old</th><th>New</th><th><span class="sr-only">Change</span></th><th>Line</th></tr></thead>
                    <For each={d().hunks}>
                      {(h) => (
                        <tbody>
                          <tr class="hunk"><td colspan="4">@@ −{h.oldStart},{h.oldLines} +{h.newStart},{h.newLines} @@</td></tr>
                          <For each={h.lines}>
                            {(l) => <tr class={l.kind.toLowerCase()}><td class="ln">{l.oldNumber ?? ''}</td><td class="ln">{l.newNumber ?? ''}</td><td class="mark">{MARK[l.kind]}</td><td class="text">{l.text}</td></tr>}
                          </For>
                        </tbody>
                      )}
                    </For>
                  </table>
                }>
                  <table class="difftable side" aria-label="Side-by-side diff">
                    <thead><tr><th>Old</th><th>{d().from.commit.slice(0, 10)}</th><th>New</th><th>{d().to.commit.slice(0, 10)}</th></tr></thead>
                    <For each={d().sideBySide}>
                      {(h) => (
                        <tbody>
                          <tr class="hunk"><td colspan="4">@@ −{h.oldStart} +{h.newStart} @@</td></tr>
                          <For each={h.rows}>
                            {(r) => (
                              <tr class={r.kind.toLowerCase()}>
                                <td class="ln">{r.oldNumber ?? ''}</td><td class="text old">{r.oldText ?? ''}</td>
                                <td class="ln">{r.newNumber ?? ''}</td><td class="text new">{r.newText ?? ''}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      )}
                    </For>
                  </table>
                </Show>
              </Show>
              <details><summary>Unified text</summary><pre class="code plain-diff">{d().unified}</pre></details>
            </>
          )}
        </Show>
      </QueryState>
    </section>
  );
}
