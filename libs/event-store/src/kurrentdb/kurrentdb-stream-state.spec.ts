import { actualRevision, exactStreamState, meetsExpectation, toStreamState } from './kurrentdb-stream-state';

describe('expected revision ↔ KurrentDB stream state', () => {
  it('maps every expectation to the client’s stream state', () => {
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('no-stream')).toBe('no_stream');
    expect(toStreamState('exists')).toBe('stream_exists');
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('pins a stream where it was seen', () => {
    expect(exactStreamState(-1)).toBe('no_stream');
    expect(exactStreamState(7)).toBe(7n);
  });

  it('reads the actual revision a conflict reports', () => {
    expect(actualRevision('no_stream')).toBe('no-stream');
    expect(actualRevision(undefined)).toBe('no-stream');
    expect(actualRevision(-1n)).toBe('no-stream');
    expect(actualRevision(12n)).toBe(12);
  });

  it.each([
    ['any', -1, true],
    ['any', 3, true],
    ['no-stream', -1, true],
    ['no-stream', 0, false],
    ['exists', -1, false],
    ['exists', 0, true],
    [2, 2, true],
    [2, 3, false],
    [0, -1, false],
  ] as const)('%s against a stream at %s: %s', (expected, current, meets) => {
    expect(meetsExpectation(expected, current)).toBe(meets);
  });
});
