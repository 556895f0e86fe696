/**
 * An aggregate as two pure functions: `decide` turns a command and the current state into new events
 * (or throws a DomainError), `evolve` folds one event into the state. No I/O, no clock, no random ids:
 * time and ids come in with the command, so a decider is deterministic and tested without mocks.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

/** The state after a history of events. */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Closes a `switch` over a union: adding a member without handling it stops the build. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
