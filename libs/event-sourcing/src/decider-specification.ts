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
        /** The command is rejected with this kind and code (and, when given, about this input field). */
        thenRejects(kind: DomainErrorKind, code: string, field?: string): void {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          const { kind: actualKind, code: actualCode, field: actualField } = caught as DomainError;
          expect({ kind: actualKind, code: actualCode, ...(field === undefined ? {} : { field: actualField }) }).toEqual({
            kind,
            code,
            ...(field === undefined ? {} : { field }),
          });
        },
      };
    },
  };
}
