import { UsageError, spanOption } from './cli-options';
import { monthsBefore, parseDay, simulationWindow } from './simulation-window';

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('the days a simulation covers', () => {
  it.each([
    ['2026-12-04', 12, '2025-12-04'],
    ['2026-07-15', 3, '2026-04-15'],
    ['2026-01-01', 12, '2025-01-01'],
    ['2026-03-01', 1, '2026-02-01'],
    ['2026-01-31', 2, '2025-11-30'], // November has no 31st: its last day
    ['2026-03-31', 1, '2026-02-28'],
    ['2028-03-30', 1, '2028-02-29'], // a leap year
    ['2026-05-20', 60, '2021-05-20'],
  ])('%s minus %i months is %s', (end, months, start) => {
    expect(iso(monthsBefore(day(end), months))).toBe(start);
  });

  it('ending on a day: the calendar months before it, the last simulated day the day before the end', () => {
    expect(simulationWindow(12, { end: day('2026-12-04') })).toEqual({ start: day('2025-12-04'), days: 365 });
    expect(simulationWindow(12, { end: day('2025-03-01') })).toEqual({ start: day('2024-03-01'), days: 365 });
    expect(simulationWindow(12, { end: day('2024-12-01') })).toEqual({ start: day('2023-12-01'), days: 366 }); // 29 February 2024 within
    expect(simulationWindow(1, { end: day('2026-03-01') })).toEqual({ start: day('2026-02-01'), days: 28 });
    // An end within a day is that day's midnight: never an event in the future.
    expect(simulationWindow(1, { end: new Date('2026-03-01T13:45:00Z') })).toEqual({ start: day('2026-02-01'), days: 28 });
  });

  it('starting on a day: months × 30.4 days, as the benchmarks and tests always had', () => {
    expect(simulationWindow(12, { start: day('2025-01-01') })).toEqual({ start: day('2025-01-01'), days: 365 });
    expect(simulationWindow(2, { start: day('2025-01-01') }).days).toBe(61);
    expect(simulationWindow(40 / 30.4, { start: day('2025-01-01') }).days).toBe(40);
  });

  it('refuses what is not a span', () => {
    expect(() => simulationWindow(0, { end: day('2026-01-01') })).toThrow(RangeError);
    expect(() => simulationWindow(1.5, { end: day('2026-01-01') })).toThrow(/whole number of months/);
    expect(() => simulationWindow(1, { start: day('2025-01-01'), end: day('2026-01-01') } as never)).toThrow(/not both/);
  });

  it('reads days as YYYY-MM-DD only, and real ones', () => {
    expect(parseDay('2026-02-28')).toEqual(day('2026-02-28'));
    for (const text of ['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', 'today']) expect(parseDay(text)).toBeUndefined();
  });

  it('takes --end, by default today (UTC), or --start, never both', () => {
    const now = new Date('2026-12-04T23:30:00-05:00'); // already 5 December in UTC
    expect(spanOption({}, now)).toEqual({ end: day('2026-12-05') });
    expect(spanOption({ end: '2026-07-01' }, now)).toEqual({ end: day('2026-07-01') });
    expect(spanOption({ start: '2025-01-01' }, now)).toEqual({ start: day('2025-01-01') });
    expect(() => spanOption({ start: '2025-01-01', end: '2026-01-01' })).toThrow(UsageError);
    expect(() => spanOption({ end: 'yesterday' })).toThrow('--end must be a date such as 2025-01-01 (got "yesterday")');
  });
});
