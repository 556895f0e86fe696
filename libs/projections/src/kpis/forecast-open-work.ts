/**
 * The forecast's open work: the deals and repeat sales open at madeAt, each with the odds of its age, and the rows
 * that weigh, stage by stage (kind by kind), what of it counts for a plan (forecast.ts).
 */
import { DEAL_STAGES, REPEAT_SALE_KINDS, type DealStage, type Money } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { before, type AgeOdds, type Odds, type OddsBasis, type WorkOdds } from './forecast-age-odds';
import type { AccountFact, DealFact, PlanFact, RepFact, RepeatSaleFact } from './kpi-facts.projection';
import { dealShareInScope, inPlanScope } from './plan-actual';
import { median, round } from './statistics';

/**
 * One row of a pipeline forecast: the open work at a stage (or of a kind), its value and its expected part, and
 * the history behind its odds.
 */
export interface PipelineRow extends Odds {
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

/** A deal as it stood at madeAt. */
export interface OpenDeal extends WorkOdds {
  readonly stage: DealStage;
  readonly value: Money;
  readonly owners: ReadonlyArray<{ repId: string; percent: number }>;
}

export interface OpenSale extends WorkOdds {
  readonly kind: string;
  readonly value: Money;
  readonly ownerId: string | undefined;
}

/**
 * The deals open at madeAt, each at the furthest stage it had reached, valued by the proposal then in force, with
 * the odds of how long it had been at that stage.
 */
export function openDealsAt(facts: DocumentReader, madeAt: number, stageOdds: ReadonlyMap<DealStage, AgeOdds>): OpenDeal[] {
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

export function openSalesAt(facts: DocumentReader, madeAt: number, kindOdds: ReadonlyMap<string, AgeOdds>): OpenSale[] {
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
export function dealRows(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, deals: readonly OpenDeal[], stageOdds: Map<DealStage, AgeOdds>): PipelineRow[] {
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

export function saleRows(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, sales: readonly OpenSale[], kindOdds: Map<string, AgeOdds>): PipelineRow[] {
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
