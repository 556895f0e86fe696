/**
 * The KPIs as a time series: [from, to) cut into ISO weeks (Monday 00:00 UTC) or calendar months (UTC), the
 * first and last bucket cut at from and to when those are not on a boundary, and each bucket's report exactly
 * computeKpis over it, so a chart and GET /kpis for the same stretch can never disagree. Whole months and days
 * are kept between calls (piecewise.ts), so a year of weeks merges kept days rather than walking the facts.
 */
import { DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { computeKpis, type KpiGroupBy, type KpiReport } from './compute-kpis';

export const SERIES_INTERVALS = ['week', 'month'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];

/** Two years of weeks and a bit: a chart wider than this is no longer readable. */
export const MAX_SERIES_BUCKETS = 106;

const WEEK = 7 * DAY_MS;

/** The start of the week (Monday 00:00 UTC) or month (the 1st, 00:00 UTC) that holds `at`. */
export function intervalStart(interval: SeriesInterval, at: number): number {
  if (interval === 'month') {
    const date = new Date(at);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  }
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY_MS;
}

/** `count` intervals after (or, negative, before) the boundary `start`. */
function addIntervals(interval: SeriesInterval, start: number, count: number): number {
  if (interval === 'week') return start + count * WEEK;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1);
}

interface SeriesBucket {
  readonly from: number;
  readonly to: number;
  /** False when cut at the query's from or to (a part of a week or month). */
  readonly whole: boolean;
}

/** [from, to) cut at every boundary of the interval; stops counting past `limit` buckets (the caller refuses those). */
export function seriesBuckets(interval: SeriesInterval, from: number, to: number, limit = Number.POSITIVE_INFINITY): SeriesBucket[] {
  const buckets: SeriesBucket[] = [];
  let start = intervalStart(interval, from);
  while (start < to && buckets.length <= limit) {
    const end = addIntervals(interval, start, 1);
    buckets.push({ from: Math.max(start, from), to: Math.min(end, to), whole: start >= from && end <= to });
    start = end;
  }
  return buckets;
}

/** The default start of a series ending at `to`: the 12 whole intervals before the one `to` falls in (or ends). */
export function defaultSeriesFrom(interval: SeriesInterval, to: number): number {
  return addIntervals(interval, intervalStart(interval, to), -12);
}

interface KpiSeriesQuery {
  readonly interval: SeriesInterval;
  readonly from: number;
  readonly to: number;
  readonly groupBy?: KpiGroupBy;
}

export interface KpiSeriesBucket {
  readonly from: string;
  readonly to: string;
  readonly whole: boolean;
  readonly report: KpiReport;
}

export function computeKpiSeries(facts: DocumentReader, query: KpiSeriesQuery): KpiSeriesBucket[] {
  return seriesBuckets(query.interval, query.from, query.to).map((bucket) => ({
    from: new Date(bucket.from).toISOString(),
    to: new Date(bucket.to).toISOString(),
    whole: bucket.whole,
    report: computeKpis(facts, { from: bucket.from, to: bucket.to, ...(query.groupBy ? { groupBy: query.groupBy } : {}) }),
  }));
}
