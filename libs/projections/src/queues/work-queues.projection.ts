/**
 * What is open right now, as the queues need it: open leads, open deals, live accounts with their open
 * repeat sales and churn risk, open assistant tasks, and the roster. Closed work leaves the read model.
 * Times are epoch milliseconds of the business time.
 */
import { defineProjection, fieldsOf, businessTime as at, updateDocument as update } from '../engine/projection';
import type { Money } from '#libs/contracts';

export interface QueueRep {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly capacity: number;
  readonly available: boolean;
  readonly absentUntil?: number;
}

export interface QueueLead {
  readonly id: string;
  readonly company: string;
  readonly source: string;
  readonly capturedAt: number;
  readonly leadGeneratorId?: string;
  readonly assignedAt?: number;
  readonly attempts: number;
  readonly lastAttemptAt?: number;
  readonly lastOutcome?: string;
  readonly nextAttemptAt?: number;
  readonly qualifiedAt?: number;
  readonly estimatedValue?: Money;
}

export interface QueueDeal {
  readonly id: string;
  readonly company: string;
  readonly hunterId: string;
  readonly closerId?: string;
  readonly handedToCloserAt?: number;
  readonly openedAt: number;
  readonly lastActivityAt: number;
  /** Anything done on the deal since it was opened. */
  readonly worked: boolean;
  readonly stage: string;
  readonly value: Money;
  /** Meetings scheduled and not yet held, cancelled or missed: id → time. */
  readonly meetings: Readonly<Record<string, number>>;
}

export interface QueueAccount {
  readonly id: string;
  readonly company: string;
  readonly ownerId?: string;
  readonly key: boolean;
  readonly openedAt: number;
  readonly lastTouchAt?: number;
  readonly churnRisk?: { readonly level: string; readonly reason: string; readonly flaggedAt: number };
  readonly repeatSales: Readonly<Record<string, { readonly kind: string; readonly openedAt: number; readonly value: Money }>>;
}

export interface QueueTask {
  readonly id: string;
  readonly kind: string;
  readonly requesterId: string;
  readonly assigneeId?: string;
  readonly requestedAt: number;
  readonly dueAt: number;
  readonly dealId?: string;
  readonly accountId?: string;
}

const touchDeal = (deal: QueueDeal, at: number): QueueDeal => ({ ...deal, lastActivityAt: Math.max(deal.lastActivityAt, at), worked: true });

function withoutMeeting(deal: QueueDeal, meetingId: string, at: number): QueueDeal {
  const meetings = { ...deal.meetings };
  delete meetings[meetingId];
  return { ...touchDeal(deal, at), meetings };
}

function withoutRepeatSale(account: QueueAccount, repeatSaleId: string): QueueAccount {
  const repeatSales = { ...account.repeatSales };
  delete repeatSales[repeatSaleId];
  return { ...account, repeatSales };
}

