import type { EventStore, Position } from '@netraven/infra/eventstore';

/** A full read of `$all` in batches, as a catching-up subscriber or a rebuild reads it. */
export async function measureReadAll(store: EventStore, batchSize: number): Promise<{ events: number; seconds: number }> {
  const started = performance.now();
  let after: Position | undefined;
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ ...(after ? { after } : {}), limit: batchSize });
    events += batch.length;
    after = batch[batch.length - 1]?.position ?? after;
    if (batch.length < batchSize) break;
  }
  return { events, seconds: (performance.now() - started) / 1000 };
}
