import { randomUUID } from 'node:crypto';
import type { Command, Decider, DomainEvent } from '@netraven/domain';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type Position, type RecordedEvent } from './event-store.js';

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
  readonly schemaVersionOf?: (eventType: string) => number;
}

/**
 * Load, decide, append with the expected revision; on a concurrent write, reload and decide again
 * (bounded). A command whose id is already recorded in the stream is not applied twice.
 */
export class CommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions = {},
  ) {}

  async handle<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    aggregateId: string,
    command: C,
  ): Promise<CommandResult<E>> {
    const streamId = decider.streamName(aggregateId);
    const maxRetries = this.options.maxConflictRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      const history = await this.store.readStream(streamId);
      const revision = history.length - 1;
      const previous = history.filter((e) => e.metadata.commandId === command.metadata.commandId);
      if (previous.length > 0) {
        const last = previous[previous.length - 1];
        return { events: previous.map((e) => toDomainEvent<E>(e)), revision, alreadyApplied: true, ...(last ? { position: last.position } : {}) };
      }
      const state = history.reduce((s, e) => decider.evolve(s, toDomainEvent<E>(e)), decider.initialState());
      const events = decider.decide(command, state);
      if (events.length === 0) return { events, revision, alreadyApplied: false };
      try {
        const result = await this.store.append(
          streamId,
          events.map((e) => this.toNewEvent(e, command)),
          revision < 0 ? 'no_stream' : revision,
        );
        return { events, revision: result.nextRevision, alreadyApplied: false, position: result.position };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < maxRetries) continue;
        throw error;
      }
    }
  }

  private toNewEvent(event: DomainEvent, command: Command): NewEvent {
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
        schemaVersion: this.options.schemaVersionOf?.(event.type) ?? 1,
      },
    };
  }
}

function toDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data } as E;
}
