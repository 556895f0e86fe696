/**
 * Which days a simulation covers. A history either starts on a day (`--start`: the benchmarks and tests,
 * `months × 30.4` days long, as it always was) or ends on one (`--end`: the demo, the calendar months before
 * it, its last day the day before the end, so a history ending today holds nothing after this morning's
 * midnight UTC).
 */

import { DAY_MS } from '#libs/contracts';

/** Where a history lies: from a first day, or up to (not including) an end day. Both are midnight UTC. */
export type SimulationSpan = { readonly start: Date; readonly end?: undefined } | { readonly end: Date; readonly start?: undefined };

interface SimulationWindow {
  /** Midnight UTC of the first simulated day. */
  readonly start: Date;
  /** How many days are simulated: the last is `start + (days - 1)`. */
  readonly days: number;
}

/** Midnight UTC of the day `date` falls on. */
export function utcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/**
 * The same day of the month `months` calendar months before `end` (midnight UTC), or that month's last day
 * when it is shorter: 2026-03-31 minus one month is 2026-02-28.
 */
export function monthsBefore(end: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months must be a whole number of months, got ${months}`);
  const year = end.getUTCFullYear();
  const month = end.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(end.getUTCDate(), lastDay)));
}

/** The one place a span becomes days: from `start`, or the `months` calendar months before `end`. */
export function simulationWindow(months: number, span: SimulationSpan): SimulationWindow {
  if (!(months > 0)) throw new RangeError(`months must be positive, got ${months}`);
  if (span.start !== undefined && span.end !== undefined) throw new RangeError('a simulation has a start or an end, not both');
  if (span.end !== undefined) {
    const end = utcDay(span.end);
    const start = monthsBefore(end, months);
    return { start, days: Math.round((end.getTime() - start.getTime()) / DAY_MS) };
  }
  if (span.start === undefined) throw new RangeError('a simulation needs a start or an end');
  return { start: span.start, days: Math.round(months * 30.4) };
}

/** `YYYY-MM-DD` as midnight UTC, or undefined when it is not such a date (2025-02-30 is not). */
export function parseDay(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? undefined : day;
}
