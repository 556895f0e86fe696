/**
 * How far a lead got through the whole funnel, its deal included: the cohort funnel counts a lead for every
 * stage up to the furthest one it reached, so that a lead handed off without a logged attempt still counts
 * as contacted and no step of the cohort can exceed 100 %. The cohort funnel (contributions.ts) and its
 * drill-down (funnel-drill-down.ts) both read a lead through here, so their counts cannot drift apart.
 */
import type { DealFact, LeadFact } from './kpi-facts.projection';
import { FUNNEL_STAGES, type FunnelStage } from './period-totals';

/** When the lead (or its deal) first reached each stage, in FUNNEL_STAGES order; undefined where it did not. */
export function journeyTimes(lead: LeadFact, deal: DealFact | undefined): ReadonlyArray<number | undefined> {
  return [
    lead.capturedAt,
    lead.firstAttemptAt,
    lead.qualifiedAt,
    lead.handedOffAt,
    deal?.openedAt,
    deal?.firstMeetingHeldAt,
    deal?.proposalSentAt,
    deal?.wonAt,
  ];
}

/** The index in FUNNEL_STAGES of the furthest stage reached (0, captured, at least). */
export function furthestStage(times: ReadonlyArray<number | undefined>): number {
  for (let stage = times.length - 1; stage > 0; stage--) if (times[stage] !== undefined) return stage;
  return 0;
}

/**
 * When the lead passed `stage`: its own time, or, for a stage it skipped, the earliest time of a later stage
 * it reached (the moment it was at least that far). Undefined when it never got that far.
 */
export function passedAt(times: ReadonlyArray<number | undefined>, stage: number): number | undefined {
  if (times[stage] !== undefined) return times[stage];
  let earliest: number | undefined;
  for (let later = stage + 1; later < times.length; later++) {
    const time = times[later];
    if (time !== undefined && (earliest === undefined || time < earliest)) earliest = time;
  }
  return earliest;
}

/** The deal a lead was handed off into, if it has been opened. */
export function dealOfLead(deals: { get<T>(collection: string, key: string): T | undefined }, lead: LeadFact): DealFact | undefined {
  return lead.dealId === undefined ? undefined : deals.get<DealFact>('deals', lead.dealId);
}

export const stageIndex = (stage: FunnelStage): number => FUNNEL_STAGES.indexOf(stage);
