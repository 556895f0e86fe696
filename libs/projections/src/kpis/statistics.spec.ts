import fc from 'fast-check';
import { median } from './statistics';

describe('median', () => {
  it('is the middle of the sorted values (the mean of the two middle ones for an even count)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        const middle = sorted.length >> 1;
        const expected = sorted.length === 0 ? null : sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
        expect(median(values)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves its input as it was', () => {
    const values = [5, 1, 4, 2, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });
});
