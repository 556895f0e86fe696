/**
 * The dashboard's view in its URL: a period (a preset relative to "today", or custom days) and an optional
 * as-of day. "Today" is the as-of day when one is set, so "this quarter as of 30 Sep" is the quarter as it
 * stood that evening. Days are UTC days, as the API's are. Pure: no clock is read here.
 */
export const PERIOD_PRESETS = ['this-month', 'last-month', 'this-quarter', 'last-quarter', 'this-year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const DAY = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface DashboardView {
  readonly preset: PeriodPreset;
  /** Start of the period, inclusive (epoch ms, midnight UTC). */
  readonly from: number;
  /** End of the whole period, exclusive. */
  readonly periodEnd: number;
  /** End of what has happened of it: min(periodEnd, reference) — what GET /kpis is asked for. */
  readonly to: number;
  /** The moment the view stands at: the end of the as-of day, or now. */
  readonly reference: number;
  /** The as-of moment sent to the API, when the view is in the past. */
  readonly asOf: number | undefined;
  /** Days as they are in the URL (YYYY-MM-DD), for the inputs. */
  readonly days: { readonly from: string; readonly to: string; readonly asOf: string | undefined };
  /** A problem with the URL's days, to show at the picker (the view falls back to this month). */
  readonly problem: { readonly field: 'from' | 'to' | 'asOf'; readonly reason: 'invalid' | 'order' | 'future' } | undefined;
}

export function dayText(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function parseDay(text: string | null | undefined): number | undefined {
  if (!text || !DAY_PATTERN.test(text)) return undefined;
  const at = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isNaN(at) || dayText(at) !== text ? undefined : at;
}

export function startOfDay(at: number): number {
  return Math.floor(at / DAY) * DAY;
}

export function addMonths(at: number, months: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}

export function startOfMonth(at: number): number {
  return addMonths(at, 0);
}

export function startOfQuarter(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3, 1);
}

function presetRange(preset: Exclude<PeriodPreset, 'custom'>, reference: number): { from: number; periodEnd: number } {
  switch (preset) {
    case 'this-month':
      return { from: startOfMonth(reference), periodEnd: addMonths(reference, 1) };
    case 'last-month':
      return { from: addMonths(reference, -1), periodEnd: startOfMonth(reference) };
    case 'this-quarter': {
      const from = startOfQuarter(reference);
      return { from, periodEnd: addMonths(from, 3) };
    }
    case 'last-quarter': {
      const periodEnd = startOfQuarter(reference);
      return { from: addMonths(periodEnd, -3), periodEnd };
    }
    case 'this-year': {
      const year = new Date(reference).getUTCFullYear();
      return { from: Date.UTC(year, 0, 1), periodEnd: Date.UTC(year + 1, 0, 1) };
    }
    default: {
      const never: never = preset;
      throw new Error(`unknown period ${String(never)}`);
    }
  }
}

/** The view a URL's query describes, at the moment `now`. */
export function resolveView(query: URLSearchParams, now: number): DashboardView {
  let problem: DashboardView['problem'];
  const asOfText = query.get('asOf') ?? undefined;
  let asOfDay = parseDay(asOfText);
  if (asOfText !== undefined && asOfDay === undefined) problem = { field: 'asOf', reason: 'invalid' };
  if (asOfDay !== undefined && asOfDay > startOfDay(now)) {
    problem = { field: 'asOf', reason: 'future' };
    asOfDay = undefined;
  }
  // The end of the as-of day, or now when that day is today (the API refuses a moment in the future).
  const asOf = asOfDay === undefined ? undefined : Math.min(asOfDay + DAY - 1, now);
  const reference = asOf ?? now;

  const presetText = query.get('period') ?? 'this-month';
  let preset: PeriodPreset = (PERIOD_PRESETS as readonly string[]).includes(presetText) ? (presetText as PeriodPreset) : 'this-month';
  let range: { from: number; periodEnd: number };
  if (preset === 'custom') {
    const from = parseDay(query.get('from'));
    const last = parseDay(query.get('to'));
    if (from === undefined) problem = { field: 'from', reason: 'invalid' };
    else if (last === undefined) problem = { field: 'to', reason: 'invalid' };
    else if (last < from) problem = { field: 'to', reason: 'order' };
    if (from === undefined || last === undefined || last < from) {
      preset = 'this-month';
      range = presetRange('this-month', reference);
    } else {
      range = { from, periodEnd: last + DAY };
    }
  } else {
    range = presetRange(preset, reference);
  }
  if (range.from >= reference && problem === undefined) problem = { field: 'from', reason: 'future' };
  const to = Math.max(Math.min(range.periodEnd, reference), range.from + 1);
  return {
    preset,
    from: range.from,
    periodEnd: range.periodEnd,
    to,
    reference,
    asOf,
    days: { from: dayText(range.from), to: dayText(range.periodEnd - DAY), asOf: asOfDay === undefined ? undefined : dayText(asOfDay) },
    problem,
  };
}

/** The URL query of a view (what a link must carry to show it again). */
export function viewQuery(view: { preset: PeriodPreset; days: { from: string; to: string; asOf?: string | undefined } }): Record<string, string | undefined> {
  return {
    period: view.preset === 'this-month' ? undefined : view.preset,
    from: view.preset === 'custom' ? view.days.from : undefined,
    to: view.preset === 'custom' ? view.days.to : undefined,
    asOf: view.days.asOf,
  };
}

/** Trends: week by week over the last 13 weeks for a period of up to a quarter, else month by month over 12 months. */
export function trendWindow(view: DashboardView): { interval: 'week' | 'month'; from: number; to: number } {
  const long = view.periodEnd - view.from > 93 * DAY;
  if (long) return { interval: 'month', from: addMonths(view.to - 1, -11), to: view.to };
  const monday = startOfDay(view.to - 1) - ((new Date(view.to - 1).getUTCDay() + 6) % 7) * DAY;
  return { interval: 'week', from: monday - 12 * 7 * DAY, to: view.to };
}

/**
 * The back-test of the forecast: the same kind of period, the `count` before this one, each forecast at the
 * same share of its length as this one has run, against what it then achieved.
 */
export function backTestPeriods(view: DashboardView, count = 3): Array<{ from: number; to: number; madeAt: number }> {
  // A period that has ended is back-tested from its middle: a forecast made at its very end is no forecast.
  const run = Math.min(1, Math.max(0, (view.to - view.from) / (view.periodEnd - view.from)));
  const elapsed = run >= 1 ? 0.5 : run;
  const periods: Array<{ from: number; to: number; madeAt: number }> = [];
  const monthly = view.preset !== 'custom' ? { 'this-month': 1, 'last-month': 1, 'this-quarter': 3, 'last-quarter': 3, 'this-year': 12 }[view.preset] : undefined;
  let from = view.from;
  let to = view.periodEnd;
  for (let i = 0; i < count; i++) {
    if (monthly !== undefined) {
      to = from;
      from = addMonths(from, -monthly);
    } else {
      const length = to - from;
      to = from;
      from -= length;
    }
    periods.push({ from, to, madeAt: from + Math.round((to - from) * elapsed) });
  }
  return periods;
}
