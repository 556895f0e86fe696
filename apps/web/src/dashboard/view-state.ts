/**
 * The view of the URL at the current minute, and the API query that shows it. A period still running is
 * asked without `to`: the server then counts up to its own now (or the as-of moment), so a deal won a second
 * ago is in, and the plan's pace is the share of the period elapsed so far.
 */
import { signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { location, navigate } from '../app/router';
import { resolveView, viewQuery, type DashboardView, type PeriodPreset } from './period';

export const clock = signal(Date.now());
setInterval(() => {
  clock.value = Date.now();
}, 60_000);

export function useView(): DashboardView {
  const query = location.value.query.toString();
  const minute = Math.floor(clock.value / 60_000);
  return useMemo(() => resolveView(new URLSearchParams(query), Date.now()), [query, minute]);
}

export interface KpiQuery {
  readonly from: string;
  readonly to?: string;
  readonly asOf?: string;
}

export function isRunning(view: DashboardView): boolean {
  return view.periodEnd > view.reference;
}

export function kpiQuery(view: DashboardView): KpiQuery {
  return {
    from: new Date(view.from).toISOString(),
    ...(isRunning(view) ? {} : { to: new Date(view.periodEnd).toISOString() }),
    ...(view.asOf === undefined ? {} : { asOf: new Date(view.asOf).toISOString() }),
  };
}

/** What a resource of this view is keyed by (the query, without the clock). */
export function viewKey(view: DashboardView): string {
  const query = kpiQuery(view);
  return `${query.from}|${query.to ?? 'running'}|${query.asOf ?? 'live'}`;
}

export function changeView(path: string, next: { preset: PeriodPreset; days: { from: string; to: string; asOf?: string | undefined } }): void {
  navigate(path, viewQuery(next));
}

export function currentViewQuery(view: DashboardView): Record<string, string | undefined> {
  return viewQuery(view);
}
