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
import { DEAL_STAGES, REPEAT_SALE_KINDS, type DealStage, DAY_MS, type Money } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import type { AccountFact, DealFact, PlanFact, RepFact, RepeatSaleFact } from './kpi-facts.projection';
import { rolesVersion } from './piecewise';
import { dealShareInScope, inPlanScope, planAchieved } from './plan-actual';
import { median, ratio, round } from './statistics';

export const PIPELINE_METRICS = ['new-business-revenue', 'deals-won', 'repeat-revenue'] as const;
export const RUN_RATE_METRICS = ['leads-qualified', 'meetings-held', 'touchpoints'] as const;

/**
 * L, how far back the new pipeline's rate of won work is learnt, in days: a quarter. Long enough that the rate
 * and how soon work is won rest on many deals rather than a handful (a month holds too few quick wins to be
 * steady), and that weeks and holidays even out; short enough to follow a team that hires, ramps up or loses
 * reps within months (a year's average would forecast last spring's team).
 */
const NEW_PIPELINE_LOOKBACK_DAYS = 90;

interface ForecastQuery {
  /** The period [from, to), epoch ms. */
  readonly from: number;
  readonly to: number;
  /** The moment the forecast is made, within [from, to]: only what had happened before it counts. */
  readonly madeAt: number;
  /** `actual` is measured over [from, actualUntil): min(to, now or the as-of moment). */
  readonly actualUntil: number;
}

/**
 * How many deals (repeat sales) of the history the odds of an age must rest on: at least 20 still open at that age
 * whose next R days are known. With fewer, one deal won more or less moves the odds by 5 points or more, and the
 * standard error of a share of 20 is already up to 11 points. On the simulated year (Mar–Nov 2026, /tmp/fc) 10 left
 * the repeat forecast noisier (mean absolute error 6.9 % against 5.3 %) and 50 fell back to younger ages so often
 * that the bias the age removes came back (8.4 %); new business, with many more deals, was the same from 5 to 100.
 */
const MIN_COMPARABLE = 20;

/** How often deals at a stage (or repeat sales of a kind) were won within R of reaching it (opening it). */
interface Odds {
  /** Reached the stage (opened) at least R before madeAt. */
  readonly total: number;
  /** Of those, won within R of it, and before madeAt. */
  readonly won: number;
  /** won ÷ total (4 decimals); null without history, then counted as 0. */
  readonly probability: number | null;
}

/**
 * Whose odds weighted an open deal (repeat sale): those of its own age at the stage (since opening); of the band
 * of deals still open at bandFromDays, the oldest age with MIN_COMPARABLE of them, when it is older than that;
 * or the stage's (kind's) own, when it reached the stage (was opened) less than a day before madeAt or the history
 * has too few deals for any age.
 */
type OddsBasis = 'age' | 'band' | 'stage';

/**
 * One row of a pipeline forecast: the open work at a stage (or of a kind), its value and its expected part, and
 * the history behind its odds.
 */
interface PipelineRow extends Odds {
  readonly key: string;
  /** Open deals (repeat sales) at madeAt counted for this forecast. */
  readonly open: number;
  /** What they are worth to this forecast: money in its currency (by the share in its scope), or deals for deals-won. */
  readonly openValue: number;
  /** The stage's own odds (won ÷ total): of a deal that has only just reached it. null without history. */
  readonly stageProbability: number | null;
  /**
   * expected ÷ openValue: the mean of the open deals' odds, each weighted by its value (4 decimals). The stage's
   * own odds when nothing of value is open; null without history (then counted as 0).
   */
  readonly probability: number | null;
  /** Σ over the open deals of value × its odds (each deal's odds by its age). */
  readonly expected: number;
  /** Whole days each open deal had been at the stage (each repeat sale open) by madeAt: median and oldest; null with none open. */
  readonly ageDays: { readonly median: number | null; readonly max: number | null };
  /** How many of the open deals were weighted by which odds. */
  readonly basis: Readonly<Record<OddsBasis, number>>;
  /**
   * The oldest age, in whole days, at which MIN_COMPARABLE deals of the history were still open with their next R
   * days known: older open deals take its odds (basis band). null when even age 0 has fewer (then all take the stage's).
   */
  readonly bandFromDays: number | null;
}

