import { randomUUID } from 'node:crypto';
import type { Command, Decider, DomainEvent } from '@netraven/domain';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type Position, type StreamWrite } from './event-store.js';
import { StreamStateCache, type CachedStream } from './stream-state-cache.js';

export interface CommandResult<E extends DomainEvent> {
  readonly events: E[];
  /** The stream's last revision after the command (-1 when the stream is still empty). */
  readonly revision: number;
  /** True when this command id had already been applied: nothing was appended this time. */
  readonly alreadyApplied: boolean;
  /** Where the appended events sit in the global log (absent when nothing was appended). */
  readonly position?: Position;
}

export interface CommandHandlerOptions {
  readonly maxConflictRetries?: number;
  /** Streams whose decided state is kept in memory (least recently used are dropped). */
  readonly cachedStreams?: number;
  /** Most commands for one stream decided together and appended in one write. */
  readonly maxBatch?: number;
}

/** One command's answer in `handleAll`: its result, or why it was refused. */
export type BatchOutcome<E extends DomainEvent> =
  | { readonly ok: true; readonly result: CommandResult<E> }
  | { readonly ok: false; readonly error: unknown };

/** Events of another stream written with a command's own, in the same write, only if the command is applied. */
export interface SideWrite {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
}

export interface HandleOptions {
  /**
   * Appended (`any` revision, events already recorded left out) in the same write as the command's
   * events, and only when the command appends some: e.g. a device attempt's log with its outcome.
   */
  readonly alongside?: readonly SideWrite[];
}

interface Pending {
  readonly decider: Decider<Command, DomainEvent, unknown>;
  readonly command: Command;
  readonly alongside: readonly SideWrite[];
  readonly resolve: (result: CommandResult<DomainEvent>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Load, decide, append with the expected revision; on a concurrent write, reload and decide again
 * (bounded). A command whose id is already recorded in the stream is not applied twice.
 *
 * Two things make a busy stream (a job with thousands of devices) cheap: the decided state is
 * cached per stream and only newer events are read, and commands queued for the same stream are
 * decided one after another and appended together (group commit), so concurrent workers in one
 * process never conflict with each other. Writers in other processes still meet the expected
 * revision check.
 */
export class CommandHandler {
  private readonly cache: StreamStateCache;
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.cache = new StreamStateCache(store, options.cachedStreams ?? 2000);
  }

  handle<C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, aggregateId: string, command: C, options: HandleOptions = {}): Promise<CommandResult<E>> {
    const streamId = decider.streamName(aggregateId);
    return new Promise<CommandResult<E>>((resolve, reject) => {
      const pending: Pending = {
        decider: decider as unknown as Decider<Command, DomainEvent, unknown>,
        command,
        alongside: options.alongside ?? [],
        resolve: resolve as (result: CommandResult<DomainEvent>) => void,
        reject,
      };
      const queue = this.queues.get(streamId);
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(streamId, [pending]);
      void this.drain(streamId);
    });
  }

