/**
 * The dashboard's KPIs as spreadsheet tables, for the period and as-of shown on the page: Summary (the
 * headline figures), Plans (plan against actual), Funnel (stage counts and conversions) and Loss reasons.
 * Pure: the same report and view give the same tables; writing them is csv-writer's and xlsx-writer's job.
 *
 * Money is never added up across currencies: a figure in money has one row per currency, the currency in
 * its own column. Summary is a long table (one figure a row) whose value sits in the column of its kind
 * (Count, Value, Rate, Amount, Date), so that every column has one number format; the last column holds
 * the figure's key in GET /kpis, for whoever reads the file with a program.
 */
import type { KpiReport } from '#libs/projections';
import { resolveView, viewCaption, type ExportView, type ResolvedView } from './export-view';
import { currenciesOf, type CellValue, type SpreadsheetColumn, type SpreadsheetTable } from './spreadsheet-table';

export type { ExportView as KpiExportView } from './export-view';

/** The four tables of the KPI download, in the order the dashboard shows them. */
export function kpiTables(report: KpiReport, view: ExportView): SpreadsheetTable[] {
  return [summaryTable(report, view), plansTable(report, view), funnelTable(report, view), lossReasonsTable(report, view)];
}

/**
 * The view, checked against the period the report was computed for: a file that names one period and
 * holds the figures of another would be worse than no file.
 */
function matchingView(report: KpiReport, view: ExportView): ResolvedView {
  const resolved = resolveView(view);
  if (Date.parse(report.period.from) !== resolved.from.getTime() || Date.parse(report.period.to) !== resolved.to.getTime()) {
    throw new RangeError(
      `the report covers ${report.period.from} – ${report.period.to}, not the view's ${resolved.from.toISOString()} – ${resolved.to.toISOString()}`,
    );
  }
  return resolved;
}

const SUMMARY_COLUMNS: readonly SpreadsheetColumn[] = [
  { key: 'figure', header: 'Figure', kind: 'text' },
  { key: 'currency', header: 'Currency', kind: 'text' },
  { key: 'count', header: 'Count', kind: 'integer' },
  { key: 'value', header: 'Value', kind: 'number' },
  { key: 'rate', header: 'Rate', kind: 'percent' },
  { key: 'amount', header: 'Amount', kind: 'money' },
  { key: 'at', header: 'Date (UTC)', kind: 'datetime' },
  { key: 'key', header: 'Key', kind: 'text' },
];

type SummaryCells = Partial<Record<'currency' | 'count' | 'value' | 'rate' | 'amount' | 'at', CellValue>>;

const ROLE_ORDER = ['lead-generator', 'hunter', 'closer', 'farmer', 'kam', 'sales-assistant', 'head-of-sales'];