/**
 * What work not yet opened at madeAt is expected to bring by `to`: the deals (repeat sales) opened in the
 * lookback [madeAt − daysLeft − lookbackDays, madeAt − daysLeft) that were won within daysLeft of opening.
 */
interface NewPipeline {
  /** L as used: NEW_PIPELINE_LOOKBACK_DAYS, or less where the history (or the plan's rep) began later; 0 without history. */
  readonly lookbackDays: number;
  /** Of the deals (repeat sales) opened in the lookback, those won within daysLeft of opening that count for this forecast. */
  readonly deals: number;
  /** Σ over them of their value to this forecast × (daysLeft − the days each took to be won). */
  readonly valueDays: number;
  /** valueDays ÷ lookbackDays (0 without history). */
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

/** The odds an open deal (repeat sale) is weighted by, and why those. */
interface WorkOdds {
  /** Whole days at its stage (since opened) by madeAt. */
  readonly ageDays: number;
  readonly basis: OddsBasis;
  /** Shared by every open deal of the stage that took the odds of the same age. */
  readonly odds: Odds;
}

/** A deal as it stood at madeAt. */
interface OpenDeal extends WorkOdds {
  readonly stage: DealStage;
  readonly value: Money;
  readonly owners: ReadonlyArray<{ repId: string; percent: number }>;
}

interface OpenSale extends WorkOdds {
  readonly kind: string;
  readonly value: Money;
  readonly ownerId: string | undefined;
}

/** A deal (repeat sale) of the lookback won within R of opening: what it tells of the work to come. */
interface WonEarly {
  readonly openedAt: number;
  /** R − the days it took to be won: for how much of the days left a deal like it, opened then, would have counted. */
  readonly gainDays: number;
  readonly amount: Money;
  /** A deal's credit split (a repeat sale's owner as one share of 100). */
  readonly shares: ReadonlyArray<{ repId: string; percent: number }>;
}

/** The lookback's history: where it begins (the first deal or repeat sale opened) and what in it was won early. */
interface Lookback {
  readonly from: number;
  readonly to: number;
  readonly historyFrom: number;
  readonly won: readonly WonEarly[];
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

const before = (at: number | undefined, moment: number): at is number => at !== undefined && at < moment;

/**
 * The deals open at madeAt, each at the furthest stage it had reached, valued by the proposal then in force, with
 * the odds of how long it had been at that stage.
 */
function openDealsAt(facts: DocumentReader, madeAt: number, stageOdds: ReadonlyMap<DealStage, AgeOdds>): OpenDeal[] {
  const open: OpenDeal[] = [];
  for (const deal of facts.overlapping<DealFact>('deals', madeAt, madeAt)) {
    if (!(deal.openedAt < madeAt) || before(deal.wonAt, madeAt) || before(deal.lostAt, madeAt)) continue;
    let stage: DealStage = 'qualification';
    // A deal opens at qualification: a deal without the stage recorded has been at it since it opened.
    let since = deal.openedAt;
    for (const each of DEAL_STAGES) {
      const reached = deal.stageReachedAt[each];
      if (before(reached, madeAt)) {
        stage = each;
        since = reached;
      }
    }
    let value = before(deal.proposalSentAt, madeAt) ? deal.proposalAmount! : deal.estimatedValue;
    for (const proposal of deal.proposals ?? []) if (proposal.at < madeAt) value = proposal.amount;
    const closer = before(deal.handedToCloserAt, madeAt) ? deal.closerId : undefined;
    // Still open, nobody knows the final split: a handed-over deal is shared half and half, as computeKpis does.
    const owners = closer === undefined
      ? [{ repId: deal.hunterId, percent: 100 }]
      : [{ repId: deal.hunterId, percent: 50 }, { repId: closer, percent: 50 }];
    open.push({ stage, value, owners, ...stageOdds.get(stage)!.at(madeAt - since) });
  }
  return open;
}

function openSalesAt(facts: DocumentReader, madeAt: number, kindOdds: ReadonlyMap<string, AgeOdds>): OpenSale[] {
  const open: OpenSale[] = [];
  for (const sale of facts.overlapping<RepeatSaleFact>('repeatSales', madeAt, madeAt)) {
    if (!(sale.openedAt < madeAt) || before(sale.wonAt, madeAt) || before(sale.lostAt, madeAt)) continue;
    const odds = kindOdds.get(sale.kind);
    if (odds === undefined) continue; // a kind the contracts no longer list: no row to put it in, as before
    // Its owner is the account's then (the sale names one only when won).
    const ownerId = ownerAt(facts.get<AccountFact>('accounts', sale.accountId), madeAt);
    open.push({ kind: sale.kind, value: sale.estimatedValue, ownerId, ...odds.at(madeAt - sale.openedAt) });
  }
  return open;
}

function ownerAt(account: AccountFact | undefined, moment: number): string | undefined {
  if (account?.owners === undefined) return account !== undefined && account.openedAt < moment ? account.ownerId : undefined;
  let owner: string | undefined;
  for (const each of account.owners) if (each.from < moment) owner = each.repId;
  return owner;
}

/**
 * The odds of open work by its age, from a history of work that reached the stage (was opened) at `start`.
 *
 * Work aged d whole days at madeAt is compared with the history that started at least d + R before madeAt and was
 * neither won nor lost in the first d days after its start: p(d) = won(d) ÷ total(d), won(d) counting those of them
 * won in [d, d + R] after their start and before madeAt. Both conditions of total(d) bound d from above, so each
 * piece of history counts for every d up to one day, its reach: the last whole day not after either its known span
 * madeAt − start − R or when it was won or lost. A win w after the start counts for the d in [w − R, min(w, span)].
 * Counted per day and summed once (prefix counts), total(d) and won(d) are then two look-ups: O(N + days of
 * history) per stage, and O(1) per age — where comparing every open deal with every deal of the history took
 * open × N. A deal open 3.7 days is compared with those still open 3 days in, so that the open deals of one age
 * share their odds. At d = 0 these are the stage's own odds, exactly as when age was not counted.
 */
interface AgeOdds {
  /** The stage's own odds (age 0). */
  readonly stage: Odds;
  /** The oldest whole-day age with MIN_COMPARABLE comparable deals; null when even age 0 has fewer. */
  readonly bandFromDays: number | null;
  /** The odds of work that has been at the stage (open) for `age` ms. */
  at(age: number): WorkOdds;
}

/** How many pieces of history fall on each whole day (from 0), growing as needed. */
class DayCounts {
  private counts = new Int32Array(64);
  private last = -1;

