/**
 * Where a period will end, forecast at a moment `madeAt` from what was known then (pure: facts in, numbers out).
 *
 * Money and deals (new-business revenue, deals won, repeat revenue) go by the pipeline, in three parts:
 * - achieved: what was won in [from, madeAt);
 * - open work: every deal open at madeAt weighted by the chance that it is won in the R days left (R = to − madeAt),
 *   given how long it has already been at its stage without being won or lost: a deal that survived weeks at a
 *   stage is not a deal that reached it this morning. The chance comes from the department's whole history
 *   (whatever the plan's scope: more deals, steadier odds). A deal at its furthest stage S for a whole days
 *   (⌊madeAt − reachedAt(S)⌋) is compared with the deals that reached S at least a + R days before madeAt (so how
 *   their next a + R days went is known then) and were neither won nor lost in the a days after reaching it: its
 *   odds are the share of those won within a + R days of reaching S (see AgeOdds). Where fewer than MIN_COMPARABLE
 *   such deals exist, it takes the odds of the oldest age that has as many (the band of deals still open that
 *   long); at age 0, or with too little history for any age, the stage's own: of the deals that reached S at least
 *   R before madeAt, the share won within R of it — the odds every deal had before age counted. Repeat sales have
 *   no stages: the same by kind, with their age since they were opened;
 * - new pipeline: what deals not yet opened at madeAt will bring if they open and are won before `to`. Deals
 *   open at a steady rate λ and each is won after a time T (∞ if lost) for an amount A; one opened s days after
 *   madeAt counts if T < R − s, so over the R days left that is λ·E[A·max(0, R − T)]. From the history:
 *   (1 / L) × Σ A × max(0, R − T) over the deals opened in [madeAt − R − L, madeAt − R) — each of them had its
 *   R days to be won before madeAt, so whether it was is known then, and none is half-counted — with A the
 *   share in the plan's scope of the amount won (1 for deals won) and L = NEW_PIPELINE_LOOKBACK_DAYS, cut short
 *   where the history (of deals, of repeat sales, or of the plan's rep) begins later. Repeat sales the same way.
 * Only what had happened by madeAt counts, anywhere: a deal won after madeAt is open at madeAt and, in the
 * history, not (yet) won; a proposal sent after madeAt does not value the deal; a stage reached or a closer
 * taken on after madeAt is not the deal's; an account's owner is the one of then. Counts of activity (leads
 * qualified, meetings held, touchpoints) go by the run rate: achieved ÷ the share of the period elapsed.
 *
 * `actual` is what the period achieved up to `actualUntil` (the end of the period, or now): a forecast made
 * at a past moment of a period since ended is its own back-test.
 */
import { DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { MIN_COMPARABLE, dealStageOdds, repeatSaleOdds } from './forecast-age-odds';
import { lookback, newPipelineOf, type NewPipeline } from './forecast-new-pipeline';
import { dealRows, openDealsAt, openSalesAt, saleRows, type OpenDeal, type PipelineRow } from './forecast-open-work';
import type { DealFact, PlanFact, RepFact, RepeatSaleFact } from './kpi-facts.projection';
import { rolesVersion } from './piecewise';
import { planAchieved } from './plan-actual';
import { ratio, round } from './statistics';

export const PIPELINE_METRICS = ['new-business-revenue', 'deals-won', 'repeat-revenue'] as const;
export const RUN_RATE_METRICS = ['leads-qualified', 'meetings-held', 'touchpoints'] as const;

interface ForecastQuery {
  /** The period [from, to), epoch ms. */
  readonly from: number;
  readonly to: number;
  /** The moment the forecast is made, within [from, to]: only what had happened before it counts. */
  readonly madeAt: number;
  /** `actual` is measured over [from, actualUntil): min(to, now or the as-of moment). */
  readonly actualUntil: number;
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
  readonly pipeline: {
    readonly daysLeft: number;
    readonly dealStages: PipelineRow[];
    readonly repeatSaleKinds: PipelineRow[];
    /** From the work open at madeAt: the sum of the rows' expected. */
    readonly expected: number;
    /** MIN_COMPARABLE: how many deals of the history an age's odds must rest on (see PipelineRow.bandFromDays). */
    readonly minComparables: number;
    readonly newPipeline: NewPipeline;
  } | null;
  readonly runRate: { readonly elapsedShare: number } | null;
  /** Where the period will end; null for a run rate made at its very start. */
  readonly forecast: number | null;
  readonly attainmentForecast: number | null;
  /** Achieved in [from, actualUntil). */
  readonly actual: number;
  readonly attainment: number | null;
}

export function forecastPeriod(facts: DocumentReader, query: ForecastQuery) {
  const { from, to, madeAt, actualUntil } = query;
  const left = Math.max(0, to - madeAt);
  const elapsedShare = round((madeAt - from) / (to - from), 4);
  const reps = new Map<string, RepFact>();
  for (const rep of facts.values<RepFact>('reps')) reps.set(rep.id, rep);
  const roles = rolesVersion(facts, reps);

  const stageOdds = dealStageOdds(facts, madeAt, left);
  const kindOdds = repeatSaleOdds(facts, madeAt, left);
  const deals = openDealsAt(facts, madeAt, stageOdds);
  const sales = openSalesAt(facts, madeAt, kindOdds);
  const dealLookback = lookback(facts.values<DealFact>('deals'), madeAt, left, (deal) => deal.credit ?? [{ repId: deal.hunterId, percent: 100 }]);
  const saleLookback = lookback(facts.values<RepeatSaleFact>('repeatSales'), madeAt, left, (sale) => (sale.ownerId === undefined ? [] : [{ repId: sale.ownerId, percent: 100 }]));
  const daysLeft = round(left / DAY_MS, 4);

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
      const newPipeline = newPipelineOf(plan, reps, plan.metric === 'repeat-revenue' ? saleLookback : dealLookback);
      pipeline = { daysLeft, dealStages, repeatSaleKinds, expected, minComparables: MIN_COMPARABLE, newPipeline };
      forecast = round(achieved + expected + newPipeline.expected, 2);
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
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), days: round((to - from) / DAY_MS, 4) },
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
