import { IncompatibleEventStoreError } from '../event-store.errors';
import { toClientPosition, toGlobalPosition, toRevision } from './kurrentdb-positions';

describe('KurrentDB positions', () => {
  it('maps { commit, prepare } both ways, exactly', () => {
    const position = { commit: 9_007_199_254_740_991n, prepare: 1_234_567n };
    expect(toGlobalPosition(position)).toEqual({ commit: Number.MAX_SAFE_INTEGER, prepare: 1_234_567 });
    expect(toClientPosition(toGlobalPosition(position))).toEqual(position);
  });

  it('refuses loudly a position or revision a JavaScript number would round', () => {
    expect(() => toGlobalPosition({ commit: 9_007_199_254_740_992n, prepare: 0n })).toThrow(IncompatibleEventStoreError);
    expect(() => toGlobalPosition({ commit: 0n, prepare: 2n ** 60n })).toThrow(/prepare position of 1152921504606846976/);
    expect(() => toRevision(2n ** 53n)).toThrow(/stream revision/);
    expect(() => toRevision(-1n)).toThrow(IncompatibleEventStoreError);
    expect(toRevision(41n)).toBe(41);
  });
});
