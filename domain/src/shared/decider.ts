/** What every command carries besides its data: who asked, when, and under which correlation. */
export interface CommandMetadata {
  /** Time of the decision; deciders never read the clock. */
  readonly now: Date;
  readonly actor: string;
  /** Unique per command; a retried command keeps its id so it is not applied twice. */
  readonly commandId: string;
  readonly correlationId: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly decide: (command: C, state: S) => E[];
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: () => S;
  /** Stream name for an aggregate id, e.g. `job-<id>`. */
  readonly streamName: (id: string) => string;
}
