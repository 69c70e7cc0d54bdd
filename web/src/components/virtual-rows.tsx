import { createMemo, createSignal, For, onCleanup, onMount, type JSX } from 'solid-js';

/**
 * A fixed-row-height list that renders only the rows in view (plus a margin), so 10,000 rows cost
 * what 40 do. The header row stays outside; rows are ARIA rows of the grid the caller labels.
 */
export function VirtualRows<T>(props: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  header: JSX.Element;
  row: (item: T, index: number) => JSX.Element;
}): JSX.Element {
  const [scrollTop, setScrollTop] = createSignal(0);
  let viewport: HTMLDivElement | undefined;
  const overscan = 10;
  const range = createMemo(() => {
    const first = Math.max(0, Math.floor(scrollTop() / props.rowHeight) - overscan);
    const count = Math.ceil(props.height / props.rowHeight) + overscan * 2;
    return { first, last: Math.min(props.items.length, first + count) };
  });
  const visible = createMemo(() => props.items.slice(range().first, range().last).map((item, i) => ({ item, index: range().first + i })));
  const onScroll = () => setScrollTop(viewport?.scrollTop ?? 0);
  onMount(() => viewport?.addEventListener('scroll', onScroll, { passive: true }));
  onCleanup(() => viewport?.removeEventListener('scroll', onScroll));
  return (
    <div class="vtable" role="table" aria-label={props.label} aria-rowcount={props.items.length + 1}>
      <div role="rowgroup" class="vhead">{props.header}</div>
      <div ref={viewport} class="vbody" role="rowgroup" style={{ height: `${props.height}px` }} tabindex="0" aria-label={`${props.label} rows`}>
        <div style={{ height: `${props.items.length * props.rowHeight}px`, position: 'relative' }}>
          <For each={visible()}>
            {(entry) => (
              <div class="vrow" role="row" aria-rowindex={entry.index + 2}
                style={{ transform: `translateY(${entry.index * props.rowHeight}px)`, height: `${props.rowHeight}px` }}>
                {props.row(entry.item, entry.index)}
              </div>
            )}
          </For>
        </div>
      </div>
    </div>
  );
}
