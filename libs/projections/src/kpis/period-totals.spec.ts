/** Merging totals (what piecewise.ts does with kept months and days): nothing lost, nothing reordered, the merged one untouched. */
import { Accumulator, PeriodTotals } from './period-totals';

describe('Accumulator.add', () => {
  it('appends every raw value of the other, in order, past the size it appends in one go', () => {
    const total = new Accumulator();
    total.speedToLead.push(-1, -2);
    const other = new Accumulator();
    for (let i = 0; i < 20_000; i++) other.speedToLead.push(i);
    other.cycleDays.push(3, 4);
    total.add(other);
    expect(total.speedToLead).toHaveLength(20_002);
    expect(total.speedToLead.slice(0, 3)).toEqual([-1, -2, 0]);
    expect(total.speedToLead.every((value, index) => index < 2 || value === index - 2)).toBe(true);
    expect(total.cycleDays).toEqual([3, 4]);
    // The other is left as it was (it may be a kept piece).
    expect(other.speedToLead).toHaveLength(20_000);
  });
});

describe('PeriodTotals.add', () => {
  it('merges the team and every group, creating the groups it lacks', () => {
    const total = new PeriodTotals(true);
    total.contribute([['rep-1', 1]], (accumulator) => void accumulator.funnel.captured++);
    const other = new PeriodTotals(true);
    other.contribute([['rep-1', 1]], (accumulator) => void accumulator.funnel.captured++);
    other.contribute([['rep-2', 0.5], ['rep-3', 0.5]], (accumulator) => void accumulator.speedToLead.push(60));
    total.add(other);
    expect(total.team.funnel.captured).toBe(2);
    expect(total.team.speedToLead).toEqual([60]);
    expect([...total.groups.keys()].sort()).toEqual(['rep-1', 'rep-2', 'rep-3']);
    expect(total.groups.get('rep-1')!.funnel.captured).toBe(2);
    expect(total.groups.get('rep-3')!.speedToLead).toEqual([60]);
    expect(other.groups.get('rep-1')!.funnel.captured).toBe(1);
  });
});
