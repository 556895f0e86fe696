/**
 * What was achieved towards a sales plan in a stretch of time: the one definition that plan against actual
 * (compute-kpis.ts), the forecast (forecast.ts) and the leaderboard all use, so that they agree to the rouble.
 */
import { DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import type { ActivityFact, DealFact, LeadFact, PlanFact, RepFact, RepeatSaleFact } from './kpi-facts.projection';
import { piecewise } from './piecewise';
import { round } from './statistics';

/** Whether a rep counts for a plan's scope (the team, a role by the rep's role now, or one rep). */
export function inPlanScope(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, repId: string | undefined): boolean {
  return plan.scope.kind === 'team' ||
    (plan.scope.kind === 'rep' ? repId === plan.scope.repId : repId !== undefined && reps.get(repId)?.role === plan.scope.role);
}

/** A deal's share that counts for a plan: by its credit split (or, still open, hunter and closer half each). */
export function dealShareInScope(plan: PlanFact, reps: ReadonlyMap<string, RepFact>, shares: ReadonlyArray<{ repId: string; percent: number }>): number {
  if (plan.scope.kind === 'team') return 1;
  return shares.filter((share) => inPlanScope(plan, reps, share.repId)).reduce((total, share) => total + share.percent / 100, 0);
}

/** What was achieved towards a plan in [from, to), summed from the facts. */
function planActual(facts: DocumentReader, reps: ReadonlyMap<string, RepFact>, plan: PlanFact, from: number, to: number): number {
  const within = (at: number | undefined) => at !== undefined && at >= from && at < to;
  const inScope = (repId: string | undefined) => inPlanScope(plan, reps, repId);
  let actual = 0;
  switch (plan.metric) {
    case 'new-business-revenue':
    case 'deals-won':
      for (const deal of facts.holding<DealFact>('deals', from, to)) {
        if (!within(deal.wonAt) || deal.amount === undefined) continue;
        if (plan.metric === 'new-business-revenue' && plan.currency !== undefined && deal.amount.currency !== plan.currency) continue;
        const share = dealShareInScope(plan, reps, deal.credit ?? [{ repId: deal.hunterId, percent: 100 }]);
        if (plan.metric === 'deals-won') actual += share > 0 ? 1 : 0;
        else actual += deal.amount.amount * share;
      }
      break;
    case 'repeat-revenue':
      for (const sale of facts.holding<RepeatSaleFact>('repeatSales', from, to)) {
        if (!within(sale.wonAt) || sale.amount === undefined || !inScope(sale.ownerId)) continue;
        if (plan.currency !== undefined && sale.amount.currency !== plan.currency) continue;
        actual += sale.amount.amount;
      }
      break;
    case 'leads-qualified':
      for (const lead of facts.holding<LeadFact>('leads', from, to)) if (within(lead.qualifiedAt) && inScope(lead.leadGeneratorId)) actual++;
      break;
    case 'meetings-held':
    case 'touchpoints':
      // Counted by day; over part of a day (a forecast made at noon), by the times of that day's.
      for (const activity of facts.holding<ActivityFact>('activity', Math.floor(from / DAY_MS) * DAY_MS, to)) {
        if (!inScope(activity.repId)) continue;
        const [count, times] = plan.metric === 'touchpoints' ? [activity.touchpoints, activity.touchpointTimes] : [activity.meetingsHeld, activity.meetingTimes];
        actual += activity.day >= from && activity.day + DAY_MS <= to ? count : (times ?? []).filter(within).length;
      }
      break;
  }
  return actual;
}

/**
 * planActual over [from, to), added up from kept months and days (piecewise.ts); `roles` is the roles' version
 * (a plan of a role depends on who holds it). Rounded to cents.
 */
export function planAchieved(facts: DocumentReader, reps: ReadonlyMap<string, RepFact>, plan: PlanFact, from: number, to: number, roles: number): number {
  if (to <= from) return 0;
  const total = piecewise(
    facts,
    plan.scope.kind === 'role' ? `plan/${plan.id}#${roles}` : `plan/${plan.id}`,
    from,
    to,
    (pieceFrom, pieceTo) => ({ value: planActual(facts, reps, plan, pieceFrom, pieceTo) }),
    (sum, piece) => (sum.value += piece.value),
    () => ({ value: 0 }),
    'number',
  );
  return round(total.value, 2);
}
