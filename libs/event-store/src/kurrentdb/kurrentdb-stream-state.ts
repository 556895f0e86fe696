/**
 * The port's expected revision as KurrentDB's stream state, and back. The words are the same ideas under other
 * names: 'no-stream' is NO_STREAM, 'exists' STREAM_EXISTS, 'any' ANY, and a revision is the revision as a bigint.
 */
import type { AppendStreamState, CurrentStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event-store.port';
import { toRevision } from './kurrentdb-positions';

// The client's constants, spelled here so that this module does not load the client (and its native bridge).
const ANY = 'any' satisfies AppendStreamState;
const NO_STREAM = 'no_stream' satisfies AppendStreamState;
const STREAM_EXISTS = 'stream_exists' satisfies AppendStreamState;

/** A stream's last revision, -1 for a stream without events. */
export type CurrentRevision = number;

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** The state that holds only while the stream is exactly where it was seen: the server refuses the append otherwise. */
export function exactStreamState(current: CurrentRevision): AppendStreamState {
  return current === -1 ? NO_STREAM : BigInt(current);
}

/** The actual revision a WrongExpectedVersion error carries, as the port's WrongExpectedRevisionError names it. */
export function actualRevision(current: CurrentStreamState | undefined): number | 'no-stream' {
  return current === undefined || current === NO_STREAM || (typeof current === 'bigint' && current < 0n) ? 'no-stream' : toRevision(current as bigint);
}

/** Whether a stream at `current` meets the caller's expectation (what the server checks, checked here first). */
export function meetsExpectation(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === -1;
    case 'exists':
      return current >= 0;
    default:
      return expected === current;
  }
}
