/**
 * Hand-made histories for the KPI tests, one line per thing that happened in the department:
 * `given(story.lead('L1', '2026-03-02T10:00Z'), story.qualify('L1', …), …)` folds them into the kpi-facts
 * documents, as the read model would. Amounts are RUB unless a Money is given.
 */
import type { StoredEvent } from '#libs/event-store';
import { DocumentState } from '../engine/document-state';
import { kpiFactsProjection } from '../kpis/kpi-facts.projection';
import { eventFactory } from './event-factory';
import { rub, type Money } from '#libs/contracts';

export const RUB = rub;
const money = (value: number | Money): Money => (typeof value === 'number' ? RUB(value) : value);
const routing = { rule: 'named', candidates: [], skipped: [] };
const contact = { name: 'Иван Петров', email: 'ivan@example.ru', phone: '+7 900 000-00-00' };

export function kpiStory() {
  const e = eventFactory();
  const company = (leadId: string) => ({ name: `ООО ${leadId}` });
  return {
    rep: (repId: string, role: string, at: string, capacity = 10) => e('RepJoined', { repId, name: `Rep ${repId}`, role, capacity }, at),
    roleChanged: (repId: string, from: string, to: string, at: string) => e('RepRoleChanged', { repId, from, to }, at),
    absent: (repId: string, until: string, at: string) => e('RepAvailabilityChanged', { repId, available: false, absentUntil: until, reason: 'vacation' }, at),
    back: (repId: string, at: string) => e('RepAvailabilityChanged', { repId, available: true }, at),
    left: (repId: string, at: string) => e('RepLeft', { repId }, at),
    plan: (planId: string, metric: string, scope: Record<string, unknown>, target: number, periodStart: string, periodEnd: string, currency?: string) =>
      e('SalesPlanSet', { planId, periodStart, periodEnd, scope, metric, target, ...(currency ? { currency } : {}) }, '2020-01-01T00:00:00Z'),
    /** A lead captured and assigned to a lead generator (or left unassigned with leadGeneratorId null). */
    lead: (leadId: string, at: string, { source = 'manual', leadGeneratorId = 'lg-1' as string | null, value }: { source?: string; leadGeneratorId?: string | null; value?: number } = {}) => [
      e('LeadCaptured', { leadId, company: company(leadId), contact, source, ...(value === undefined ? {} : { estimatedValue: RUB(value) }) }, at),
      ...(leadGeneratorId === null ? [] : [e('LeadAssigned', { leadId, leadGeneratorId, ...routing }, at)]),
    ],
    attempt: (leadId: string, at: string) => e('LeadContactAttempted', { leadId, attemptNumber: 1, channel: 'call', outcome: 'reached' }, at),
    qualify: (leadId: string, at: string, value = 1) =>
      e('LeadQualified', { leadId, budget: RUB(value), authority: 'CEO', need: 'CRM', timing: 'Q2', estimatedValue: RUB(value) }, at),
    disqualify: (leadId: string, at: string) => e('LeadDisqualified', { leadId, reason: 'no-budget' }, at),
    /** The lead handed to a hunter and its deal opened at the same moment, as the process manager does. */
    handOff: (leadId: string, dealId: string, at: string, { hunterId = 'h-1', value = 100 as number | Money } = {}) => [
      e('LeadHandedOff', { leadId, hunterId, dealId, company: company(leadId), contact, estimatedValue: money(value), ...routing }, at),
      e('DealOpened', { dealId, leadId, hunterId, company: company(leadId), contact, estimatedValue: money(value) }, at),
    ],
    stage: (dealId: string, from: string, to: string, at: string) => e('DealStageChanged', { dealId, from, to }, at),
    meeting: (dealId: string, at: string) => e('MeetingHeld', { dealId, meetingId: `m-${at}`, outcome: 'positive' }, at),
    proposal: (dealId: string, amount: number | Money, at: string) =>
      e('ProposalSent', { dealId, proposalId: `p-${at}`, amount: money(amount), validUntil: '2099-01-01T00:00:00.000Z' }, at),
    toCloser: (dealId: string, closerId: string, at: string, hunterId = 'h-1') =>
      e('DealHandedOffToCloser', { dealId, hunterId, closerId, reason: 'stuck', ...routing }, at),
    win: (dealId: string, amount: number | Money, at: string, credit: unknown[] = [{ repId: 'h-1', role: 'hunter', percent: 100 }]) =>
      e('DealWon', { dealId, amount: money(amount), credit, newClient: true, company: { name: dealId }, contact, accountId: `A-${dealId}` }, at),
    lose: (dealId: string, at: string) => e('DealLost', { dealId, reason: 'price' }, at),
    account: (accountId: string, dealId: string, farmerId: string, revenue: number | Money, at: string) =>
      e('AccountOpened', { accountId, dealId, company: { name: accountId }, contact, farmerId, openingRevenue: money(revenue), ...routing }, at),
    churn: (accountId: string, at: string) => e('AccountChurned', { accountId, reason: 'moved to a competitor' }, at),
    promoted: (accountId: string, kamId: string, at: string) => e('AccountPromotedToKey', { accountId, kamId, reason: 'revenue' }, at),
    repeatSale: (accountId: string, repeatSaleId: string, kind: string, value: number, at: string) =>
      e('RepeatSaleOpened', { accountId, repeatSaleId, kind, estimatedValue: RUB(value) }, at),
    repeatWon: (accountId: string, repeatSaleId: string, amount: number | Money, at: string) => e('RepeatSaleWon', { accountId, repeatSaleId, amount: money(amount) }, at),
    repeatLost: (accountId: string, repeatSaleId: string, at: string) => e('RepeatSaleLost', { accountId, repeatSaleId, reason: 'no budget' }, at),
    touch: (accountId: string, at: string) => e('TouchpointLogged', { accountId, touchpointId: `t-${at}`, kind: 'check-in' }, at),
  };
}

/** Events, or lists of them nested as the story's lines come. */
export type History = StoredEvent | readonly History[];

function* inOrder(history: History): Generator<StoredEvent> {
  if (Array.isArray(history)) for (const part of history as readonly History[]) yield* inOrder(part);
  else yield history as StoredEvent;
}

/** The kpi-facts documents of a history, applied in order. */
export function given(...history: History[]): DocumentState {
  return then(DocumentState.of(kpiFactsProjection), ...history);
}

/** Applies more events to facts already given (a history that grows while readers keep what they computed). */
export function then(documents: DocumentState, ...history: History[]): DocumentState {
  for (const event of inOrder(history)) kpiFactsProjection.apply(documents, event);
  return documents;
}

export const at = (text: string): number => Date.parse(text);
