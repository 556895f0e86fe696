/**
 * What the dashboard asks the API for a view: the report, the trend series, the forecast and its back-tests,
 * each under the key its resource is cached by. One definition for the page and for the early start
 * (`startDashboardLoads`), so that the two can never ask different questions under one key.
 */
import { api, unwrap, type UnwrapOptions } from '../api/client';
import { startEarly } from '../app/early-loads';
import { backTestPeriods, resolveView, trendWindow, type DashboardView } from './period';
import { kpiQuery, viewKey } from './view-state';

const iso = (at: number) => new Date(at).toISOString();

export interface Load<T> {
  readonly key: string;
  readonly load: (signal?: AbortSignal, options?: UnwrapOptions) => Promise<T>;
}

function loadOf<T>(key: string, load: (signal?: AbortSignal, options?: UnwrapOptions) => Promise<T>): Load<T> {
  return { key, load };
}

export function dashboardLoads(view: DashboardView) {
  const query = kpiQuery(view);
  const key = viewKey(view);
  const asOf = query.asOf ? { asOf: query.asOf } : {};
  const trend = trendWindow(view);
  const forecastQuery = { from: query.from, to: iso(view.periodEnd), ...asOf };
  const backTests = backTestPeriods(view);
  return {
    report: loadOf(`kpis|${key}`, (signal, options) => unwrap(api.GET('/kpis', { params: { query }, signal }), options)),
    series: loadOf(`series|${key}|${trend.interval}`, (signal, options) =>
      unwrap(api.GET('/kpis/series', { params: { query: { interval: trend.interval, from: iso(trend.from), ...(query.to ? { to: query.to } : {}), ...asOf } }, signal }), options),
    ),
    forecast: loadOf(`forecast|${key}`, (signal, options) => unwrap(api.GET('/kpis/forecast', { params: { query: forecastQuery }, signal }), options)),
    backTests: loadOf(`backtest|${key}`, (signal, options) =>
      Promise.all(
        backTests.map((period) =>
          unwrap(api.GET('/kpis/forecast', { params: { query: { from: iso(period.from), to: iso(period.to), madeAt: iso(period.madeAt), ...asOf } }, signal }), options),
        ),
      ),
    ),
    trend,
    backTestPlan: backTests,
    query,
    key,
  };
}

/** An early load leaves the page's banner and session alone: the page may never take its answer. */
const QUIET = { reportTrouble: false, reportSessionLost: false } as const;

/**
 * Starts the dashboard's loads for the page's address at once, beside the question who is signed in: the page
 * takes their answers when it opens (a load that failed, e.g. 401 before sign-in, is asked again by the page).
 */
export function startDashboardLoads(query: URLSearchParams, now: number): void {
  try {
    const loads = dashboardLoads(resolveView(query, now));
    for (const each of [loads.report, loads.series, loads.forecast, loads.backTests]) startEarly(each.key, () => each.load(undefined, QUIET));
  } catch {
    // Only a head start: the page asks for itself.
  }
}
