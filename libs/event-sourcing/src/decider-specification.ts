/**
 * Given / when / then on events, for decider tests: no framework, no store, no mocks.
 *   given(leadDecider, [captured, qualified]).when(handOff).then([handedOff])
 *   given(leadDecider, [captured, disqualified]).when(handOff).thenRejects('invalid-transition', 'lead-disqualified')
 */
import { fold, type Decider, type DomainEvent } from './decider';
import { DomainError, type DomainErrorKind } from './domain-errors';

export function given<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  history: readonly Event[],
) {
  return {
    when(command: Command) {
      const run = (): readonly Event[] => decider.decide(command, fold(decider, history));
      return {
        then(expected: readonly Event[]): void {
          expect(run()).toEqual(expected);
        },
        thenRejects(kind: DomainErrorKind, code: string): DomainError {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          expect({ kind: (caught as DomainError).kind, code: (caught as DomainError).code }).toEqual({ kind, code });
          return caught as DomainError;
        },
      };
    },
  };
}