/** Period, as-of and the headline figures, each with the count it was computed over where there is one. */
export function summaryTable(report: KpiReport, view: ExportView): SpreadsheetTable {
  const resolved = matchingView(report, view);
  const rows: Array<Record<string, CellValue>> = [];
  const add = (key: string, figure: string, cells: SummaryCells) =>
    rows.push({ figure, currency: null, count: null, value: null, rate: null, amount: null, at: null, ...cells, key });
  /** One row per currency; one row without a currency or amount when there is none, so every figure is listed. */
  const perCurrency = (key: string, figure: string, byCurrency: Readonly<Record<string, number | null>>, cell: 'amount' | 'rate', count?: (currency: string) => number | null) => {
    const currencies = currenciesOf(byCurrency);
    if (currencies.length === 0) add(key, figure, {});
    for (const currency of currencies) add(key, figure, { currency, [cell]: byCurrency[currency] ?? null, count: count?.(currency) ?? null });
  };

  add('period.from', 'Period start', { at: resolved.from.toISOString() });
  add('period.to', 'Period end (exclusive)', { at: resolved.to.toISOString() });
  add('period.days', 'Days in period', { value: report.period.days });
  add('asOf', resolved.asOf === null ? 'As of: live figures' : 'As of', { at: resolved.asOf?.toISOString() ?? null });

  const { winRate, closerUplift } = report;
  add('winRate.won', 'Deals won', { count: winRate.won });
  add('winRate.lost', 'Deals lost', { count: winRate.lost });
  add('winRate.rate', 'Win rate, won ÷ (won + lost)', { count: winRate.won + winRate.lost, rate: winRate.rate });
  const closed = (side: { won: number; lost: number }) => side.won + side.lost;
  add('closerUplift.withCloser.rate', 'Win rate of deals handed to a closer', { count: closed(closerUplift.withCloser), rate: closerUplift.withCloser.rate });
  add('closerUplift.withoutCloser.rate', 'Win rate of deals a hunter closed alone', { count: closed(closerUplift.withoutCloser), rate: closerUplift.withoutCloser.rate });
  add('closerUplift.uplift', 'Closer uplift (difference of the win rates)', { rate: closerUplift.uplift });

  perCurrency('revenue.newBusiness', 'New-business revenue (hunters + closers)', report.revenue.newBusiness, 'amount');
  perCurrency('revenue.repeat', 'Repeat revenue (farmers + KAMs)', report.revenue.repeat, 'amount');
  perCurrency('balance.newBusinessShare', 'New-business share of revenue', report.balance.newBusinessShare, 'rate');
  perCurrency('averageDealSize.average', 'Average deal size (count: deals won)', report.averageDealSize.average, 'amount', (currency) => report.averageDealSize.wonDeals[currency] ?? null);
  add('salesCycle.medianDays', 'Median sales cycle, days (count: deals won)', { count: report.salesCycle.wonDeals, value: report.salesCycle.medianDays });
  perCurrency('salesVelocity.perDay', 'Sales velocity per day (count: open deals)', report.salesVelocity.perDay, 'amount', () => report.salesVelocity.openDeals);
  perCurrency('openPipeline', 'Open pipeline at the end of the period', report.openPipeline, 'amount');
  perCurrency('pipelineCoverage.remainingPlan', 'Remaining team new-business plan', report.pipelineCoverage.remainingPlan, 'amount');
  perCurrency('pipelineCoverage.coverage', 'Pipeline coverage (open pipeline ÷ remaining plan)', report.pipelineCoverage.coverage, 'rate');

  add('speedToLead.medianSeconds', 'Speed-to-lead, median seconds from capture to first attempt (count: leads)', {
    count: report.speedToLead.leadsContacted,
    value: report.speedToLead.medianSeconds,
  });
  const handoffs = [
    ['leadGeneratorToHunter', 'Handoff lead generator → hunter, median seconds (count: handoffs)'],
    ['hunterToCloser', 'Handoff hunter → closer, median seconds (count: handoffs)'],
    ['wonToAccountOpened', 'Deal won → account opened, median seconds (count: accounts)'],
    ['wonToFirstFarmerTouch', 'Deal won → first farmer touch, median seconds (count: accounts)'],
  ] as const;
  for (const [key, figure] of handoffs) {
    const latency = report.handoffLatency[key];
    add(`handoffLatency.${key}.medianSeconds`, figure, { count: latency.count, value: latency.medianSeconds });
  }

  const { activity } = report;
  add('activity.attempts', 'Contact attempts', { count: activity.attempts });
  add('activity.meetingsHeld', 'Meetings held', { count: activity.meetingsHeld });
  add('activity.touchpoints', 'Account touchpoints', { count: activity.touchpoints });
  add('activity.attemptsPerLeadGeneratorPerDay', 'Attempts per lead generator per day', { value: activity.attemptsPerLeadGeneratorPerDay });
  add('activity.meetingsPerHunterPerWeek', 'Meetings per hunter per week', { value: activity.meetingsPerHunterPerWeek });
  add('activity.touchpointsPerFarmer', 'Touchpoints per farmer', { value: activity.touchpointsPerFarmer });

  const roles = Object.keys(report.balance.byRole).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const role of roles) {
    const staff = report.balance.byRole[role]!;
    add(`balance.byRole.${role}`, `Team ${role}: headcount (count), load = open work ÷ capacity (rate)`, { count: staff.headcount, rate: staff.load });
  }

  const { retention } = report;
  add('retention.baseAccounts', 'Accounts at the start of the period', { count: retention.baseAccounts });
  add('retention.churnedAccounts', 'Accounts churned', { count: retention.churnedAccounts });
  add('retention.churnRate', 'Churn rate (count: accounts churned)', { count: retention.churnedAccounts, rate: retention.churnRate });
  add('retention.repeatSaleRate', 'Repeat-sale rate (count: accounts with a repeat sale)', { count: retention.accountsWithRepeatSale, rate: retention.repeatSaleRate });
  perCurrency('retention.baseRevenue', 'Revenue of the account base so far', retention.baseRevenue, 'amount');
  perCurrency('retention.churnedRevenue', 'Revenue of the accounts churned', retention.churnedRevenue, 'amount');
  perCurrency('retention.expansionRevenue', 'Repeat revenue from the account base in the period', retention.expansionRevenue, 'amount');
  perCurrency('retention.grr', 'GRR, gross revenue retention', retention.grr, 'rate');
  perCurrency('retention.nrr', 'NRR, net revenue retention', retention.nrr, 'rate');

  return { name: 'Summary', title: `Sales KPIs: summary, ${viewCaption(resolved)}`, columns: SUMMARY_COLUMNS, rows };
}

