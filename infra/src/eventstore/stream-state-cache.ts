import type { Command, Decider, DomainEvent } from '@netraven/domain';
import type { EventStore, Position } from './event-store.js';

export interface CachedStream {
  readonly decider: Decider<Command, DomainEvent, unknown>;
  readonly state: unknown;
  /** Last revision folded into `state`; -1 for a stream with no events. */
  readonly revision: number;
  /**
   * Commands already applied to the stream, with what they produced, for idempotent re-answers.
   * Owned by the cache and updated in place: copying it per command would cost O(stream) each time.
   */
  readonly commands: Map<string, { events: DomainEvent[]; position: Position | undefined }>;
}

/**
 * Decided state per stream, kept up to date by reading only the events after the cached revision
 * (another process may have appended). Least recently used streams are dropped beyond `capacity`.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity: number,
  ) {}

  /**
   * The cached state as this process last wrote or read it, without asking the store (undefined when
   * not cached). It may be behind another process's appends: only an append with its revision as the
   * expected one proves it current.
   */
  peek(streamId: string, decider: Decider<Command, DomainEvent, unknown>): CachedStream | undefined {
    const entry = this.entries.get(streamId);
    return entry && entry.decider === decider ? entry : undefined;
  }

  async load(streamId: string, decider: Decider<Command, DomainEvent, unknown>): Promise<CachedStream> {
    let entry = this.entries.get(streamId);
    if (!entry || entry.decider !== decider) {
      entry = { decider, state: decider.initialState(), revision: -1, commands: new Map() };
    }
    const newer = await this.store.readStream(streamId, { fromRevision: entry.revision + 1 });
    if (newer.length > 0) {
      const commands = entry.commands;
      let state = entry.state;
      for (const recorded of newer) {
        const event: DomainEvent = { type: recorded.type, data: recorded.data };
        state = decider.evolve(state, event);
        const commandId = recorded.metadata.commandId;
        if (commandId) {
          const known = commands.get(commandId);
          commands.set(commandId, { events: [...(known?.events ?? []), event], position: recorded.position });
        }
      }
      entry = { decider, state, revision: newer[newer.length - 1]!.revision, commands };
    }
    this.remember(streamId, entry);
    return entry;
  }

  /** Many streams in one read (whole streams, folded afresh), in the order asked. */
  async loadMany(streamIds: readonly string[], decider: Decider<Command, DomainEvent, unknown>): Promise<CachedStream[]> {
    const streams = await this.store.readStreams(streamIds);
    return streamIds.map((streamId) => {
      let state = decider.initialState();
      let revision = -1;
      const commands: CachedStream['commands'] = new Map();
      for (const recorded of streams.get(streamId) ?? []) {
        const event: DomainEvent = { type: recorded.type, data: recorded.data };
        state = decider.evolve(state, event);
        revision = recorded.revision;
        const commandId = recorded.metadata.commandId;
        if (commandId) commands.set(commandId, { events: [...(commands.get(commandId)?.events ?? []), event], position: recorded.position });
      }
      const entry: CachedStream = { decider, state, revision, commands };
      this.remember(streamId, entry);
      return entry;
    });
  }

  commit(streamId: string, state: unknown, revision: number, applied: ReadonlyMap<string, DomainEvent[]>, position: Position): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    for (const [commandId, events] of applied) entry.commands.set(commandId, { events, position });
    this.remember(streamId, { decider: entry.decider, state, revision, commands: entry.commands });
  }

  forget(streamId: string): void {
    this.entries.delete(streamId);
  }

  private remember(streamId: string, entry: CachedStream): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
