import * as assert from 'uvu/assert';
import type { Command, CommandMetadata, Decider, DomainEvent } from '../src/shared/decider.js';
import { ValidationError } from '../src/shared/errors.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The moment every command in the specs is decided at, so expected events can name it exactly. */
export const NOW = new Date('2025-03-01T02:00:00.000Z');
export const AT = NOW.toISOString();
/** Time stamp for history events that happened before the command under test. */
export const EARLIER = '2025-03-01T01:00:00.000Z';

export const metadata: CommandMetadata = {
  now: NOW,
  actor: 'alice@noc',
  commandId: 'command-1',
  correlationId: 'correlation-1',
};

/**
 * `given(decider, history).when(command).then(events)` — the history is replayed through `evolve`
 * from `initialState`, exactly as the command handler rebuilds a stream before deciding.
 */
export const given = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  history: readonly E[],
) => {
  const state = (): S => history.reduce(decider.evolve, decider.initialState());

  return {
    state,
    when: (command: C) => ({
      then: (expected: readonly E[]): void => {
        assert.equal(decider.decide(command, state()), expected);
      },
      thenNothingHappens: (): void => {
        assert.equal(decider.decide(command, state()), []);
      },
      thenThrows: (errorClass: ErrorClass, messagePart?: string): void => {
        let produced: E[];
        try {
          produced = decider.decide(command, state());
        } catch (error) {
          assert.instance(error, errorClass);
          if (messagePart !== undefined && error instanceof Error)
            assert.ok(
              error.message.includes(messagePart),
              `expected a message containing "${messagePart}", got "${error.message}"`,
            );
          return;
        }
        assert.unreachable(`expected ${errorClass.name}, but decide returned ${JSON.stringify(produced)}`);
      },
      /** Refused as invalid input, naming the field at fault (what the API reports as `extensions.field`). */
      thenRefusesField: (field: string, messagePart?: string): void => {
        let produced: E[];
        try {
          produced = decider.decide(command, state());
        } catch (error) {
          assert.instance(error, ValidationError);
          assert.is((error as ValidationError).field, field);
          if (messagePart !== undefined)
            assert.ok((error as Error).message.includes(messagePart), `expected "${messagePart}" in "${(error as Error).message}"`);
          return;
        }
        assert.unreachable(`expected a refusal of ${field}, but decide returned ${JSON.stringify(produced).slice(0, 200)}`);
      },
    }),
  };
};