const PLAN_COLUMNS: readonly SpreadsheetColumn[] = [
  { key: 'planId', header: 'Plan', kind: 'text' },
  { key: 'metric', header: 'Metric', kind: 'text' },
  { key: 'scope', header: 'Scope', kind: 'text' },
  { key: 'periodStart', header: 'Plan period start (UTC)', kind: 'datetime' },
  { key: 'periodEnd', header: 'Plan period end (UTC, exclusive)', kind: 'datetime' },
  { key: 'currency', header: 'Currency', kind: 'text' },
  { key: 'target', header: 'Target', kind: 'number' },
  { key: 'actual', header: 'Actual', kind: 'number' },
  { key: 'attainment', header: 'Attainment', kind: 'percent' },
  { key: 'remaining', header: 'Remaining', kind: 'number' },
  { key: 'periodElapsed', header: 'Period elapsed', kind: 'percent' },
];

/** Every plan whose period overlaps the view's, as GET /kpis gives it; target and actual in the plan's unit. */
export function plansTable(report: KpiReport, view: ExportView): SpreadsheetTable {
  const resolved = matchingView(report, view);
  const rows = report.planVsActual.map((plan) => ({
    planId: plan.planId,
    metric: plan.metric,
    scope: scopeText(plan.scope),
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    currency: plan.currency,
    target: plan.target,
    actual: plan.actual,
    attainment: plan.attainment,
    remaining: plan.remaining,
    periodElapsed: plan.periodElapsed,
  }));
  return { name: 'Plans', title: `Sales KPIs: plan vs actual, ${viewCaption(resolved)}`, columns: PLAN_COLUMNS, rows };
}

function scopeText(scope: KpiReport['planVsActual'][number]['scope']): string {
  switch (scope.kind) {
    case 'team':
      return 'team';
    case 'role':
      return `role: ${scope.role}`;
    case 'rep':
      return `rep: ${scope.repId}`;
    default: {
      const unknownScope: never = scope;
      return JSON.stringify(unknownScope);
    }
  }
}

const STAGE_LABELS: Readonly<Record<string, string>> = {
  captured: 'Captured',
  contacted: 'Contacted',
  qualified: 'Qualified',
  handedOff: 'Handed off to a hunter',
  dealOpened: 'Deal opened',
  meetingHeld: 'Meeting held',
  proposalSent: 'Proposal sent',
  won: 'Won',
};

/** Stage counts as numbers by stage name, the shape of the report's `funnel`. */
type StageCounts = Readonly<Record<string, number>>;

/** The cohort funnel as the Funnel table reads it, whichever of the accepted shapes the report gave. */
interface CohortFunnel {
  readonly funnel: StageCounts;
  /** By step (`capturedToContacted`); computed from the counts when the report gives none. */
  readonly stageConversion: Readonly<Record<string, number | null>>;
  /** By step: how many stopped before it; null when the report gives none. */
  readonly dropOff: StageCounts | null;
}

/** An object whose every value is a count and which names at least one of `stages`. */
export function isStageCounts(value: unknown, stages: readonly string[] = Object.keys(STAGE_LABELS)): value is StageCounts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([, count]) => typeof count === 'number' && Number.isFinite(count) && count >= 0) &&
    entries.some(([stage]) => stages.includes(stage))
  );
}

function isConversions(value: unknown): value is Readonly<Record<string, number | null>> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.values(value).every((rate) => rate === null || (typeof rate === 'number' && Number.isFinite(rate)))
  );
}

/**
 * The report's cohort funnel (of the leads captured in the period, how many have reached each stage by
 * now), read defensively: it is being added to the report in parallel with this code. Accepted shapes:
 * `{ funnel, stageConversion?, dropOff? }` (funnel in the shape of the report's `funnel`) or the stage
 * counts alone. Null for anything else, and then the Funnel table has no cohort columns.
 */
export function cohortFunnelOf(report: KpiReport): CohortFunnel | null {
  const cohort: unknown = (report as { readonly cohortFunnel?: unknown }).cohortFunnel;
  const stages = Object.keys(report.funnel);
  const nested = typeof cohort === 'object' && cohort !== null && 'funnel' in cohort ? (cohort as Record<string, unknown>) : null;
  const funnel = nested === null ? cohort : nested.funnel;
  if (!isStageCounts(funnel, stages)) return null;
  const order = [...stages, ...Object.keys(funnel).filter((stage) => !stages.includes(stage))];
  const given = nested?.stageConversion;
  const dropOff = nested?.dropOff;
  return {
    funnel,
    stageConversion: isConversions(given) ? given : conversions(funnel, order),
    dropOff: dropOff !== undefined && isConversions(dropOff) && Object.values(dropOff).every((count) => count !== null) ? (dropOff as StageCounts) : null,
  };
}