  add(day: number): void {
    if (day >= this.counts.length) {
      const larger = new Int32Array(Math.max(day + 1, this.counts.length * 2));
      larger.set(this.counts);
      this.counts = larger;
    }
    this.counts[day]!++;
    if (day > this.last) this.last = day;
  }

  /** cumulative[d] = how many fell on days ≤ d, for d up to the last day (later days: the same as on it). */
  cumulative(): Int32Array {
    const sums = new Int32Array(this.last + 1);
    let sum = 0;
    for (let day = 0; day <= this.last; day++) sums[day] = sum += this.counts[day]!;
    return sums;
  }
}

/** Gathers a stage's (kind's) history, day by day, into AgeOdds. */
class AgeHistory {
  /** By reach: still open, with the next R days known, up to that day. */
  private readonly reach = new DayCounts();
  /** Wins, by the first age (whole day) they count for. */
  private readonly wonFrom = new DayCounts();
  /** Wins, by the last. */
  private readonly wonUntil = new DayCounts();

  constructor(private readonly madeAt: number, private readonly window: number) {}

  /** Work that reached the stage (was opened) at `start`, and when it was won or lost, if it was. */
  add(start: number | undefined, wonAt: number | undefined, lostAt: number | undefined): void {
    if (start === undefined) return;
    const span = this.madeAt - start - this.window;
    if (span < 0) return; // reached within R of madeAt: its next R days are not known yet, at any age
    // Closed after madeAt is beyond its known span (span + R = madeAt − start): it counts as open for all of it.
    const closed = Math.min(wonAt ?? Number.POSITIVE_INFINITY, lostAt ?? Number.POSITIVE_INFINITY) - start;
    const reach = Math.min(span, closed);
    if (reach < 0) return; // closed before it started: not work that was ever open at the stage
    this.reach.add(Math.floor(reach / DAY_MS));
    // A win after madeAt was not known then: the deal was still open.
    if (before(wonAt, this.madeAt)) {
      const from = wonAt - start - this.window;
      const until = Math.min(span, wonAt - start);
      if (from <= until) {
        this.wonFrom.add(Math.max(0, Math.ceil(from / DAY_MS)));
        this.wonUntil.add(Math.floor(until / DAY_MS));
      }
    }
  }

