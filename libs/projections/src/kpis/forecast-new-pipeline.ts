/**
 * The forecast's new pipeline: what work not yet opened at madeAt will bring by the period's end, learnt from what
 * was opened in the lookback and won early (forecast.ts).
 */
import { DAY_MS, type Money } from '#libs/contracts';
import { before } from './forecast-age-odds';
import type { PlanFact, RepFact } from './kpi-facts.projection';
import { dealShareInScope, inPlanScope } from './plan-actual';
import { round } from './statistics';

/**
 * L, how far back the new pipeline's rate of won work is learnt, in days: a quarter. Long enough that the rate
 * and how soon work is won rest on many deals rather than a handful (a month holds too few quick wins to be
 * steady), and that weeks and holidays even out; short enough to follow a team that hires, ramps up or loses
 * reps within months (a year's average would forecast last spring's team).
 */
const NEW_PIPELINE_LOOKBACK_DAYS = 90;

/**
 * What work not yet opened at madeAt is expected to bring by `to`: the deals (repeat sales) opened in the
 * lookback [madeAt − daysLeft − lookbackDays, madeAt − daysLeft) that were won within daysLeft of opening.
 */
export interface NewPipeline {
  /** L as used: NEW_PIPELINE_LOOKBACK_DAYS, or less where the history (or the plan's rep) began later; 0 without history. */
  readonly lookbackDays: number;
  /** Of the deals (repeat sales) opened in the lookback, those won within daysLeft of opening that count for this forecast. */
  readonly deals: number;
  /** Σ over them of their value to this forecast × (daysLeft − the days each took to be won). */
  readonly valueDays: number;
  /** valueDays ÷ lookbackDays (0 without history). */
  readonly expected: number;
}

/** A deal (repeat sale) of the lookback won within R of opening: what it tells of the work to come. */
export interface WonEarly {
  readonly openedAt: number;
  /** R − the days it took to be won: for how much of the days left a deal like it, opened then, would have counted. */
  readonly gainDays: number;
  readonly amount: Money;
  /** A deal's credit split (a repeat sale's owner as one share of 100). */
  readonly shares: ReadonlyArray<{ repId: string; percent: number }>;
}

/** The lookback's history: where it begins (the first deal or repeat sale opened) and what in it was won early. */
export interface Lookback {
  readonly from: number;
  readonly to: number;
  readonly historyFrom: number;
  readonly won: readonly WonEarly[];
}

/**
 * One pass over a kind of work: where its history begins, and, of what was opened in [madeAt − R − L, madeAt − R),
 * what was won within R of opening (so before madeAt: a later win is unknown at madeAt and, taking R or more, would
 * add nothing anyway).
 */
export function lookback<T extends { openedAt: number; wonAt?: number; amount?: Money }>(
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
export function newPipelineOf(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, history: Lookback): NewPipeline {
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
