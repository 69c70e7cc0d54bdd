import { createComputed, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { AnyVariables } from '@urql/core';
import { useClient } from '@urql/solid';

interface LiveListOptions<T> {
  /** A change subscription whose payload is a whole row, as the list query selects it. */
  readonly subscription: string;
  readonly variables?: AnyVariables;
  /** Whether a row belongs in the list as filtered now. */
  readonly keep: (row: T) => boolean;
  /** The list query's order. */
  readonly order: (a: T, b: T) => number;
  readonly limit: () => number;
}

/**
 * A list kept current by its change subscription, without re-reading it: each payload is the row as the query
 * would return it, so it replaces or inserts that row (and drops it when it no longer matches the filter).
 * Payloads are applied once per animation frame, so 200 changes a second cost one render a frame, and an event
 * shows one frame after it arrives instead of after a debounce and a round trip. Rows keep their identity by id
 * (a store reconciled by key), so a row that stays in place keeps its DOM.
 */
export function liveList<T extends { id: string }>(base: () => readonly T[], options: LiveListOptions<T>): () => readonly T[] {
  const client = useClient();
  // Rows received since the list was last read, newest payload per id; pruned to the rows on show.
  let overlay = new Map<string, T>();
  let pending: T[] = [];
  let frame: number | undefined;
  const [rows, setRows] = createStore<T[]>([]);

  const merged = (): T[] => {
    const byId = new Map<string, T>();
    for (const row of base()) byId.set(row.id, row);
    for (const [id, row] of overlay) byId.set(id, row);
    return [...byId.values()].filter(options.keep).sort(options.order).slice(0, options.limit());
  };
  const show = (): void => {
    const next = merged();
    const shown = new Set(next.map((row) => row.id));
    for (const id of overlay.keys()) if (!shown.has(id)) overlay.delete(id);
    setRows(reconcile(next, { key: 'id', merge: true }));
  };
  const flush = (): void => {
    frame = undefined;
    for (const row of pending) overlay.set(row.id, row);
    pending = [];
    show();
  };

  // A new read of the list (filter changed, refetch) is the truth from then on, with what arrived since on top.
  createComputed(() => {
    base();
    show();
  });
  const subscription = client.subscription<Record<string, T>>(options.subscription, options.variables ?? {}).subscribe((result) => {
    const row = result.data ? Object.values(result.data)[0] : undefined;
    if (!row) return;
    pending.push(row);
    frame ??= requestAnimationFrame(flush);
  });
  onCleanup(() => {
    subscription.unsubscribe();
    if (frame !== undefined) cancelAnimationFrame(frame);
    overlay = new Map();
  });
  return () => rows;
}