  odds(): AgeOdds {
    const reach = this.reach.cumulative();
    const wonFrom = this.wonFrom.cumulative();
    const wonUntil = this.wonUntil.cumulative();
    const everything = reach.length === 0 ? 0 : reach[reach.length - 1]!;
    const upTo = (sums: Int32Array, day: number) => (day < 0 || sums.length === 0 ? 0 : sums[Math.min(day, sums.length - 1)]!);
    const oddsAt = (days: number): Odds => {
      // Reach on day ≥ d; wins counting from day ≤ d and not only until a day < d.
      const total = everything - upTo(reach, days - 1);
      const won = upTo(wonFrom, days) - upTo(wonUntil, days - 1);
      return { total, won, probability: ratio(won, total) };
    };
    const stage = oddsAt(0);
    // total(d) falls as d grows: the oldest age with enough history is the last day before it falls under the minimum.
    let bandFromDays: number | null = null;
    if (everything >= MIN_COMPARABLE) {
      bandFromDays = 0;
      while (bandFromDays + 1 < reach.length && everything - reach[bandFromDays]! >= MIN_COMPARABLE) bandFromDays++;
    }
    const byDays = new Map<number, Odds>([[0, stage]]);
    return {
      stage,
      bandFromDays,
      at(age) {
        const ageDays = Math.max(0, Math.floor(age / DAY_MS));
        const days = bandFromDays === null ? 0 : Math.min(ageDays, bandFromDays);
        let odds = byDays.get(days);
        if (odds === undefined) byDays.set(days, (odds = oddsAt(days)));
        return { ageDays, basis: days === 0 ? 'stage' : days === ageDays ? 'age' : 'band', odds };
      },
    };
  }
}

function dealStageOdds(facts: DocumentReader, madeAt: number, window: number): Map<DealStage, AgeOdds> {
  const stages = DEAL_STAGES; // once: the import is read through a getter
  const histories = stages.map(() => new AgeHistory(madeAt, window));
  for (const deal of facts.values<DealFact>('deals')) {
    for (let index = 0; index < stages.length; index++) histories[index]!.add(deal.stageReachedAt[stages[index]!], deal.wonAt, deal.lostAt);
  }
  return new Map(stages.map((stage, index) => [stage, histories[index]!.odds()]));
}

function repeatSaleOdds(facts: DocumentReader, madeAt: number, window: number): Map<string, AgeOdds> {
  const histories = new Map(REPEAT_SALE_KINDS.map((kind) => [kind as string, new AgeHistory(madeAt, window)]));
  for (const sale of facts.values<RepeatSaleFact>('repeatSales')) histories.get(sale.kind)?.add(sale.openedAt, sale.wonAt, sale.lostAt);
  return new Map([...histories].map(([kind, history]) => [kind, history.odds()]));
}

/** A row from the open work of one stage (kind) that counts for the plan, each with its value to it. */
function row(key: string, ageOdds: AgeOdds, counted: ReadonlyArray<{ readonly work: WorkOdds; readonly value: number }>): PipelineRow {
  // Work whose odds are those of one age shares them: its value is summed first, then weighted once.
  const valueByOdds = new Map<Odds, number>();
  const basis: Record<OddsBasis, number> = { age: 0, band: 0, stage: 0 };
  const ages: number[] = [];
  let openValue = 0;
  for (const { work, value } of counted) {
    openValue += value;
    valueByOdds.set(work.odds, (valueByOdds.get(work.odds) ?? 0) + value);
    basis[work.basis]++;
    ages.push(work.ageDays);
  }
  let expected = 0;
  for (const [odds, value] of valueByOdds) expected += value * (odds.probability ?? 0);
  const { stage } = ageOdds;
  let probability = stage.probability;
  if (valueByOdds.size === 1) probability = valueByOdds.keys().next().value!.probability;
  else if (openValue > 0 && stage.probability !== null) probability = round(expected / openValue, 4);
  return {
    key, open: counted.length, openValue: round(openValue, 2), total: stage.total, won: stage.won,
    stageProbability: stage.probability, probability, expected: round(expected, 2),
    ageDays: { median: median(ages), max: ages.length === 0 ? null : ages.reduce((a, b) => Math.max(a, b)) },
    basis, bandFromDays: ageOdds.bandFromDays,
  };
}

/** Per stage: the open deals that count for the plan and what they are worth to it. */
function dealRows(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, deals: readonly OpenDeal[], stageOdds: Map<DealStage, AgeOdds>): PipelineRow[] {
  return DEAL_STAGES.map((stage) => {
    const counted: Array<{ work: WorkOdds; value: number }> = [];
    for (const deal of deals) {
      if (deal.stage !== stage) continue;
      if (plan.metric === 'new-business-revenue' && plan.currency !== undefined && deal.value.currency !== plan.currency) continue;
      const share = dealShareInScope(plan, reps, deal.owners);
      if (share === 0) continue;
      counted.push({ work: deal, value: plan.metric === 'deals-won' ? 1 : deal.value.amount * share });
    }
    return row(stage, stageOdds.get(stage)!, counted);
  });
}

function saleRows(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, sales: readonly OpenSale[], kindOdds: Map<string, AgeOdds>): PipelineRow[] {
  return REPEAT_SALE_KINDS.map((kind) => {
    const counted: Array<{ work: WorkOdds; value: number }> = [];
    for (const sale of sales) {
      if (sale.kind !== kind || !inPlanScope(plan, reps, sale.ownerId)) continue;
      if (plan.currency !== undefined && sale.value.currency !== plan.currency) continue;
      counted.push({ work: sale, value: sale.value.amount });
    }
    return row(kind, kindOdds.get(kind)!, counted);
  });
}

/**
 * One pass over a kind of work: where its history begins, and, of what was opened in [madeAt − R − L, madeAt − R),
 * what was won within R of opening (so before madeAt: a later win is unknown at madeAt and, taking R or more, would
 * add nothing anyway).
 */
function lookback<T extends { openedAt: number; wonAt?: number; amount?: Money }>(
  work: Iterable<T>, madeAt: number, window: number, shares: (each: T) => WonEarly['shares'],
): Lookback {
  const to = madeAt - window;
  const from = to - NEW_PIPELINE_LOOKBACK_DAYS * DAY_MS;
  let historyFrom = Number.POSITIVE_INFINITY;
  const won: WonEarly[] = [];
  for (const each of work) {
    if (each.openedAt < historyFrom) historyFrom = each.openedAt;
    if (each.openedAt < from || each.openedAt >= to || !before(each.wonAt, madeAt) || each.amount === undefined) continue;
    const taken = each.wonAt - each.openedAt;
    if (taken < window) won.push({ openedAt: each.openedAt, gainDays: (window - taken) / DAY_MS, amount: each.amount, shares: shares(each) });
  }
  return { from, to, historyFrom, won };
}

/** The new pipeline of a plan: its share of the lookback's early wins, per day of the lookback it had. */
function newPipelineOf(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, history: Lookback): NewPipeline {
  // A rep's own history begins when they joined: a rep of a month has a month of deals, not a quarter's.
  const joined = plan.scope.kind === 'rep' ? reps.get(plan.scope.repId)?.joinedAt ?? history.to : history.from;
  const from = Math.max(history.from, history.historyFrom, joined);
  if (from >= history.to) return { lookbackDays: 0, deals: 0, valueDays: 0, expected: 0 };
  let deals = 0;
  let valueDays = 0;
  for (const each of history.won) {
    if (each.openedAt < from) continue;
    if (plan.currency !== undefined && plan.metric !== 'deals-won' && each.amount.currency !== plan.currency) continue;
    const share = plan.metric === 'repeat-revenue'
      ? (inPlanScope(plan, reps, each.shares[0]?.repId) ? 1 : 0)
      : dealShareInScope(plan, reps, each.shares);
    if (share === 0) continue;
    deals++;
    valueDays += each.gainDays * (plan.metric === 'deals-won' ? 1 : each.amount.amount * share);
  }
  const lookbackDays = (history.to - from) / DAY_MS;
  return { lookbackDays: round(lookbackDays, 4), deals, valueDays: round(valueDays, 2), expected: round(valueDays / lookbackDays, 2) };
}
