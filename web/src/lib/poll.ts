import { onCleanup } from 'solid-js';
import type { CreateQueryExecute } from '@urql/solid';

/**
 * Re-reads a query every `ms` while the tab is visible. A stopgap for lists whose change
 * subscriptions (jobsChanged, deviceChanged, logAdded) are not served yet; job progress is live already.
 */
export function refreshEvery(reexecute: CreateQueryExecute, ms: number, paused: () => boolean = () => false): void {
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible' && !paused()) reexecute({ requestPolicy: 'network-only' });
  }, ms);
  onCleanup(() => clearInterval(timer));
}
