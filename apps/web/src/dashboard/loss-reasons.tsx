/** Why deals were lost and to whom, and why leads were disqualified: bars, largest first. */
import { useMemo } from 'preact/hooks';
import type { KpiReport } from '../api/types';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { formatNumber } from '../i18n/format';
import { hasMessage, t } from '../i18n/i18n';

function reasonName(reason: string): string {
  const key = `reason.${reason}`;
  return hasMessage(key) ? t(key) : reason;
}

function Bars({ counts, label, color }: { readonly counts: Readonly<Record<string, number>>; readonly label: string; readonly color: string }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatNumber(Number(v)) },
      grid: { left: 8, right: 32, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: { type: 'category', inverse: true, data: entries.map(([reason]) => reasonName(reason)), axisTick: { show: false } },
      series: [{ type: 'bar', color, data: entries.map(([, count]) => count), label: { show: true, position: 'right', formatter: (p: unknown) => formatNumber((p as { value: number }).value) }, barMaxWidth: 18 }],
    }),
    [counts, color],
  );
  return (
    <div class="loss-part">
      <h3>{label}</h3>
      {entries.length === 0 ? <p class="empty">{t('loss.none')}</p> : <Chart option={option} label={`${label}: ${entries.map(([r, c]) => `${reasonName(r)} ${c}`).join(', ')}`} height={24 + entries.length * 26} />}
    </div>
  );
}

export function LossReasons({ reasons, narrow }: { readonly reasons: KpiReport['lossReasons']; readonly narrow?: boolean }) {
  return (
    <div class={`loss-reasons${narrow ? ' is-narrow' : ''}`}>
      <Bars counts={reasons.deals} label={t('loss.deals')} color="#b91c1c" />
      <Bars counts={reasons.competitors} label={t('loss.competitors')} color="#7c3aed" />
      <Bars counts={reasons.leadsDisqualified} label={t('loss.leads')} color="#a16207" />
    </div>
  );
}
