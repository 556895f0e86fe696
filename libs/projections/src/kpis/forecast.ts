/**
 * Where a period will end, forecast at a moment `madeAt` from what was known then (pure: facts in, numbers out).
 *
 * Money and deals (new-business revenue, deals won, repeat revenue) go by the pipeline: what was achieved in
 * [from, madeAt), plus every deal open at madeAt weighted by the chance that a deal at its stage closes in the
 * time left. That chance comes from the department's whole history (whatever the plan's scope: more deals,
 * steadier odds): of the deals that reached the stage at least R days before madeAt (R = to − madeAt), the
 * share won within R days of reaching it. Only what had happened by madeAt counts, anywhere: a deal won after
 * madeAt is open at madeAt and, in the history, not (yet) won; a proposal sent after madeAt does not value the
 * deal; a stage reached or a closer taken on after madeAt is not the deal's; an account's owner is the one of
 * then. Deals opened after madeAt are not foreseen: the forecast is of the pipeline there was. Repeat sales
 * have no stages: they are weighted the same way by kind, from when they were opened. Counts of activity
 * (leads qualified, meetings held, touchpoints) go by the run rate: achieved ÷ the share of the period elapsed.
 *
 * `actual` is what the period achieved up to `actualUntil` (the end of the period, or now): a forecast made
 * at a past moment of a period since ended is its own back-test.
 */
import { DEAL_STAGES, REPEAT_SALE_KINDS, type DealStage } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import type { AccountFact, DealFact, Money, PlanFact, RepFact, RepeatSaleFact } from './kpi-facts.projection';
import { rolesVersion } from './piecewise';
import { dealShareInScope, inPlanScope, planAchieved } from './plan-actual';
import { ratio, round } from './statistics';

const DAY = 86_400_000;

export const PIPELINE_METRICS = ['new-business-revenue', 'deals-won', 'repeat-revenue'] as const;
export const RUN_RATE_METRICS = ['leads-qualified', 'meetings-held', 'touchpoints'] as const;

export interface ForecastQuery {
  /** The period [from, to), epoch ms. */
  readonly from: number;
  readonly to: number;
  /** The moment the forecast is made, within [from, to]: only what had happened before it counts. */
  readonly madeAt: number;
  /** `actual` is measured over [from, actualUntil): min(to, now or the as-of moment). */
  readonly actualUntil: number;
}

/** How often deals at a stage (or repeat sales of a kind) were won within R of reaching it (opening it). */
export interface Odds {
  /** Reached the stage (opened) at least R before madeAt. */
  readonly total: number;
  /** Of those, won within R of it, and before madeAt. */
  readonly won: number;
  /** won ÷ total (4 decimals); null without history, then counted as 0. */
  readonly probability: number | null;
}

/** One row of a pipeline forecast: the open work at a stage (or of a kind), its value and its expected part. */
export interface PipelineRow extends Odds {
  readonly key: string;
  /** Open deals (repeat sales) at madeAt counted for this forecast. */
  readonly open: number;
  /** What they are worth to this forecast: money in its currency (by the share in its scope), or deals for deals-won. */
  readonly openValue: number;
  /** openValue × probability. */
  readonly expected: number;
}

export interface Forecast {
  readonly planId: string | null;
  readonly metric: string;
  readonly scope: PlanFact['scope'];
  readonly currency: string | null;
  readonly method: 'pipeline' | 'run-rate';
  readonly target: number | null;
  /** Achieved in [from, madeAt). */
  readonly achieved: number;
  readonly pipeline: { readonly daysLeft: number; readonly dealStages: PipelineRow[]; readonly repeatSaleKinds: PipelineRow[]; readonly expected: number } | null;
  readonly runRate: { readonly elapsedShare: number } | null;
  /** Where the period will end; null for a run rate made at its very start. */
  readonly forecast: number | null;
  readonly attainmentForecast: number | null;
  /** Achieved in [from, actualUntil). */
  readonly actual: number;
  readonly attainment: number | null;
}

/** A deal as it stood at madeAt. */
interface OpenDeal {
  readonly stage: DealStage;
  readonly value: Money;
  readonly owners: ReadonlyArray<{ repId: string; percent: number }>;
}

interface OpenSale {
  readonly kind: string;
  readonly value: Money;
  readonly ownerId: string | undefined;
}

