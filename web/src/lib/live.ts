import { onCleanup } from 'solid-js';
import type { AnyVariables } from '@urql/core';
import { useClient } from '@urql/solid';

/**
 * Calls `onChange` after each payload of a change subscription (`jobsChanged`, `deviceChanged`), at most once per
 * `gapMs`, with every payload since the last call: a burst of 10,000 changes costs a handful of re-reads.
 */
export function onLiveChanges<T>(query: string, variables: AnyVariables, onChange: (payloads: T[]) => void, gapMs = 300): void {
  const client = useClient();
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const batch = pending;
    pending = [];
    onChange(batch);
  };
  const subscription = client.subscription<Record<string, T>>(query, variables).subscribe((result) => {
    const payload = result.data ? Object.values(result.data)[0] : undefined;
    if (payload === undefined) return;
    pending.push(payload);
    timer ??= setTimeout(flush, gapMs);
  });
  onCleanup(() => {
    subscription.unsubscribe();
    if (timer) clearTimeout(timer);
  });
}
