/**
 * The drill-down behind one stage of a funnel of computeKpis: the leads (up to handedOff) or deals (from
 * dealOpened on) it counted, newest first. `total` is that stage's count in the same view of GET /kpis for
 * the same period: the activity view (`funnel`) counts what reached the stage within the period, the cohort
 * view (`cohortFunnel.funnel`) the leads captured in the period that have reached it (or a later one) since.
 * The facts hold no company names: the HTTP route adds them to the page it answers (see LeadCompanies).
 */
import type { DocumentReader } from '../engine/projection';
import type { DealFact, LeadFact } from './kpi-facts.projection';
import { dealOfLead, furthestStage, journeyTimes, passedAt, stageIndex } from './lead-journey';
import type { FunnelStage } from './period-totals';
import type { Money } from '#libs/contracts';

export const FUNNEL_VIEWS = ['activity', 'cohort'] as const;
export type FunnelView = (typeof FUNNEL_VIEWS)[number];

/** The stages a lead is counted for; from dealOpened on, its deal is. */
const LEAD_STAGES: ReadonlySet<FunnelStage> = new Set(['captured', 'contacted', 'qualified', 'handedOff']);

interface FunnelDrillDownQuery {
  readonly stage: FunnelStage;
  readonly view: FunnelView;
  readonly from: number;
  readonly to: number;
  readonly limit: number;
  readonly offset: number;
}

export interface FunnelItem {
  readonly kind: 'lead' | 'deal';
  readonly id: string;
  readonly leadId: string;
  readonly dealId: string | null;
  /** When it reached the stage (for a stage it skipped in the cohort view: when it got past it). */
  readonly reachedAt: string;
  /** Who owns it: the lead's lead generator, or the deal's closer if it was handed to one, else its hunter. */
  readonly repId: string | null;
  /**
   * A lead's estimated value (once handed off, its deal's, which is the same); a deal's amount when won, else its
   * latest proposal, else its estimated value.
   */
  readonly value: Money | null;
}

interface Found {
  readonly at: number;
  readonly lead: LeadFact | undefined;
  readonly deal: DealFact | undefined;
}

export function funnelDrillDown(facts: DocumentReader, query: FunnelDrillDownQuery) {
  const found = query.view === 'cohort' ? cohortMembers(facts, query) : activityMembers(facts, query);
  found.sort((a, b) => b.at - a.at || idOf(a).localeCompare(idOf(b)));
  const items = found.slice(query.offset, query.offset + query.limit).map((each) => itemOf(facts, query.stage, each));
  return { stage: query.stage, view: query.view, total: found.length, items };
}

const idOf = (found: Found): string => (found.deal?.id ?? found.lead?.id)!;

/** Leads captured in [from, to) whose journey reached the stage or a later one, with when they passed it. */
function cohortMembers(facts: DocumentReader, query: FunnelDrillDownQuery): Found[] {
  const stage = stageIndex(query.stage);
  const found: Found[] = [];
  for (const lead of facts.holding<LeadFact>('leads', query.from, query.to)) {
    if (lead.capturedAt < query.from || lead.capturedAt >= query.to) continue;
    const deal = dealOfLead(facts, lead);
    const times = journeyTimes(lead, deal);
    if (furthestStage(times) < stage) continue;
    found.push({ at: passedAt(times, stage)!, lead, deal: LEAD_STAGES.has(query.stage) ? undefined : deal });
  }
  return found;
}

/** Leads or deals that first reached the stage within [from, to) (what `funnel` counts). */
function activityMembers(facts: DocumentReader, query: FunnelDrillDownQuery): Found[] {
  const within = (at: number | undefined): at is number => at !== undefined && at >= query.from && at < query.to;
  const found: Found[] = [];
  if (LEAD_STAGES.has(query.stage)) {
    for (const lead of facts.holding<LeadFact>('leads', query.from, query.to)) {
      const at = leadStageTime(lead, query.stage);
      if (within(at)) found.push({ at, lead, deal: undefined });
    }
    return found;
  }
  for (const deal of facts.holding<DealFact>('deals', query.from, query.to)) {
    const at = dealStageTime(deal, query.stage);
    if (within(at)) found.push({ at, lead: undefined, deal });
  }
  return found;
}

function leadStageTime(lead: LeadFact, stage: FunnelStage): number | undefined {
  switch (stage) {
    case 'captured': return lead.capturedAt;
    case 'contacted': return lead.firstAttemptAt;
    case 'qualified': return lead.qualifiedAt;
    case 'handedOff': return lead.handedOffAt;
    default: return undefined;
  }
}

function dealStageTime(deal: DealFact, stage: FunnelStage): number | undefined {
  switch (stage) {
    case 'dealOpened': return deal.openedAt;
    case 'meetingHeld': return deal.firstMeetingHeldAt;
    case 'proposalSent': return deal.proposalSentAt;
    case 'won': return deal.wonAt;
    default: return undefined;
  }
}

function itemOf(facts: DocumentReader, stage: FunnelStage, { at, lead, deal }: Found): FunnelItem {
  const reachedAt = new Date(at).toISOString();
  if (deal === undefined || LEAD_STAGES.has(stage)) {
    const shown = lead!;
    return {
      kind: 'lead', id: shown.id, leadId: shown.id, dealId: shown.dealId ?? null, reachedAt,
      repId: shown.leadGeneratorId ?? null, value: shown.estimatedValue ?? dealOfLead(facts, shown)?.estimatedValue ?? null,
    };
  }
  return {
    kind: 'deal', id: deal.id, leadId: deal.leadId, dealId: deal.id, reachedAt,
    repId: deal.closerId ?? deal.hunterId, value: deal.amount ?? deal.proposalAmount ?? deal.estimatedValue,
  };
}

export type FunnelDrillDown = ReturnType<typeof funnelDrillDown>;