export function forecastPeriod(facts: DocumentReader, query: ForecastQuery) {
  const { from, to, madeAt, actualUntil } = query;
  const left = Math.max(0, to - madeAt);
  const elapsedShare = round((madeAt - from) / (to - from), 4);
  const reps = new Map<string, RepFact>();
  for (const rep of facts.values<RepFact>('reps')) reps.set(rep.id, rep);
  const roles = rolesVersion(facts, reps);

  const deals = openDealsAt(facts, madeAt);
  const sales = openSalesAt(facts, madeAt);
  const stageOdds = dealStageOdds(facts, madeAt, left);
  const kindOdds = repeatSaleOdds(facts, madeAt, left);
  const daysLeft = round(left / DAY, 4);

  const forecastOf = (plan: PlanFact, planId: string | null): Forecast => {
    const achieved = planAchieved(facts, reps, plan, from, madeAt, roles);
    const actual = planAchieved(facts, reps, plan, from, actualUntil, roles);
    const target = planId === null ? null : plan.target;
    const runRate = (RUN_RATE_METRICS as readonly string[]).includes(plan.metric);
    let pipeline: Forecast['pipeline'] = null;
    let forecast: number | null;
    if (runRate) {
      forecast = elapsedShare === 0 ? null : round(achieved / elapsedShare, 2);
    } else {
      const dealStages = plan.metric === 'repeat-revenue' ? [] : dealRows(plan, reps, deals, stageOdds);
      const repeatSaleKinds = plan.metric === 'repeat-revenue' ? saleRows(plan, reps, sales, kindOdds) : [];
      const expected = round([...dealStages, ...repeatSaleKinds].reduce((sum, row) => sum + row.expected, 0), 2);
      pipeline = { daysLeft, dealStages, repeatSaleKinds, expected };
      forecast = round(achieved + expected, 2);
    }
    return {
      planId, metric: plan.metric, scope: plan.scope, currency: plan.currency ?? null,
      method: runRate ? 'run-rate' : 'pipeline', target, achieved, pipeline, runRate: runRate ? { elapsedShare } : null,
      forecast, attainmentForecast: forecast === null || target === null ? null : ratio(forecast, target),
      actual, attainment: target === null ? null : ratio(actual, target),
    };
  };

  // The plans of exactly this period: a target is for its own period, and the odds are of its days left.
  const forecastable = new Set<string>([...PIPELINE_METRICS, ...RUN_RATE_METRICS]);
  const plans = [...facts.values<PlanFact>('plans')]
    .filter((plan) => plan.periodStart === from && plan.periodEnd === to && forecastable.has(plan.metric))
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.id.localeCompare(b.id));

  return {
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), days: round((to - from) / DAY, 4) },
    madeAt: new Date(madeAt).toISOString(),
    actualUntil: new Date(actualUntil).toISOString(),
    periodEnded: actualUntil >= to,
    daysLeft,
    elapsedShare,
    teamNewBusinessRevenue: newBusinessCurrencies(facts, deals, from, actualUntil).map((currency) =>
      forecastOf(teamRevenuePlan(currency, from, to), null),
    ),
    plans: plans.map((plan) => forecastOf(plan, plan.id)),
  };
}

export type PeriodForecast = ReturnType<typeof forecastPeriod>;

/** The team's new-business revenue in one currency, as if it were a plan (ids have no '/': no plan shares its kept pieces). */
function teamRevenuePlan(currency: string, from: number, to: number): PlanFact {
  return { id: `team-new-business/${currency}`, periodStart: from, periodEnd: to, scope: { kind: 'team' }, metric: 'new-business-revenue', target: 0, currency, setAt: from };
}

/** Every currency the period's new business is in: of the deals won in it so far, and of those open at madeAt. */
function newBusinessCurrencies(facts: DocumentReader, open: readonly OpenDeal[], from: number, until: number): string[] {
  const currencies = new Set(open.map((deal) => deal.value.currency));
  for (const deal of facts.holding<DealFact>('deals', from, until)) {
    if (deal.wonAt !== undefined && deal.wonAt >= from && deal.wonAt < until && deal.amount !== undefined) currencies.add(deal.amount.currency);
  }
  return [...currencies].sort();
}

const before = (at: number | undefined, moment: number): at is number => at !== undefined && at < moment;

