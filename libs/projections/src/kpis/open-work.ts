/**
 * What was open at a moment: the leads captured and neither handed off nor disqualified before it, the deals opened
 * and neither won nor lost before it (counted and valued: the open pipeline), the accounts opened and not churned
 * before it; and each rep's open work (their open leads, deals and accounts: the load of the balance and of the
 * leaderboard). A lead counts for its lead generator, a deal for its closer (else its hunter), an account for its
 * owner: who holds each now.
 *
 * Open at a moment is a sum over what happened before it, kept piecewise (piecewise.ts) like retention's base, so
 * that a request walks the facts of the day the moment falls in, not every open lead, deal and account: each fact
 * counts +1 for every moment after it opened and −1 for every moment after it closed (at its first close: a deal
 * won or lost; one closed when or before it opened never counts). A kept piece is kept while no fact holding a time
 * in it changes: a fact's change (its rep, its value) counts on the days of its opening and closing, both of them
 * its times, so both pieces it counts in are computed again.
 */
import type { DocumentReader } from '../engine/projection';
import { Grouping } from './contributions';
import type { AccountFact, DealFact, LeadFact } from './kpi-facts.projection';
import { PeriodTotals } from './period-totals';
import { keptPieceStart, piecewise } from './piecewise';
import { CountedMoney, addMoney, type MoneyByCurrency } from './statistics';

/** What was open, as a sum of what opened and closed in some stretch of time. */
class OpenChange {
  /** Per rep: open leads, deals and accounts. */
  readonly work = new Map<string, number>();
  /** Open deals and their value, for the team and per group. */
  readonly team = new CountedMoney();
  readonly groups = new Map<string, CountedMoney>();

  count(repId: string | undefined, by: number): void {
    if (repId !== undefined) this.work.set(repId, (this.work.get(repId) ?? 0) + by);
  }

  group(key: string): CountedMoney {
    let pipeline = this.groups.get(key);
    if (pipeline === undefined) this.groups.set(key, (pipeline = new CountedMoney()));
    return pipeline;
  }

  add(other: OpenChange): void {
    other.work.forEach((count, repId) => this.count(repId, count));
    this.team.add(other.team);
    other.groups.forEach((pipeline, key) => this.group(key).add(pipeline));
  }
}

/** When something first closed, if it did. */
const closing = (...closes: ReadonlyArray<number | undefined>): number | undefined => {
  let first: number | undefined;
  for (const close of closes) if (close !== undefined && (first === undefined || close < first)) first = close;
  return first;
};

/** How the facts of [from, to) change what is open at every later moment. */
function openChange(facts: DocumentReader, from: number, to: number, grouping: Grouping): OpenChange {
  const change = new OpenChange();
  const within = (time: number | undefined): time is number => time !== undefined && time >= from && time < to;
  /** +1 from its opening, −1 from its close: `counted` runs for each that lies in [from, to). */
  const opensAndCloses = (opened: number, closed: number | undefined, counted: (by: number) => void) => {
    if (closed !== undefined && closed <= opened) return;
    if (within(opened)) counted(1);
    if (within(closed)) counted(-1);
  };
  for (const lead of facts.holding<LeadFact>('leads', from, to)) {
    opensAndCloses(lead.capturedAt, closing(lead.handedOffAt, lead.disqualifiedAt), (by) => change.count(lead.leadGeneratorId, by));
  }
  for (const deal of facts.holding<DealFact>('deals', from, to)) {
    opensAndCloses(deal.openedAt, closing(deal.wonAt, deal.lostAt), (by) => {
      change.count(deal.closerId ?? deal.hunterId, by);
      const { currency, amount } = deal.proposalAmount ?? deal.estimatedValue;
      change.team.change(by, currency, by * amount);
      for (const [key] of grouping.byDeal(deal)) change.group(key).change(by, currency, by * amount);
    });
  }
  for (const account of facts.holding<AccountFact>('accounts', from, to)) {
    opensAndCloses(account.openedAt, closing(account.churnedAt), (by) => change.count(account.ownerId, by));
  }
  return change;
}

/** What was open at `at`, from the start of the facts. */
function openAt(facts: DocumentReader, at: number, grouping: Grouping, roles: number): OpenChange {
  const start = keptPieceStart(facts, ['leads', 'deals', 'accounts']);
  if (start === undefined || start >= at) return new OpenChange();
  // Only the grouping by role depends on the reps' roles; each rep's open work depends on no grouping.
  const name = grouping.groupBy === 'role' ? `open/role#${roles}` : `open/${grouping.groupBy ?? 'team'}`;
  return piecewise(facts, name, start, at, (from, to) => openChange(facts, from, to, grouping), (total, piece) => total.add(piece), () => new OpenChange());
}

/** Adds one group's (or the team's) open deals and pipeline to an accumulator of the totals. */
function addPipeline(accumulator: { openDeals: number; readonly openPipeline: MoneyByCurrency }, pipeline: CountedMoney): void {
  accumulator.openDeals += pipeline.count;
  const held = pipeline.held();
  for (const currency in held) addMoney(accumulator.openPipeline, currency, held[currency]!);
}

/**
 * Adds the deals open at `at` (count and pipeline) to the totals, and returns each rep's open work then:
 * open leads, deals and accounts (the load in the balance). `roles`: the roles' version (piecewise.ts).
 */
export function addOpenWork(totals: PeriodTotals, facts: DocumentReader, at: number, grouping: Grouping, roles: number): Map<string, number> {
  const open = openAt(facts, at, grouping, roles);
  addPipeline(totals.team, open.team);
  if (grouping.groupBy !== undefined) {
    open.groups.forEach((pipeline, key) => pipeline.count > 0 && addPipeline(totals.group(key), pipeline));
  }
  const work = new Map<string, number>();
  open.work.forEach((count, repId) => count > 0 && work.set(repId, count));
  return work;
}

/** Each rep's open leads, deals and accounts at `at` (the load of the balance and of the leaderboard). */
export function openWorkAt(facts: DocumentReader, at: number): Map<string, number> {
  return addOpenWork(new PeriodTotals(false), facts, at, new Grouping(undefined, () => 'unknown'), 0);
}
