/**
 * How each fact counts towards the KPIs: what it adds to the totals of a stretch of time [from, to) (the
 * stages it reached then, its latencies, wins and losses, revenue, activity), what it adds as open work at
 * a moment, and the groups it counts for. A fact's contribution to a stretch depends only on the fact
 * itself and, grouped by role, on the reps' roles: that is what makes cached months safe (piecewise.ts).
 */
import { DAY_MS, type Money } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import type { AccountFact, ActivityFact, DealFact, LeadFact, RepeatSaleFact } from './kpi-facts.projection';
import { dealOfLead, furthestStage, journeyTimes } from './lead-journey';
import { FUNNEL_STAGES, NO_KEYS, PeriodTotals, type Keys } from './period-totals';
import { addMoney } from './statistics';

export const KPI_GROUP_BY = ['rep', 'role', 'source', 'script'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BY)[number];

const seconds = (ms: number) => Math.round(ms / 1000);

/** The groups a fact counts for under one grouping. */
export class Grouping {
  constructor(
    readonly groupBy: KpiGroupBy | undefined,
    readonly roleOf: (repId: string | undefined) => string,
  ) {}

  /** A lead, or anything that came from one (source and script), worked by repId. */
  byOrigin(origin: { readonly source?: string; readonly script?: string } | undefined, repId: string | undefined): Keys {
    switch (this.groupBy) {
      case 'rep': return [[repId ?? 'unassigned', 1]];
      case 'role': return [[this.roleOf(repId), 1]];
      case 'source': return [[origin?.source ?? 'unknown', 1]];
      case 'script': return [[origin?.script ?? 'none', 1]];
      default: return NO_KEYS;
    }
  }

  byDeal(deal: DealFact): Keys {
    return this.byOrigin(deal, deal.hunterId);
  }

  /** Won or lost deals count for the hunter and (when handed over) the closer; revenue by the credit split. */
  byClosedDeal(deal: DealFact): Keys {
    if (this.groupBy !== 'rep' && this.groupBy !== 'role') return this.byDeal(deal);
    const credit = deal.credit ?? [
      { repId: deal.hunterId, role: 'hunter', percent: deal.closerId ? 50 : 100 },
      ...(deal.closerId ? [{ repId: deal.closerId, role: 'closer', percent: 50 }] : []),
    ];
    return credit.map((share) => [this.groupBy === 'rep' ? share.repId : this.roleOf(share.repId), share.percent / 100] as const);
  }

  /** Per rep (by rep or role); by source or script it counts for the team only. */
  byRep(repId: string): Keys {
    return this.groupBy === 'rep' ? [[repId, 1]] : this.groupBy === 'role' ? [[this.roleOf(repId), 1]] : NO_KEYS;
  }
}

