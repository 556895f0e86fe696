/**
 * The odds that open work is won in the days left, by its stage (a repeat sale: its kind) and by how long it has
 * been there, learnt from the department's history as it was known at madeAt (the forecast's open work: forecast.ts).
 */
import { DEAL_STAGES, REPEAT_SALE_KINDS, type DealStage, DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import type { DealFact, RepeatSaleFact } from './kpi-facts.projection';
import { ratio } from './statistics';

/**
 * How many deals (repeat sales) of the history the odds of an age must rest on: at least 20 still open at that age
 * whose next R days are known. With fewer, one deal won more or less moves the odds by 5 points or more, and the
 * standard error of a share of 20 is already up to 11 points. Fewer make the repeat forecast noisier; many more
 * fall back to younger ages so often that the bias the age removes comes back.
 */
export const MIN_COMPARABLE = 20;

/** How often deals at a stage (or repeat sales of a kind) were won within R of reaching it (opening it). */
export interface Odds {
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
export type OddsBasis = 'age' | 'band' | 'stage';

/** The odds an open deal (repeat sale) is weighted by, and why those. */
export interface WorkOdds {
  /** Whole days at its stage (since opened) by madeAt. */
  readonly ageDays: number;
  readonly basis: OddsBasis;
  /** Shared by every open deal of the stage that took the odds of the same age. */
  readonly odds: Odds;
}

/** Whether `at` happened before `moment`: only what had happened by madeAt is known to the forecast. */
export const before = (at: number | undefined, moment: number): at is number => at !== undefined && at < moment;

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
export interface AgeOdds {
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

export function dealStageOdds(facts: DocumentReader, madeAt: number, window: number): Map<DealStage, AgeOdds> {
  const stages = DEAL_STAGES; // once: the import is read through a getter
  const histories = stages.map(() => new AgeHistory(madeAt, window));
  for (const deal of facts.values<DealFact>('deals')) {
    for (let index = 0; index < stages.length; index++) histories[index]!.add(deal.stageReachedAt[stages[index]!], deal.wonAt, deal.lostAt);
  }
  return new Map(stages.map((stage, index) => [stage, histories[index]!.odds()]));
}

export function repeatSaleOdds(facts: DocumentReader, madeAt: number, window: number): Map<string, AgeOdds> {
  const histories = new Map(REPEAT_SALE_KINDS.map((kind) => [kind as string, new AgeHistory(madeAt, window)]));
  for (const sale of facts.values<RepeatSaleFact>('repeatSales')) histories.get(sale.kind)?.add(sale.openedAt, sale.wonAt, sale.lostAt);
  return new Map([...histories].map(([kind, history]) => [kind, history.odds()]));
}