  /**
   * Many commands for distinct streams of one aggregate kind, decided together and appended in one
   * multi-stream write (one round trip and, on PostgreSQL, one transaction): the bulk path. A refused
   * command fails alone; the others are appended. A concurrent write to any of the streams makes the
   * whole batch decide again (bounded), as `handle` does for one stream.
   */
  async handleAll<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    items: ReadonlyArray<{ readonly aggregateId: string; readonly command: C }>,
  ): Promise<Array<BatchOutcome<E>>> {
    const streamIds = items.map((item) => decider.streamName(item.aggregateId));
    if (new Set(streamIds).size !== streamIds.length) throw new Error('handleAll: at most one command per stream');
    const erased = decider as unknown as Decider<Command, DomainEvent, unknown>;
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.cache.loadMany(streamIds, erased);
      const outcomes = new Array<BatchOutcome<E>>(items.length);
      const writes: StreamWrite[] = [];
      const decided: Array<{ index: number; events: DomainEvent[]; state: unknown }> = [];
      items.forEach((item, index) => {
        const cached = loaded[index]!;
        const previous = cached.commands.get(item.command.metadata.commandId);
        if (previous) {
          const result = { events: previous.events as E[], revision: cached.revision, alreadyApplied: true, ...(previous.position ? { position: previous.position } : {}) };
          outcomes[index] = { ok: true, result };
          return;
        }
        try {
          const events = erased.decide(item.command, cached.state);
          if (events.length === 0) {
            outcomes[index] = { ok: true, result: { events: [], revision: cached.revision, alreadyApplied: false } };
            return;
          }
          writes.push({ streamId: streamIds[index]!, events: events.map((e) => toNewEvent(e, item.command)), expected: cached.revision < 0 ? 'no_stream' : cached.revision });
          decided.push({ index, events, state: events.reduce(erased.evolve, cached.state) });
        } catch (error) {
          outcomes[index] = { ok: false, error };
        }
      });
      if (writes.length === 0) return outcomes;
      try {
        const results = await this.store.appendMany(writes);
        decided.forEach(({ index, events, state }, k) => {
          const { nextRevision, position } = results[k]!;
          this.cache.commit(streamIds[index]!, state, nextRevision, new Map([[items[index]!.command.metadata.commandId, events]]), position);
          outcomes[index] = { ok: true, result: { events: events as E[], revision: nextRevision, alreadyApplied: false, position } };
        });
        return outcomes;
      } catch (error) {
        streamIds.forEach((streamId) => this.cache.forget(streamId));
        if (error instanceof WrongExpectedRevisionError && attempt < (this.options.maxConflictRetries ?? 20)) continue;
        throw error;
      }
    }
  }

  private async drain(streamId: string): Promise<void> {
    const queue = this.queues.get(streamId);
    while (queue && queue.length > 0) {
      const batch = queue.splice(0, this.options.maxBatch ?? 500);
      // One decider per write: commands for the same stream always share it, but stay safe.
      const decider = batch[0]!.decider;
      const sameDecider = batch.filter((p) => p.decider === decider);
      queue.unshift(...batch.filter((p) => p.decider !== decider));
      await this.process(streamId, decider, sameDecider);
    }
    this.queues.delete(streamId);
  }

  /**
   * Optimistic first: a stream this process has cached is decided without reading it again, and the
   * append's expected revision proves the cache current (another process's append makes it conflict,
   * and the batch is decided again on a fresh read). A decision that appends nothing (every command
   * refused or a no-op) proves nothing, so it is made again on a fresh read before it is answered.
   */
  private async process(streamId: string, decider: Decider<Command, DomainEvent, unknown>, batch: Pending[]): Promise<void> {
    const maxRetries = this.options.maxConflictRetries ?? 20;
    let optimistic = true;
    for (let attempt = 0; ; attempt++) {
      let cached = optimistic ? this.cache.peek(streamId, decider) : undefined;
      const verified = cached === undefined;
      optimistic = false;
      if (!cached) {
        try {
          cached = await this.cache.load(streamId, decider);
        } catch (error) {
          batch.forEach((p) => p.reject(error));
          return;
        }
      }
      const outcome = this.decideAll(cached, decider, batch);
      if (outcome.events.length === 0) {
        if (!verified && outcome.refusedOrEmpty) continue;
        outcome.settle(undefined);
        return;
      }
      try {
        const expected = cached.revision < 0 ? 'no_stream' : cached.revision;
        const result = outcome.sides.length === 0
          ? await this.store.append(streamId, outcome.events, expected)
          // Side events first: in the log's order they come before what they accompany (a device's log lines before its outcome).
          : (await this.store.appendMany([...mergedSides(outcome.sides), { streamId, events: outcome.events, expected }])).at(-1)!;
        this.cache.commit(streamId, outcome.state, result.nextRevision, outcome.applied, result.position);
        outcome.settle(result.position);
        return;
      } catch (error) {
        this.cache.forget(streamId);
        if (error instanceof WrongExpectedRevisionError && attempt < maxRetries) continue;
        outcome.fail(error);
        return;
      }
    }
  }

  /** Decides each command against the state the previous ones left; a refused command fails alone. */
  private decideAll(cached: CachedStream, decider: Decider<Command, DomainEvent, unknown>, batch: Pending[]) {
    let state = cached.state;
    let revision = cached.revision;
    const events: NewEvent[] = [];
    const sides: SideWrite[] = [];
    const applied = new Map<string, DomainEvent[]>();
    const settlers: Array<(position: Position | undefined) => void> = [];
    const failers: Array<(error: unknown) => void> = [];
    // Commands applied before answer the same whether or not this batch's append succeeds.
    const replays: Array<(position: Position | undefined) => void> = [];
    // Refusals are delivered only once the batch is settled: after a conflict the batch is decided again.
    const refusals: Array<() => void> = [];
    for (const pending of batch) {
      const commandId = pending.command.metadata.commandId;
      const previous = cached.commands.get(commandId) ?? (applied.has(commandId) ? { events: applied.get(commandId)!, position: undefined } : undefined);
      if (previous) {
        replays.push((position) => {
          const at = previous.position ?? position;
          pending.resolve({ events: previous.events, revision, alreadyApplied: true, ...(at ? { position: at } : {}) });
        });
        continue;
      }
      let decided: DomainEvent[];
      try {
        decided = pending.decider.decide(pending.command, state);
      } catch (error) {
        refusals.push(() => pending.reject(error));
        continue;
      }
      state = decided.reduce(pending.decider.evolve, state);
      revision += decided.length;
      events.push(...decided.map((e) => toNewEvent(e, pending.command)));
      if (decided.length > 0) {
        applied.set(commandId, decided);
        sides.push(...pending.alongside);
      }
      const own = revision;
      settlers.push((position) =>
        pending.resolve({ events: decided, revision: own, alreadyApplied: false, ...(decided.length > 0 && position ? { position } : {}) }));
      failers.push((error) => pending.reject(error));
    }
    return {
      events,
      sides,
      state,
      applied,
      /** Some command was refused or decided nothing: an answer that depends on the state being current. */
      refusedOrEmpty: refusals.length > 0 || settlers.length > applied.size,
      settle: (position: Position | undefined) => {
        settlers.forEach((s) => s(position));
        replays.forEach((r) => r(position));
        refusals.forEach((r) => r());
      },
      fail: (error: unknown) => {
        failers.forEach((f) => f(error));
        replays.forEach((r) => r(undefined));
        refusals.forEach((r) => r());
      },
    };
  }
}

/** One write per side stream (a stream appears once per multi-stream write), in the order given. */
function mergedSides(sides: readonly SideWrite[]): StreamWrite[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const side of sides) {
    const events = byStream.get(side.streamId);
    if (events) events.push(...side.events);
    else byStream.set(side.streamId, [...side.events]);
  }
  return [...byStream].map(([streamId, events]) => ({ streamId, events, expected: 'any' as const, skipRecorded: true }));
}

function toNewEvent(event: DomainEvent, command: Command): NewEvent {
  return {
    type: event.type,
    data: event.data,
    metadata: {
      eventId: randomUUID(),
      correlationId: command.metadata.correlationId,
      causationId: command.metadata.commandId,
      commandId: command.metadata.commandId,
      actor: command.metadata.actor,
      occurredAt: command.metadata.now.toISOString(),
      // The store stamps the current schema version of each type (UpcastingEventStore).
      schemaVersion: 1,
    },
  };
}
