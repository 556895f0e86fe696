/** Win rate and the closer's uplift, handoff latencies, retention of the account base and activity. */
import type { KpiReport } from '../api/types';
import { formatDuration, formatNumber, formatPercent, formatPoints } from '../i18n/format';
import { t } from '../i18n/i18n';
import { Figure } from '../ui/figure';
import { Money, moneyText } from './money';

export function PerformanceFigures({ report }: { readonly report: KpiReport }) {
  const { closerUplift, handoffLatency, retention, activity, pipelineCoverage } = report;
  const latency = (key: keyof typeof handoffLatency, label: string) => (
    <Figure
      label={label}
      value={formatDuration(handoffLatency[key].medianSeconds)}
      inputs={t('kpi.latency.inputs', { count: handoffLatency[key].count })}
    />
  );
  return (
    <div class="figure-groups">
      <div class="figure-group">
        <h3>{t('kpi.group.closing')}</h3>
        <div class="figures">
          <Figure
            label={t('kpi.closerUplift')}
            value={formatPoints(closerUplift.uplift)}
            inputs={t('kpi.closerUplift.inputs', {
              withRate: formatPercent(closerUplift.withCloser.rate),
              withWon: closerUplift.withCloser.won,
              withClosed: closerUplift.withCloser.won + closerUplift.withCloser.lost,
              aloneRate: formatPercent(closerUplift.withoutCloser.rate),
              aloneWon: closerUplift.withoutCloser.won,
              aloneClosed: closerUplift.withoutCloser.won + closerUplift.withoutCloser.lost,
            })}
          />
          <Figure
            label={t('kpi.pipelineCoverage')}
            value={Object.keys(pipelineCoverage.coverage).length === 0 ? '—' : Object.entries(pipelineCoverage.coverage).map(([, value]) => (value === null ? '—' : `${formatNumber(value, 2)}×`)).join(' · ')}
            inputs={t('kpi.pipelineCoverage.inputs', { pipeline: moneyText(pipelineCoverage.openPipeline), remaining: moneyText(pipelineCoverage.remainingPlan) })}
          />
          <Figure label={t('kpi.openPipeline')} value={<Money amount={report.openPipeline} />} inputs={t('kpi.openPipeline.inputs', { count: report.salesVelocity.openDeals })} />
        </div>
      </div>
      <div class="figure-group">
        <h3>{t('kpi.group.handoffs')}</h3>
        <div class="figures">
          {latency('leadGeneratorToHunter', t('kpi.latency.leadGeneratorToHunter'))}
          {latency('hunterToCloser', t('kpi.latency.hunterToCloser'))}
          {latency('wonToAccountOpened', t('kpi.latency.wonToAccountOpened'))}
          {latency('wonToFirstFarmerTouch', t('kpi.latency.wonToFirstFarmerTouch'))}
        </div>
      </div>
      <div class="figure-group">
        <h3>{t('kpi.group.retention')}</h3>
        <div class="figures">
          <Figure
            label={t('kpi.grr')}
            value={Object.values(retention.grr).length ? Object.values(retention.grr).map((v) => formatPercent(v, 1)).join(' · ') : '—'}
            inputs={t('kpi.grr.inputs', { base: moneyText(retention.baseRevenue), churned: moneyText(retention.churnedRevenue) })}
          />
          <Figure
            label={t('kpi.nrr')}
            value={Object.values(retention.nrr).length ? Object.values(retention.nrr).map((v) => formatPercent(v, 1)).join(' · ') : '—'}
            inputs={t('kpi.nrr.inputs', { base: moneyText(retention.baseRevenue), churned: moneyText(retention.churnedRevenue), expansion: moneyText(retention.expansionRevenue) })}
          />
          <Figure
            label={t('kpi.churn')}
            value={formatPercent(retention.churnRate, 1)}
            inputs={t('kpi.churn.inputs', { churned: retention.churnedAccounts, base: retention.baseAccounts })}
          />
          <Figure
            label={t('kpi.repeatSaleRate')}
            value={formatPercent(retention.repeatSaleRate)}
            inputs={t('kpi.repeatSaleRate.inputs', { accounts: retention.accountsWithRepeatSale, base: retention.baseAccounts })}
          />
        </div>
      </div>
      <div class="figure-group">
        <h3>{t('kpi.group.activity')}</h3>
        <div class="figures">
          <Figure label={t('kpi.attemptsPerDay')} value={formatNumber(activity.attemptsPerLeadGeneratorPerDay, 1)} inputs={t('kpi.attemptsPerDay.inputs', { attempts: formatNumber(activity.attempts), days: formatNumber(activity.days, 1) })} />
          <Figure label={t('kpi.meetingsPerWeek')} value={formatNumber(activity.meetingsPerHunterPerWeek, 1)} inputs={t('kpi.meetingsPerWeek.inputs', { meetings: formatNumber(activity.meetingsHeld) })} />
          <Figure label={t('kpi.touchpointsPerFarmer')} value={formatNumber(activity.touchpointsPerFarmer, 1)} inputs={t('kpi.touchpointsPerFarmer.inputs', { touchpoints: formatNumber(activity.touchpoints) })} />
        </div>
      </div>
    </div>
  );
}
