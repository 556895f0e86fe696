/**
 * The main figures week by week (or month by month) over the last periods, each from the same computation as
 * GET /kpis for that week or month (GET /kpis/series). Money on the left axis, counts and rates as lines.
 */
import { useMemo } from 'preact/hooks';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { formatCompact, formatMoney, formatNumber, formatPercent } from '../i18n/format';
import { t } from '../i18n/i18n';

export interface TrendPoint {
  readonly label: string;
  readonly newBusiness: number;
  readonly repeat: number;
  readonly captured: number;
  readonly won: number;
  readonly winRate: number | null;
}

export function TrendsChart({ points, currency, label }: { readonly points: readonly TrendPoint[]; readonly currency: string; readonly label: string }) {
  const option = useMemo<ChartOption>(() => {
    const money = (value: unknown) => formatMoney(Number(value), currency);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: points.map((point) => point.label) },
      yAxis: [
        { type: 'value', name: currency, axisLabel: { formatter: (value: number) => formatCompact(value) } },
        { type: 'value', name: t('trends.axis.count'), splitLine: { show: false }, minInterval: 1, axisLabel: { formatter: (value: number) => formatNumber(value) } },
        { type: 'value', show: false, min: 0, max: 1 },
      ],
      series: [
        { type: 'bar', name: t('trends.series.newBusiness'), stack: 'revenue', color: '#1d4ed8', data: points.map((p) => p.newBusiness), tooltip: { valueFormatter: money } },
        { type: 'bar', name: t('trends.series.repeat'), stack: 'revenue', color: '#047857', data: points.map((p) => p.repeat), tooltip: { valueFormatter: money } },
        { type: 'line', name: t('trends.series.captured'), yAxisIndex: 1, color: '#a16207', symbolSize: 6, data: points.map((p) => p.captured), tooltip: { valueFormatter: (v: unknown) => formatNumber(Number(v)) } },
        { type: 'line', name: t('trends.series.won'), yAxisIndex: 1, color: '#7c3aed', symbolSize: 6, data: points.map((p) => p.won), tooltip: { valueFormatter: (v: unknown) => formatNumber(Number(v)) } },
        {
          type: 'line',
          name: t('trends.series.winRate'),
          yAxisIndex: 2,
          color: '#c2410c',
          lineStyle: { type: 'dashed' },
          symbolSize: 6,
          data: points.map((p) => p.winRate),
          tooltip: { valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '—' : formatPercent(Number(v))) },
        },
      ],
    };
  }, [points, currency]);
  return <Chart option={option} label={label} height={300} testId="trends-chart" />;
}