/** The deals open at madeAt, each at the furthest stage it had reached, valued by the proposal then in force. */
function openDealsAt(facts: DocumentReader, madeAt: number): OpenDeal[] {
  const open: OpenDeal[] = [];
  for (const deal of facts.overlapping<DealFact>('deals', madeAt, madeAt)) {
    if (!(deal.openedAt < madeAt) || before(deal.wonAt, madeAt) || before(deal.lostAt, madeAt)) continue;
    let stage: DealStage = 'qualification';
    for (const each of DEAL_STAGES) if (before(deal.stageReachedAt[each], madeAt)) stage = each;
    let value = before(deal.proposalSentAt, madeAt) ? deal.proposalAmount! : deal.estimatedValue;
    for (const proposal of deal.proposals ?? []) if (proposal.at < madeAt) value = proposal.amount;
    const closer = before(deal.handedToCloserAt, madeAt) ? deal.closerId : undefined;
    // Still open, nobody knows the final split: a handed-over deal is shared half and half, as computeKpis does.
    const owners = closer === undefined
      ? [{ repId: deal.hunterId, percent: 100 }]
      : [{ repId: deal.hunterId, percent: 50 }, { repId: closer, percent: 50 }];
    open.push({ stage, value, owners });
  }
  return open;
}

function openSalesAt(facts: DocumentReader, madeAt: number): OpenSale[] {
  const open: OpenSale[] = [];
  for (const sale of facts.overlapping<RepeatSaleFact>('repeatSales', madeAt, madeAt)) {
    if (!(sale.openedAt < madeAt) || before(sale.wonAt, madeAt) || before(sale.lostAt, madeAt)) continue;
    // Its owner is the account's then (the sale names one only when won).
    const ownerId = ownerAt(facts.get<AccountFact>('accounts', sale.accountId), madeAt);
    open.push({ kind: sale.kind, value: sale.estimatedValue, ownerId });
  }
  return open;
}

function ownerAt(account: AccountFact | undefined, moment: number): string | undefined {
  if (account?.owners === undefined) return account !== undefined && account.openedAt < moment ? account.ownerId : undefined;
  let owner: string | undefined;
  for (const each of account.owners) if (each.from < moment) owner = each.repId;
  return owner;
}

/** Won within `window` of `start`, and before madeAt (a later win was not known then). */
function odds(starts: Iterable<{ start: number | undefined; wonAt: number | undefined }>, madeAt: number, window: number): Odds {
  let total = 0;
  let won = 0;
  for (const { start, wonAt } of starts) {
    if (start === undefined || start + window > madeAt) continue;
    total++;
    if (wonAt !== undefined && wonAt < madeAt && wonAt - start <= window) won++;
  }
  return { total, won, probability: ratio(won, total) };
}

function dealStageOdds(facts: DocumentReader, madeAt: number, window: number): Map<DealStage, Odds> {
  const deals = [...facts.values<DealFact>('deals')];
  return new Map(DEAL_STAGES.map((stage) => [stage, odds(deals.map((deal) => ({ start: deal.stageReachedAt[stage], wonAt: deal.wonAt })), madeAt, window)]));
}

function repeatSaleOdds(facts: DocumentReader, madeAt: number, window: number): Map<string, Odds> {
  const sales = [...facts.values<RepeatSaleFact>('repeatSales')];
  return new Map(REPEAT_SALE_KINDS.map((kind) => [kind, odds(sales.filter((sale) => sale.kind === kind).map((sale) => ({ start: sale.openedAt, wonAt: sale.wonAt })), madeAt, window)]));
}

function row(key: string, odds: Odds, open: number, openValue: number): PipelineRow {
  return { key, open, openValue: round(openValue, 2), ...odds, expected: round(openValue * (odds.probability ?? 0), 2) };
}

/** Per stage: the open deals that count for the plan and what they are worth to it. */
function dealRows(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, deals: readonly OpenDeal[], stageOdds: Map<DealStage, Odds>): PipelineRow[] {
  return DEAL_STAGES.map((stage) => {
    let open = 0;
    let value = 0;
    for (const deal of deals) {
      if (deal.stage !== stage) continue;
      if (plan.metric === 'new-business-revenue' && plan.currency !== undefined && deal.value.currency !== plan.currency) continue;
      const share = dealShareInScope(plan, reps, deal.owners);
      if (share === 0) continue;
      open++;
      value += plan.metric === 'deals-won' ? 1 : deal.value.amount * share;
    }
    return row(stage, stageOdds.get(stage)!, open, value);
  });
}

function saleRows(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, sales: readonly OpenSale[], kindOdds: Map<string, Odds>): PipelineRow[] {
  return REPEAT_SALE_KINDS.map((kind) => {
    let open = 0;
    let value = 0;
    for (const sale of sales) {
      if (sale.kind !== kind || !inPlanScope(plan, reps, sale.ownerId)) continue;
      if (plan.currency !== undefined && sale.value.currency !== plan.currency) continue;
      open++;
      value += sale.value.amount;
    }
    return row(kind, kindOdds.get(kind)!, open, value);
  });
}
