import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';

/** A configuration with line numbers, search in page (matches highlighted, n of m) and download. */
export function ConfigViewer(props: { text: string; fileName: string }): JSX.Element {
  const [query, setQuery] = createSignal('');
  const [current, setCurrent] = createSignal(0);
  const lines = createMemo(() => props.text.split('\n'));
  const matches = createMemo(() => {
    const q = query().toLowerCase();
    return q ? lines().flatMap((line, i) => (line.toLowerCase().includes(q) ? [i] : [])) : [];
  });
  let container: HTMLOListElement | undefined;
  const go = (step: number) => {
    const count = matches().length;
    if (count === 0) return;
    const next = (current() + step + count) % count;
    setCurrent(next);
    container?.querySelector(`[data-line="${matches()[next]}"]`)?.scrollIntoView({ block: 'center' });
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([props.text], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: props.fileName });
    link.click();
    URL.revokeObjectURL(url);
  };
  const isMatch = (i: number) => matches().includes(i);
  return (
    <div class="config">
      <div class="config-tools" role="search">
        <label class="inline">Find in config
          <input type="search" value={query()} onInput={(e) => (setQuery(e.currentTarget.value), setCurrent(0))}
            onKeyDown={(e) => e.key === 'Enter' && go(e.shiftKey ? -1 : 1)} />
        </label>
        <span role="status" class="muted">{query() ? `${matches().length ? current() + 1 : 0} of ${matches().length} lines` : ''}</span>
        <button type="button" class="ghost" onClick={() => go(-1)} disabled={!matches().length}>Previous</button>
        <button type="button" class="ghost" onClick={() => go(1)} disabled={!matches().length}>Next</button>
        <button type="button" onClick={download}>Download</button>
      </div>
      <ol ref={container} class="code" aria-label="Configuration">
        <For each={lines()}>
          {(line, i) => (
            <li data-line={i()} classList={{ hit: isMatch(i()), comment: /^\s*[!#]/.test(line) }}>
              <Show when={line} fallback={' '}>{line}</Show>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
