/** The figures a head of sales reads first, each with the inputs it was computed from. */
import type { KpiReport } from '../api/types';
import { formatDays, formatDuration, formatNumber, formatPercent } from '../i18n/format';
import { t } from '../i18n/i18n';
import { Figure } from '../ui/figure';
import { Money, moneyText } from './money';

export function HeadlineFigures({ report }: { readonly report: KpiReport }) {
  const { winRate, averageDealSize, salesCycle, speedToLead, revenue, salesVelocity } = report;
  return (
    <div class="figures" data-testid="headline-figures">
      <Figure
        label={t('kpi.newBusinessRevenue')}
        value={<Money amount={revenue.newBusiness} />}
        inputs={t('kpi.newBusinessRevenue.inputs', { won: winRate.won })}
        testId="figure-new-business"
      />
      <Figure
        label={t('kpi.repeatRevenue')}
        value={<Money amount={revenue.repeat} />}
        inputs={t('kpi.repeatRevenue.inputs')}
        testId="figure-repeat"
      />
      <Figure
        label={t('kpi.winRate')}
        value={formatPercent(winRate.rate)}
        inputs={t('kpi.winRate.inputs', { won: winRate.won, closed: winRate.won + winRate.lost })}
        testId="figure-win-rate"
      />
      <Figure
        label={t('kpi.averageDealSize')}
        value={<Money amount={averageDealSize.average} />}
        inputs={t('kpi.averageDealSize.inputs', { amount: moneyText(averageDealSize.wonAmount), count: Object.values(averageDealSize.wonDeals).reduce((a, b) => a + b, 0) })}
      />
      <Figure
        label={t('kpi.salesCycle')}
        value={formatDays(salesCycle.medianDays)}
        inputs={t('kpi.salesCycle.inputs', { count: salesCycle.wonDeals })}
      />
      <Figure
        label={t('kpi.salesVelocity')}
        value={<Money amount={salesVelocity.perDay} />}
        note={t('kpi.perDay')}
        inputs={t('kpi.salesVelocity.inputs', {
          open: formatNumber(salesVelocity.openDeals),
          size: moneyText(averageDealSize.average),
          rate: formatPercent(winRate.rate),
          days: formatDays(salesCycle.medianDays),
        })}
      />
      <Figure
        label={t('kpi.speedToLead')}
        value={formatDuration(speedToLead.medianSeconds)}
        inputs={t('kpi.speedToLead.inputs', { count: speedToLead.leadsContacted })}
      />
    </div>
  );
}
