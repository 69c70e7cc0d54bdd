import { randomUUID } from 'node:crypto';
import type { Command, Decider, DomainEvent } from '@netraven/domain';
import { CommandHandler, newCommandMetadata, type EventStore } from '@netraven/infra/eventstore';

type Tick = Command<'Tick', { n: number }>;
type Ticked = DomainEvent<'Ticked', { n: number }>;

/** The smallest useful decider: every command appends one event to its stream. */
const tickDecider: Decider<Tick, Ticked, number> = {
  decide: (command) => [{ type: 'Ticked', data: { n: command.data.n } }],
  evolve: (count) => count + 1,
  initialState: () => 0,
  streamName: (id) => `bench-tick-${id}`,
};

/**
 * Single-event commands through the command handler (read the stream, decide, append with the
 * expected revision), each on a fresh stream, from `writers` concurrent loops for `durationMs`.
 */
export async function measureAppends(store: EventStore, writers: number, durationMs: number): Promise<{ appends: number; seconds: number }> {
  const handler = new CommandHandler(store);
  const started = performance.now();
  const deadline = started + durationMs;
  let appends = 0;
  const writer = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const command: Tick = { type: 'Tick', data: { n: appends }, metadata: newCommandMetadata({ actor: 'bench' }) };
      await handler.handle(tickDecider, randomUUID(), command);
      appends++;
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return { appends, seconds: (performance.now() - started) / 1000 };
}