export const workQueuesProjection = defineProjection({
  name: 'work-queues',
  version: 1,
  description: 'Open leads, deals, accounts and assistant tasks with who owns them and since when; the roster.',
  collections: ['reps', 'leads', 'deals', 'accounts', 'tasks'],
  documentFields: {
    reps: fieldsOf<QueueRep>()('id', 'name', 'role', 'capacity', 'available', 'absentUntil'),
    leads: fieldsOf<QueueLead>()(
      'id', 'company', 'source', 'capturedAt', 'leadGeneratorId', 'assignedAt', 'attempts', 'lastAttemptAt', 'lastOutcome', 'nextAttemptAt',
      'qualifiedAt', 'estimatedValue',
    ),
    deals: fieldsOf<QueueDeal>()(
      'id', 'company', 'hunterId', 'closerId', 'handedToCloserAt', 'openedAt', 'lastActivityAt', 'worked', 'stage', 'value', 'meetings',
    ),
    accounts: fieldsOf<QueueAccount>()('id', 'company', 'ownerId', 'key', 'openedAt', 'lastTouchAt', 'churnRisk', 'repeatSales'),
    tasks: fieldsOf<QueueTask>()('id', 'kind', 'requesterId', 'assigneeId', 'requestedAt', 'dueAt', 'dealId', 'accountId'),
  },
  on: {
    RepJoined: (documents, { data }) =>
      documents.put('reps', data.repId, { id: data.repId, name: data.name, role: data.role, capacity: data.capacity, available: true } satisfies QueueRep),
    RepRoleChanged: (documents, { data }) => update<QueueRep>(documents, 'reps', data.repId, (rep) => ({ ...rep, role: data.to })),
    RepAvailabilityChanged: (documents, { data }) =>
      update<QueueRep>(documents, 'reps', data.repId, (rep) => ({
        ...rep, available: data.available, absentUntil: data.absentUntil === undefined ? undefined : Date.parse(data.absentUntil),
      })),
    RepLeft: (documents, { data }) => documents.delete('reps', data.repId),
    LeadCaptured: (documents, event) =>
      documents.put('leads', event.data.leadId, {
        id: event.data.leadId, company: event.data.company.name, source: event.data.source, capturedAt: at(event), attempts: 0,
        estimatedValue: event.data.estimatedValue,
      } satisfies QueueLead),
    LeadAssigned: (documents, event) =>
      update<QueueLead>(documents, 'leads', event.data.leadId, (lead) => ({ ...lead, leadGeneratorId: event.data.leadGeneratorId, assignedAt: at(event) })),
    LeadContactAttempted: (documents, event) =>
      update<QueueLead>(documents, 'leads', event.data.leadId, (lead) => ({
        ...lead, attempts: lead.attempts + 1, lastAttemptAt: at(event), lastOutcome: event.data.outcome,
        nextAttemptAt: event.data.nextAttemptAt === undefined ? undefined : Date.parse(event.data.nextAttemptAt),
      })),
    LeadQualified: (documents, event) =>
      update<QueueLead>(documents, 'leads', event.data.leadId, (lead) => ({
        ...lead, qualifiedAt: at(event), nextAttemptAt: undefined, estimatedValue: event.data.estimatedValue,
      })),
    LeadDisqualified: (documents, { data }) => documents.delete('leads', data.leadId),
    LeadHandedOff: (documents, { data }) => documents.delete('leads', data.leadId),
    DealOpened: (documents, event) =>
      documents.put('deals', event.data.dealId, {
        id: event.data.dealId, company: event.data.company.name, hunterId: event.data.hunterId, openedAt: at(event),
        lastActivityAt: at(event), worked: false, stage: 'qualification', value: event.data.estimatedValue, meetings: {},
      } satisfies QueueDeal),
    MeetingScheduled: (documents, event) =>
      update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => ({
        ...touchDeal(deal, at(event)), meetings: { ...deal.meetings, [event.data.meetingId]: Date.parse(event.data.scheduledFor) },
      })),
    MeetingHeld: (documents, event) => update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => withoutMeeting(deal, event.data.meetingId, at(event))),
    MeetingCancelled: (documents, event) => update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => withoutMeeting(deal, event.data.meetingId, at(event))),
    MeetingNoShow: (documents, event) => update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => withoutMeeting(deal, event.data.meetingId, at(event))),
    DealStageChanged: (documents, event) =>
      update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => ({ ...touchDeal(deal, at(event)), stage: event.data.to })),
    ProposalSent: (documents, event) =>
      update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => ({ ...touchDeal(deal, at(event)), value: event.data.amount })),
    DealHandedOffToCloser: (documents, event) =>
      update<QueueDeal>(documents, 'deals', event.data.dealId, (deal) => ({
        ...deal, closerId: event.data.closerId, handedToCloserAt: at(event), lastActivityAt: at(event),
      })),
    // A deal given to another rep moves to their queue as it stood (no new activity of the deal's own).
    DealOwnerReassigned: (documents, { data }) =>
      update<QueueDeal>(documents, 'deals', data.dealId, (deal) => (data.role === 'hunter' ? { ...deal, hunterId: data.ownerId } : { ...deal, closerId: data.ownerId })),
    DealWon: (documents, { data }) => documents.delete('deals', data.dealId),
    DealLost: (documents, { data }) => documents.delete('deals', data.dealId),
    AccountOpened: (documents, event) =>
      documents.put('accounts', event.data.accountId, {
        id: event.data.accountId, company: event.data.company.name, ownerId: event.data.farmerId, key: false, openedAt: at(event), repeatSales: {},
      } satisfies QueueAccount),
    FarmerAssigned: (documents, { data }) =>
      update<QueueAccount>(documents, 'accounts', data.accountId, (account) => ({ ...account, ownerId: data.farmerId, key: false })),
    AccountDemotedFromKey: (documents, { data }) =>
      update<QueueAccount>(documents, 'accounts', data.accountId, (account) => ({ ...account, ownerId: data.farmerId, key: false })),
    AccountPromotedToKey: (documents, { data }) =>
      update<QueueAccount>(documents, 'accounts', data.accountId, (account) => ({ ...account, ownerId: data.kamId, key: true })),
    TouchpointLogged: (documents, event) => update<QueueAccount>(documents, 'accounts', event.data.accountId, (account) => ({ ...account, lastTouchAt: at(event) })),
    RepeatSaleOpened: (documents, event) =>
      update<QueueAccount>(documents, 'accounts', event.data.accountId, (account) => ({
        ...account,
        repeatSales: { ...account.repeatSales, [event.data.repeatSaleId]: { kind: event.data.kind, openedAt: at(event), value: event.data.estimatedValue } },
      })),
    RepeatSaleWon: (documents, { data }) => update<QueueAccount>(documents, 'accounts', data.accountId, (account) => withoutRepeatSale(account, data.repeatSaleId)),
    RepeatSaleLost: (documents, { data }) => update<QueueAccount>(documents, 'accounts', data.accountId, (account) => withoutRepeatSale(account, data.repeatSaleId)),
    ChurnRiskFlagged: (documents, event) =>
      update<QueueAccount>(documents, 'accounts', event.data.accountId, (account) => ({
        ...account, churnRisk: { level: event.data.level, reason: event.data.reason, flaggedAt: at(event) },
      })),
    AccountChurned: (documents, { data }) => documents.delete('accounts', data.accountId),
    AssistantTaskRequested: (documents, event) =>
      documents.put('tasks', event.data.taskId, {
        id: event.data.taskId, kind: event.data.kind, requesterId: event.data.requesterId, assigneeId: event.data.assigneeId, requestedAt: at(event),
        dueAt: Date.parse(event.data.dueAt), dealId: event.data.dealId, accountId: event.data.accountId,
      } satisfies QueueTask),
    AssistantTaskCompleted: (documents, { data }) => documents.delete('tasks', data.taskId),
    AssistantTaskCancelled: (documents, { data }) => documents.delete('tasks', data.taskId),
  },
});
