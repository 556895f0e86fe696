import { InvalidEventStoreInputError } from './event-store.errors';
import { comparePositions, decodePosition, encodePosition } from './global-position';

describe('global position', () => {
  it('orders by commit, then prepare', () => {
    const sorted = [
      { commit: 7, prepare: 2 },
      { commit: 5, prepare: 9 },
      { commit: 7, prepare: 1 },
    ].sort(comparePositions);
    expect(sorted).toEqual([
      { commit: 5, prepare: 9 },
      { commit: 7, prepare: 1 },
      { commit: 7, prepare: 2 },
    ]);
  });

  it('round-trips through text', () => {
    const position = { commit: 9_007_199_254, prepare: 123 };
    expect(encodePosition(position)).toBe('9007199254/123');
    expect(decodePosition(encodePosition(position))).toEqual(position);
  });

  it.each(['', '12', '1/2/3', '-1/2', 'a/b', '1/ 2'])('refuses %j naming the field', (text) => {
    expect(() => decodePosition(text, 'checkpoint')).toThrow(InvalidEventStoreInputError);
    expect(() => decodePosition(text, 'checkpoint')).toThrow(/^checkpoint: /);
  });
});
