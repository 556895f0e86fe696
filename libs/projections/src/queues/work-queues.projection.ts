/**
 * What is open right now, as the queues need it: open leads, open deals, live accounts with their open
 * repeat sales and churn risk, open assistant tasks, and the roster. Closed work leaves the read model.
 * Times are epoch milliseconds of the business time.
 */
import type { StoredEvent } from '#libs/event-store';
import { defineProjection, fieldsOf, type DocumentWriter } from '../engine/projection';
import type { Money } from '../kpis/kpi-facts.projection';

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

type Data = Record<string, unknown>;

function update<T>(documents: DocumentWriter, collection: string, key: string, change: (current: T) => T): void {
  const current = documents.get<T>(collection, key);
  if (current !== undefined) documents.put(collection, key, change(current));
}

const touchDeal = (at: number) => (deal: QueueDeal): QueueDeal => ({ ...deal, lastActivityAt: Math.max(deal.lastActivityAt, at), worked: true });

function withoutMeeting(deal: QueueDeal, meetingId: string, at: number): QueueDeal {
  const meetings = { ...deal.meetings };
  delete meetings[meetingId];
  return { ...touchDeal(at)(deal), meetings };
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
  eventTypes: [
    'RepJoined', 'RepRoleChanged', 'RepAvailabilityChanged', 'RepLeft',
    'LeadCaptured', 'LeadAssigned', 'LeadContactAttempted', 'LeadQualified', 'LeadDisqualified', 'LeadHandedOff',
    'DealOpened', 'MeetingScheduled', 'MeetingHeld', 'MeetingCancelled', 'MeetingNoShow', 'DealStageChanged', 'ProposalSent',
    'DealHandedOffToCloser', 'DealWon', 'DealLost',
    'AccountOpened', 'FarmerAssigned', 'AccountPromotedToKey', 'AccountDemotedFromKey', 'TouchpointLogged',
    'RepeatSaleOpened', 'RepeatSaleWon', 'RepeatSaleLost', 'ChurnRiskFlagged', 'AccountChurned',
    'AssistantTaskRequested', 'AssistantTaskCompleted', 'AssistantTaskCancelled',
  ],
  apply(documents: DocumentWriter, event: StoredEvent): void {
    const data = event.data as Data;
    const at = event.occurredAt.getTime();
    switch (event.type) {
      case 'RepJoined':
        documents.put('reps', data.repId as string, {
          id: data.repId as string, name: data.name as string, role: data.role as string, capacity: data.capacity as number, available: true,
        } satisfies QueueRep);
        return;
      case 'RepRoleChanged':
        update<QueueRep>(documents, 'reps', data.repId as string, (rep) => ({ ...rep, role: data.to as string }));
        return;
      case 'RepAvailabilityChanged':
        update<QueueRep>(documents, 'reps', data.repId as string, (rep) => ({
          ...rep, available: data.available as boolean,
          absentUntil: data.absentUntil === undefined ? undefined : Date.parse(data.absentUntil as string),
        }));
        return;
      case 'RepLeft':
        documents.delete('reps', data.repId as string);
        return;
      case 'LeadCaptured':
        documents.put('leads', data.leadId as string, {
          id: data.leadId as string, company: (data.company as { name: string }).name, source: data.source as string, capturedAt: at, attempts: 0,
          estimatedValue: data.estimatedValue as Money | undefined,
        } satisfies QueueLead);
        return;
      case 'LeadAssigned':
        update<QueueLead>(documents, 'leads', data.leadId as string, (lead) => ({ ...lead, leadGeneratorId: data.leadGeneratorId as string, assignedAt: at }));
        return;
      case 'LeadContactAttempted':
        update<QueueLead>(documents, 'leads', data.leadId as string, (lead) => ({
          ...lead, attempts: lead.attempts + 1, lastAttemptAt: at, lastOutcome: data.outcome as string,
          nextAttemptAt: data.nextAttemptAt === undefined ? undefined : Date.parse(data.nextAttemptAt as string),
        }));
        return;
      case 'LeadQualified':
        update<QueueLead>(documents, 'leads', data.leadId as string, (lead) => ({
          ...lead, qualifiedAt: at, nextAttemptAt: undefined, estimatedValue: data.estimatedValue as Money,
        }));
        return;
      case 'LeadDisqualified':
      case 'LeadHandedOff':
        documents.delete('leads', data.leadId as string);
        return;
      case 'DealOpened':
        documents.put('deals', data.dealId as string, {
          id: data.dealId as string, company: (data.company as { name: string }).name, hunterId: data.hunterId as string, openedAt: at,
          lastActivityAt: at, worked: false, stage: 'qualification', value: data.estimatedValue as Money, meetings: {},
        } satisfies QueueDeal);
        return;
      case 'MeetingScheduled':
        update<QueueDeal>(documents, 'deals', data.dealId as string, (deal) => ({
          ...touchDeal(at)(deal), meetings: { ...deal.meetings, [data.meetingId as string]: Date.parse(data.scheduledFor as string) },
        }));
        return;
      case 'MeetingHeld':
      case 'MeetingCancelled':
      case 'MeetingNoShow':
        update<QueueDeal>(documents, 'deals', data.dealId as string, (deal) => withoutMeeting(deal, data.meetingId as string, at));
        return;
      case 'DealStageChanged':
        update<QueueDeal>(documents, 'deals', data.dealId as string, (deal) => ({ ...touchDeal(at)(deal), stage: data.to as string }));
        return;
      case 'ProposalSent':
        update<QueueDeal>(documents, 'deals', data.dealId as string, (deal) => ({ ...touchDeal(at)(deal), value: data.amount as Money }));
        return;
      case 'DealHandedOffToCloser':
        update<QueueDeal>(documents, 'deals', data.dealId as string, (deal) => ({
          ...deal, closerId: data.closerId as string, handedToCloserAt: at, lastActivityAt: at,
        }));
        return;
      case 'DealWon':
      case 'DealLost':
        documents.delete('deals', data.dealId as string);
        return;
      case 'AccountOpened':
        documents.put('accounts', data.accountId as string, {
          id: data.accountId as string, company: (data.company as { name: string }).name, ownerId: data.farmerId as string | undefined,
          key: false, openedAt: at, repeatSales: {},
        } satisfies QueueAccount);
        return;
      case 'FarmerAssigned':
      case 'AccountDemotedFromKey':
        update<QueueAccount>(documents, 'accounts', data.accountId as string, (account) => ({ ...account, ownerId: data.farmerId as string, key: false }));
        return;
      case 'AccountPromotedToKey':
        update<QueueAccount>(documents, 'accounts', data.accountId as string, (account) => ({ ...account, ownerId: data.kamId as string, key: true }));
        return;
      case 'TouchpointLogged':
        update<QueueAccount>(documents, 'accounts', data.accountId as string, (account) => ({ ...account, lastTouchAt: at }));
        return;
      case 'RepeatSaleOpened':
        update<QueueAccount>(documents, 'accounts', data.accountId as string, (account) => ({
          ...account,
          repeatSales: { ...account.repeatSales, [data.repeatSaleId as string]: { kind: data.kind as string, openedAt: at, value: data.estimatedValue as Money } },
        }));
        return;
      case 'RepeatSaleWon':
      case 'RepeatSaleLost':
        update<QueueAccount>(documents, 'accounts', data.accountId as string, (account) => {
          const repeatSales = { ...account.repeatSales };
          delete repeatSales[data.repeatSaleId as string];
          return { ...account, repeatSales };
        });
        return;
      case 'ChurnRiskFlagged':
        update<QueueAccount>(documents, 'accounts', data.accountId as string, (account) => ({
          ...account, churnRisk: { level: data.level as string, reason: data.reason as string, flaggedAt: at },
        }));
        return;
      case 'AccountChurned':
        documents.delete('accounts', data.accountId as string);
        return;
      case 'AssistantTaskRequested':
        documents.put('tasks', data.taskId as string, {
          id: data.taskId as string, kind: data.kind as string, requesterId: data.requesterId as string,
          assigneeId: data.assigneeId as string | undefined, requestedAt: at, dueAt: Date.parse(data.dueAt as string),
          dealId: data.dealId as string | undefined, accountId: data.accountId as string | undefined,
        } satisfies QueueTask);
        return;
      case 'AssistantTaskCompleted':
      case 'AssistantTaskCancelled':
        documents.delete('tasks', data.taskId as string);
        return;
      default:
        return;
    }
  },
});