/** Adds what the facts did in [from, to) to the totals. */
export function addPeriodContributions(totals: PeriodTotals, facts: DocumentReader, from: number, to: number, grouping: Grouping): void {
  const inPeriod = (at: number | undefined): at is number => at !== undefined && at >= from && at < to;
  const { groupBy } = grouping;

  for (const lead of facts.holding<LeadFact>('leads', from, to)) {
    if (
      !inPeriod(lead.capturedAt) && !inPeriod(lead.firstAttemptAt) && !inPeriod(lead.qualifiedAt) &&
      !inPeriod(lead.handedOffAt) && !inPeriod(lead.disqualifiedAt)
    ) continue;
    const keys = grouping.byOrigin(lead, lead.leadGeneratorId);
    if (inPeriod(lead.capturedAt)) {
      // The cohort belongs to the stretch the lead was captured in, with every stage it (or its deal) has reached
      // since: a change to its deal counts on its capture day too (DealFact.leadCapturedAt), so kept pieces stay true.
      const furthest = furthestStage(journeyTimes(lead, dealOfLead(facts, lead)));
      totals.contribute(keys, (a) => {
        a.funnel.captured++;
        for (let stage = 0; stage <= furthest; stage++) a.cohort[FUNNEL_STAGES[stage]!]++;
      });
    }
    if (inPeriod(lead.firstAttemptAt)) {
      const waited = seconds(lead.firstAttemptAt - lead.capturedAt);
      totals.contribute(keys, (a) => {
        a.funnel.contacted++;
        a.speedToLead.push(waited);
      });
    }
    if (inPeriod(lead.qualifiedAt)) totals.contribute(keys, (a) => a.funnel.qualified++);
    if (inPeriod(lead.handedOffAt)) {
      const latency = lead.qualifiedAt === undefined ? undefined : seconds(lead.handedOffAt - lead.qualifiedAt);
      totals.contribute(keys, (a) => {
        a.funnel.handedOff++;
        if (latency !== undefined) a.latency.leadGeneratorToHunter.push(latency);
      });
    }
    if (inPeriod(lead.disqualifiedAt)) {
      const reason = lead.disqualifyReason ?? 'other';
      totals.contribute(keys, (a) => (a.disqualificationReasons[reason] = (a.disqualificationReasons[reason] ?? 0) + 1));
    }
  }

  for (const deal of facts.holding<DealFact>('deals', from, to)) {
    if (
      !inPeriod(deal.openedAt) && !inPeriod(deal.firstMeetingHeldAt) && !inPeriod(deal.proposalSentAt) &&
      !inPeriod(deal.closerFirstActivityAt) && !inPeriod(deal.wonAt) && !inPeriod(deal.lostAt)
    ) continue;
    const keys = grouping.byDeal(deal);
    if (inPeriod(deal.openedAt)) totals.contribute(keys, (a) => a.funnel.dealOpened++);
    if (inPeriod(deal.firstMeetingHeldAt)) totals.contribute(keys, (a) => a.funnel.meetingHeld++);
    if (inPeriod(deal.proposalSentAt)) totals.contribute(keys, (a) => a.funnel.proposalSent++);
    if (inPeriod(deal.closerFirstActivityAt) && deal.handedToCloserAt !== undefined) {
      const latency = seconds(deal.closerFirstActivityAt - deal.handedToCloserAt);
      totals.contribute(groupBy === 'rep' || groupBy === 'role' ? grouping.byOrigin(undefined, deal.closerId) : keys, (a) =>
        a.latency.hunterToCloser.push(latency),
      );
    }
    if (inPeriod(deal.wonAt)) {
      const amount = deal.amount as Money;
      const cycle = (deal.wonAt - deal.openedAt) / DAY_MS;
      const closer = deal.closerId !== undefined;
      totals.contribute(grouping.byClosedDeal(deal), (a, weight) => {
        a.funnel.won++;
        a.won++;
        (closer ? a.withCloser : a.withoutCloser).won++;
        addMoney(a.wonAmount, amount.currency, amount.amount);
        a.wonCount[amount.currency] = (a.wonCount[amount.currency] ?? 0) + 1;
        addMoney(a.newBusinessRevenue, amount.currency, amount.amount * weight);
        a.cycleDays.push(cycle);
      });
    }
    if (inPeriod(deal.lostAt)) {
      const reason = deal.lossReason ?? 'other';
      const competitor = deal.competitor;
      const closer = deal.closerId !== undefined;
      totals.contribute(grouping.byClosedDeal(deal), (a) => {
        a.lost++;
        (closer ? a.withCloser : a.withoutCloser).lost++;
        a.lossReasons[reason] = (a.lossReasons[reason] ?? 0) + 1;
        if (competitor !== undefined) a.competitors[competitor] = (a.competitors[competitor] ?? 0) + 1;
      });
    }
  }

  for (const account of facts.holding<AccountFact>('accounts', from, to)) {
    if (account.dealWonAt === undefined || (!inPeriod(account.openedAt) && !inPeriod(account.firstTouchAt))) continue;
    const keys = grouping.byOrigin(account, account.ownerId);
    if (inPeriod(account.openedAt)) {
      const latency = seconds(account.openedAt - account.dealWonAt);
      totals.contribute(keys, (a) => a.latency.wonToAccountOpened.push(latency));
    }
    if (inPeriod(account.firstTouchAt)) {
      const latency = seconds(account.firstTouchAt - account.dealWonAt);
      totals.contribute(keys, (a) => a.latency.wonToFirstFarmerTouch.push(latency));
    }
  }

  for (const sale of facts.holding<RepeatSaleFact>('repeatSales', from, to)) {
    if (!inPeriod(sale.wonAt)) continue;
    const amount = sale.amount as Money;
    totals.contribute(grouping.byOrigin(sale, sale.ownerId), (a) => addMoney(a.repeatRevenue, amount.currency, amount.amount));
  }

  for (const activity of facts.holding<ActivityFact>('activity', from, to)) {
    if (!inPeriod(activity.day)) continue;
    totals.contribute(grouping.byRep(activity.repId), (a) => {
      a.activity.attempts += activity.attempts;
      a.activity.meetingsHeld += activity.meetingsHeld;
      a.activity.touchpoints += activity.touchpoints;
    });
  }
}