/** The step into the stage at `index` of `stages` from the one before it, e.g. capturedToContacted. */
function stepName(stages: readonly string[], index: number): string {
  const stage = stages[index]!;
  return `${stages[index - 1]!}To${stage[0]!.toUpperCase()}${stage.slice(1)}`;
}

/** Each stage ÷ the one before it, 4 decimals, null where that is 0 (as GET /kpis's stageConversion). */
function conversions(counts: StageCounts, stages: readonly string[]): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  for (let index = 1; index < stages.length; index++) {
    const previous = counts[stages[index - 1]!];
    const current = counts[stages[index]!];
    result[stepName(stages, index)] = previous === undefined || current === undefined || previous === 0 ? null : Math.round((current / previous) * 10_000) / 10_000;
  }
  return result;
}

/**
 * The funnel by stage in the report's order: how many reached the stage in the period and the conversion
 * from the stage before (GET /kpis's stageConversion); with a cohort funnel, its counts, conversions and,
 * when the report gives them, how many stopped before each stage.
 */
export function funnelTable(report: KpiReport, view: ExportView): SpreadsheetTable {
  const resolved = matchingView(report, view);
  const funnel: StageCounts = report.funnel;
  const cohort = cohortFunnelOf(report);
  const stages = [...Object.keys(funnel)];
  for (const stage of Object.keys(cohort?.funnel ?? {})) if (!stages.includes(stage)) stages.push(stage);
  const rows = stages.map((stage, index) => {
    const step = index === 0 ? null : stepName(stages, index);
    const row: Record<string, CellValue> = {
      stage,
      label: STAGE_LABELS[stage] ?? stage,
      count: funnel[stage] ?? null,
      conversion: step === null ? null : (report.stageConversion[step] ?? null),
    };
    if (cohort !== null) {
      row.cohortCount = cohort.funnel[stage] ?? null;
      row.cohortConversion = step === null ? null : (cohort.stageConversion[step] ?? null);
      if (cohort.dropOff !== null) row.cohortDropOff = step === null ? null : (cohort.dropOff[step] ?? null);
    }
    return row;
  });
  const columns: SpreadsheetColumn[] = [
    { key: 'stage', header: 'Stage key', kind: 'text' },
    { key: 'label', header: 'Stage', kind: 'text' },
    { key: 'count', header: 'Reached in the period', kind: 'integer' },
    { key: 'conversion', header: 'Conversion from the stage before', kind: 'percent' },
  ];
  if (cohort !== null) {
    columns.push(
      { key: 'cohortCount', header: 'Cohort: leads captured in the period that got this far', kind: 'integer' },
      { key: 'cohortConversion', header: 'Cohort: conversion from the stage before', kind: 'percent' },
    );
    if (cohort.dropOff !== null) columns.push({ key: 'cohortDropOff', header: 'Cohort: stopped before this stage', kind: 'integer' });
  }
  return { name: 'Funnel', title: `Sales KPIs: funnel, ${viewCaption(resolved)}`, columns, rows };
}

const LOSS_COLUMNS: readonly SpreadsheetColumn[] = [
  { key: 'category', header: 'Category', kind: 'text' },
  { key: 'name', header: 'Reason or competitor', kind: 'text' },
  { key: 'count', header: 'Count', kind: 'integer' },
  { key: 'share', header: 'Share of the category', kind: 'percent' },
];

/** Why deals were lost, to whom, and why leads were disqualified; most frequent first in each category. */
export function lossReasonsTable(report: KpiReport, view: ExportView): SpreadsheetTable {
  const resolved = matchingView(report, view);
  const categories = [
    ['deal lost: reason', report.lossReasons.deals],
    ['deal lost: competitor', report.lossReasons.competitors],
    ['lead disqualified: reason', report.lossReasons.leadsDisqualified],
  ] as const;
  const rows = categories.flatMap(([category, counts]) => {
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    return Object.entries(counts)
      .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
      .map(([name, count]) => ({ category, name, count, share: total === 0 ? null : Math.round((count / total) * 10_000) / 10_000 }));
  });
  return { name: 'Loss reasons', title: `Sales KPIs: loss reasons, ${viewCaption(resolved)}`, columns: LOSS_COLUMNS, rows };
}

function rank(role: string): number {
  const index = ROLE_ORDER.indexOf(role);
  return index === -1 ? ROLE_ORDER.length : index;
}
