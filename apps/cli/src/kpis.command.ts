/** kpis --as-of <date>: the KPIs as they stood at a past moment, folded from the history (the read models are not touched). */
import { DAY_MS } from '#libs/contracts';
import type { EventStore } from '#libs/event-store';
import { KPI_GROUP_BY, computeKpis, foldHistory, kpiFactsProjection, type KpiGroupBy } from '#libs/projections';
import { CliError, parseDate } from './cli-error';
import { Progress } from './progress';

interface KpisOptions {
  readonly asOf?: string;
  readonly from?: string;
  readonly to?: string;
  readonly groupBy?: string;
  readonly json?: boolean;
}

export async function kpis(options: KpisOptions, store: EventStore, out: NodeJS.WritableStream): Promise<void> {
  const asOf = parseDate(options.asOf, '--as-of');
  if (asOf === undefined) throw new CliError('kpis needs --as-of <date>, e.g. --as-of 2025-06-30');
  if (asOf.getTime() > Date.now()) throw new CliError('--as-of must not be in the future');
  const to = parseDate(options.to, '--to')?.getTime() ?? asOf.getTime();
  const from = parseDate(options.from, '--from')?.getTime() ?? to - 30 * DAY_MS;
  if (from >= to) throw new CliError('--from must be before --to');
  if (options.groupBy !== undefined && !(KPI_GROUP_BY as readonly string[]).includes(options.groupBy)) {
    throw new CliError(`--group-by must be one of ${KPI_GROUP_BY.join(', ')}`);
  }
  const head = await store.headPosition();
  const total = head === 'start' ? 1 : head.prepare;
  const progress = new Progress('reading the history');
  let count = 0;
  const folded = await foldHistory(store, kpiFactsProjection, {
    asOf,
    onEvent: (applied) => {
      count = applied;
      if (applied % 5000 === 0) progress.update(applied / total, applied);
    },
  });
  progress.update(1, count, true);
  const report = computeKpis(folded.documents, { from, to, ...(options.groupBy ? { groupBy: options.groupBy as KpiGroupBy } : {}) });
  if (options.json) {
    out.write(`${JSON.stringify({ asOf: asOf.toISOString(), eventsApplied: folded.eventsApplied, ...report }, null, 2)}\n`);
    return;
  }
  const money = (value: Record<string, number | null>) =>
    Object.entries(value).map(([currency, amount]) => `${amount === null ? '—' : amount.toLocaleString('en')} ${currency}`).join(', ') || '—';
  const rate = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
  const lines = [
    `KPIs as of ${asOf.toISOString()} for ${report.period.from} … ${report.period.to} (${folded.eventsApplied.toLocaleString('en')} events)`,
    `funnel              ${Object.entries(report.funnel).map(([stage, n]) => `${stage} ${n}`).join(' → ')}`,
    `speed-to-lead       median ${report.speedToLead.medianSeconds ?? '—'} s over ${report.speedToLead.leadsContacted} leads`,
    `win rate            ${rate(report.winRate.rate)} (${report.winRate.won} won, ${report.winRate.lost} lost); closer uplift ${rate(report.closerUplift.uplift)}`,
    `average deal size   ${money(report.averageDealSize.average)}; median cycle ${report.salesCycle.medianDays ?? '—'} days`,
    `sales velocity      ${money(report.salesVelocity.perDay)} per day (${report.salesVelocity.openDeals} open deals)`,
    `new business        ${money(report.balance.newBusinessRevenue)}; repeat ${money(report.balance.repeatRevenue)}`,
    `retention           churn ${rate(report.retention.churnRate)}, GRR ${money(report.retention.grr)}, NRR ${money(report.retention.nrr)}`,
    ...report.planVsActual.map((plan) => `plan ${plan.planId.padEnd(14)} ${plan.metric}: ${plan.actual.toLocaleString('en')} of ${plan.target.toLocaleString('en')} (${rate(plan.attainment)})`),
    ...report.groups.map((group) => `  ${group.key.padEnd(20)} captured ${group.funnel.captured}, won ${group.funnel.won}, win rate ${rate(group.winRate.rate)}, new business ${money(group.revenue.newBusiness)}`),
    'all figures with their inputs: add --json',
  ];
  out.write(`${lines.join('\n')}\n`);
}
