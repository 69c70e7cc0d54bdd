import { onCleanup } from 'solid-js';
import type { CreateQueryExecute } from '@urql/solid';

/**
 * Re-reads a query every `ms` while the tab is visible: for what no subscription announces (queue depth,
 * webhook deliveries, log stats). Jobs, devices and logs are live through subscriptions (see live.ts).
 */
export function refreshEvery(reexecute: CreateQueryExecute, ms: number, paused: () => boolean = () => false): void {
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible' && !paused()) reexecute({ requestPolicy: 'network-only' });
  }, ms);
  onCleanup(() => clearInterval(timer));
}
