/**
 * The head of sales' dashboard for a period and an optional as-of day (both in the URL): plan against actual
 * with the forecast, the funnel, revenue and the hunter/farmer balance, the closing and retention figures,
 * trends and loss reasons. Live: when the KPI read model applied new events the figures are fetched again.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { preloadCharts, whenChartsDrawn } from '../charts/chart';
import type { Forecast } from '../api/types';
import { location, navigate } from '../app/router';
import { useResource } from '../app/use-resource';
import { formatDate, formatDayRange, formatMonth, formatPercent, formatShortDate } from '../i18n/format';
import { t } from '../i18n/i18n';
import { appliedBy } from '../live/live-updates';
import { Panel } from '../ui/panel';
import { dashboardLoads } from './dashboard-loads';
import { Downloads } from './downloads';
import { ForecastPanel, type BackTest } from './forecast-panel';
import { FunnelPanel, type FunnelView } from './funnel-panel';
import { HeadlineFigures } from './headline-figures';
import { LossReasons } from './loss-reasons';
import { currencies } from './money';
import { PeriodPicker } from './period-picker';
import { PerformanceFigures } from './performance-figures';
import { PlanVsActual, type PlanForecast } from './plan-vs-actual';
import { RevenueBalance } from './revenue-balance';
import { TrendsChart, type TrendPoint } from './trends-chart';
import { changeView, isRunning, useView } from './view-state';

/** Marked once the dashboard has drawn every panel for the first time since the page loaded. */
export const DRAWN_MARK = 'sales-ops:dashboard-drawn';

export function DashboardPage() {
  // The charts' code loads while the figures are asked for.
  useEffect(preloadCharts, []);
  const view = useView();
  // A view of the past does not move; a live one follows the KPI read model.
  const refresh = view.asOf === undefined ? appliedBy('kpi-facts') : 0;
  const funnelView: FunnelView = location.value.query.get('funnel') === 'activity' ? 'activity' : 'cohort';

  const loads = dashboardLoads(view);
  const { trend, backTestPlan, query, key } = loads;
  const report = useResource(loads.report.key, loads.report.load, refresh);
  const series = useResource(loads.series.key, loads.series.load, refresh);
  // A period that has ended has its forecast made and its actual complete: it does not follow the live figures
  // (its answer is a back-test, whose events-applied count need not match the live one's).
  const forecast = useResource(loads.forecast.key, loads.forecast.load, isRunning(view) ? refresh : 0);
  const backTests = useResource(loads.backTests.key, loads.backTests.load);

  const forecasts = useMemo(() => {
    const map = new Map<string, PlanForecast>();
    for (const plan of forecast.data?.plans ?? []) if (plan.planId !== null && plan.forecast !== null) map.set(plan.planId, { value: plan.forecast, attainment: plan.attainmentForecast });
    return map;
  }, [forecast.data]);

  const points = useMemo<TrendPoint[]>(
    () =>
      (series.data?.buckets ?? []).map((bucket) => ({
        label: series.data!.interval === 'month' ? formatMonth(Date.parse(bucket.from)) : formatShortDate(Date.parse(bucket.from)),
        newBusiness: bucket.report.revenue.newBusiness.RUB ?? 0,
        repeat: bucket.report.revenue.repeat.RUB ?? 0,
        captured: bucket.report.funnel.captured,
        won: bucket.report.winRate.won,
        winRate: bucket.report.winRate.rate,
      })),
    [series.data],
  );
  // "Fully drawn" for the first time on this page: every answer in and every chart drawn (ECharts may load after
  // the figures). What bench:web measures (User Timing, no effect on the page).
  const drawn = !!(report.data && series.data && forecast.data && backTests.data) && !report.loading && !series.loading && !forecast.loading && !backTests.loading;
  useEffect(() => {
    if (!drawn || performance.getEntriesByName(DRAWN_MARK).length > 0) return undefined;
    return whenChartsDrawn(() => requestAnimationFrame(() => performance.getEntriesByName(DRAWN_MARK).length === 0 && performance.mark(DRAWN_MARK)));
  }, [drawn]);
  const elapsed = Math.min(1, (view.to - view.from) / (view.periodEnd - view.from));
  const apiProblem = report.error?.field ? { field: report.error.field, message: report.error.message } : undefined;
  const data = report.data;
  const tests: BackTest[] = backTestPlan.map((period, index) => ({ ...period, forecast: backTests.data?.[index] as Forecast | undefined }));

  return (
    <>
      <div class="page-title">
        <h1>{t('dashboard.title')}</h1>
        <span class="page-subtitle" data-testid="period-shown">
          {formatDayRange(view.from, view.to)}
          {isRunning(view) ? ` · ${t('period.toDate', { share: formatPercent(elapsed) })}` : ''}
          {view.asOf !== undefined ? ` · ${t('period.asOfActive', { date: formatDate(view.asOf, 'long') })}` : ''}
        </span>
      </div>
      <div class="toolbar">
        <PeriodPicker view={view} today={Date.now()} apiProblem={apiProblem} onChange={(next) => changeView('/app/dashboard', next)} />
        <Downloads query={query} content="dashboard" />
      </div>
      {report.error && !apiProblem && (
        <Panel title={t('dashboard.title')} wide error={report.error}>
          {null}
        </Panel>
      )}
      {data && (
        <div class="grid">
          <Panel title={t('dashboard.headline')} id="headline" wide loading={report.loading}>
            <HeadlineFigures report={data} />
          </Panel>
          <Panel title={t('plan.title')} id="plans" wide loading={report.loading}>
            <PlanVsActual plans={data.planVsActual} forecasts={forecasts} />
          </Panel>
          <Panel title={t('forecast.title')} id="forecast" wide error={forecast.error} loading={forecast.loading}>
            {forecast.data && <ForecastPanel forecast={forecast.data} backTests={tests} />}
          </Panel>
          <Panel title={t('funnel.title')} id="funnel" wide loading={report.loading}>
            <FunnelPanel
              report={data}
              query={query}
              queryKey={key}
              view={funnelView}
              refresh={refresh}
              onViewChange={(next) => navigate('/app/dashboard', { ...Object.fromEntries(location.value.query), funnel: next === 'cohort' ? undefined : next }, { replace: true })}
            />
          </Panel>
          <Panel title={t('trends.title', { interval: t(trend.interval === 'week' ? 'trends.weekly' : 'trends.monthly') })} id="trends" wide error={series.error} loading={series.loading}>
            {series.data && <TrendsChart points={points} currency={currencies(data.revenue.newBusiness)[0] ?? 'RUB'} label={t('trends.chartLabel')} />}
          </Panel>
          <Panel title={t('balance.title')} id="balance" loading={report.loading}>
            <RevenueBalance balance={data.balance} />
          </Panel>
          <Panel title={t('loss.title')} id="losses" loading={report.loading}>
            <LossReasons reasons={data.lossReasons} narrow />
          </Panel>
          <Panel title={t('dashboard.performance')} id="performance" wide loading={report.loading}>
            <PerformanceFigures report={data} />
          </Panel>
        </div>
      )}
      {!data && !report.error && <p class="page-loading">{t('app.loading')}</p>}
    </>
  );
}
