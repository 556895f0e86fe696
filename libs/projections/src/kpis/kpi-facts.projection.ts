/**
 * The facts the head of sales' KPIs are computed from: one document per rep, lead, deal, account, repeat
 * sale and plan, with the moment each stage was first reached, plus activity counters per rep and day.
 * Times are epoch milliseconds of the business time (occurredAt). Money is { amount, currency }.
 */
import type { StoredEvent } from '#libs/event-store';
import { defineProjection, fieldsOf, type DocumentWriter } from '../engine/projection';

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export interface RepFact {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly capacity: number;
  readonly joinedAt: number;
  readonly leftAt?: number;
}

export interface LeadFact {
  readonly id: string;
  readonly source: string;
  readonly capturedAt: number;
  readonly leadGeneratorId?: string;
  readonly attempts: number;
  readonly firstAttemptAt?: number;
  /** `scriptId@vN` of the first attempt made by a script. */
  readonly script?: string;
  readonly qualifiedAt?: number;
  readonly disqualifiedAt?: number;
  readonly disqualifyReason?: string;
  readonly handedOffAt?: number;
  readonly hunterId?: string;
  readonly dealId?: string;
}

/** Where a deal, account or repeat sale came from: its lead's source and first script (for grouping). */
interface Origin {
  readonly source?: string;
  readonly script?: string;
}

export interface DealFact extends Origin {
  readonly id: string;
  readonly leadId: string;
  readonly hunterId: string;
  readonly openedAt: number;
  readonly estimatedValue: Money;
  readonly meetingsHeld: number;
  readonly firstMeetingHeldAt?: number;
  readonly proposalSentAt?: number;
  readonly proposalAmount?: Money;
  readonly closerId?: string;
  readonly handedToCloserAt?: number;
  readonly closerFirstActivityAt?: number;
  readonly wonAt?: number;
  readonly lostAt?: number;
  readonly amount?: Money;
  readonly credit?: ReadonlyArray<{ repId: string; role: string; percent: number }>;
  readonly lossReason?: string;
  readonly competitor?: string;
  readonly accountId?: string;
}

export interface AccountFact extends Origin {
  readonly id: string;
  readonly dealId: string;
  readonly openedAt: number;
  /** When the deal that opened it was won (handoff 3 latency). */
  readonly dealWonAt?: number;
  readonly ownerId?: string;
  readonly key: boolean;
  readonly openingRevenue: Money;
  readonly firstTouchAt?: number;
  readonly churnedAt?: number;
  /** The repeat sales it won, in the order won (retention: an account's revenue up to any moment). */
  readonly repeatWins: ReadonlyArray<{ readonly at: number; readonly amount: Money }>;
}

export interface RepeatSaleFact extends Origin {
  readonly id: string;
  readonly accountId: string;
  readonly kind: string;
  readonly openedAt: number;
  readonly estimatedValue: Money;
  readonly wonAt?: number;
  readonly lostAt?: number;
  readonly amount?: Money;
  readonly ownerId?: string;
}

export interface PlanFact {
  readonly id: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly scope: { kind: 'team' } | { kind: 'role'; role: string } | { kind: 'rep'; repId: string };
  readonly metric: string;
  readonly target: number;
  readonly currency?: string;
  readonly setAt: number;
}

export interface ActivityFact {
  readonly repId: string;
  /** Midnight UTC of the day, epoch ms. */
  readonly day: number;
  readonly attempts: number;
  readonly meetingsHeld: number;
  readonly touchpoints: number;
}

export const KPI_COLLECTIONS = ['reps', 'leads', 'deals', 'accounts', 'repeatSales', 'plans', 'activity'] as const;

const DAY = 86_400_000;
type Data = Record<string, unknown>;

/** Puts the changed document; a change that returns the document itself writes nothing. */
function update<T>(documents: DocumentWriter, collection: string, key: string, change: (current: T) => T): T | undefined {
  const current = documents.get<T>(collection, key);
  if (current === undefined) return undefined;
  const next = change(current);
  if (next !== current) documents.put(collection, key, next);
  return next;
}

/** Who acted, for the facts that name nobody: read only then (a catch-up parses metadata when first read). */
const actorOf = (event: StoredEvent): string => event.metadata.actor.userId;

function countActivity(documents: DocumentWriter, repId: string, at: number, field: 'attempts' | 'meetingsHeld' | 'touchpoints'): void {
  const day = Math.floor(at / DAY) * DAY;
  const key = `${repId}|${day}`;
  const current = documents.get<ActivityFact>('activity', key) ?? { repId, day, attempts: 0, meetingsHeld: 0, touchpoints: 0 };
  documents.put('activity', key, { ...current, [field]: current[field] + 1 });
}

/** Marks the closer's first move on a deal handed to them. */
function closerMoved(deal: DealFact, at: number): DealFact {
  return deal.handedToCloserAt !== undefined && deal.closerFirstActivityAt === undefined ? { ...deal, closerFirstActivityAt: at } : deal;
}

export const kpiFactsProjection = defineProjection({
  name: 'kpi-facts',
  version: 2,
  description: 'Per rep, lead, deal, account, repeat sale and plan: when each stage was reached; activity per rep and day.',
  collections: KPI_COLLECTIONS,
  documentFields: {
    reps: fieldsOf<RepFact>()('id', 'name', 'role', 'capacity', 'joinedAt', 'leftAt'),
    leads: fieldsOf<LeadFact>()(
      'id', 'source', 'capturedAt', 'leadGeneratorId', 'attempts', 'firstAttemptAt', 'script', 'qualifiedAt', 'disqualifiedAt',
      'disqualifyReason', 'handedOffAt', 'hunterId', 'dealId',
    ),
    deals: fieldsOf<DealFact>()(
      'id', 'leadId', 'hunterId', 'openedAt', 'estimatedValue', 'meetingsHeld', 'firstMeetingHeldAt', 'proposalSentAt', 'proposalAmount',
      'closerId', 'handedToCloserAt', 'closerFirstActivityAt', 'wonAt', 'lostAt', 'amount', 'credit', 'lossReason', 'competitor', 'accountId', 'source', 'script',
    ),
    accounts: fieldsOf<AccountFact>()(
      'id', 'dealId', 'openedAt', 'dealWonAt', 'ownerId', 'key', 'openingRevenue', 'firstTouchAt', 'churnedAt', 'repeatWins', 'source', 'script',
    ),
    repeatSales: fieldsOf<RepeatSaleFact>()(
      'id', 'accountId', 'kind', 'openedAt', 'estimatedValue', 'wonAt', 'lostAt', 'amount', 'ownerId', 'source', 'script',
    ),
    plans: fieldsOf<PlanFact>()('id', 'periodStart', 'periodEnd', 'scope', 'metric', 'target', 'currency', 'setAt'),
    activity: fieldsOf<ActivityFact>()('repId', 'day', 'attempts', 'meetingsHeld', 'touchpoints'),
  },
  timeFields: {
    leads: {
      times: ['capturedAt', 'firstAttemptAt', 'qualifiedAt', 'handedOffAt', 'disqualifiedAt'],
      open: (lead: LeadFact) => lead.handedOffAt === undefined && lead.disqualifiedAt === undefined,
    },
    deals: {
      times: ['openedAt', 'firstMeetingHeldAt', 'proposalSentAt', 'handedToCloserAt', 'closerFirstActivityAt', 'wonAt', 'lostAt'],
      open: (deal: DealFact) => deal.wonAt === undefined && deal.lostAt === undefined,
    },
    accounts: { times: ['openedAt', 'firstTouchAt', 'churnedAt'], open: (account: AccountFact) => account.churnedAt === undefined },
    repeatSales: { times: ['openedAt', 'wonAt', 'lostAt'], open: (sale: RepeatSaleFact) => sale.wonAt === undefined && sale.lostAt === undefined },
    activity: { times: ['day'] },
  },
  eventTypes: [
    'RepJoined', 'RepRoleChanged', 'RepLeft',
    'LeadCaptured', 'LeadAssigned', 'LeadContactAttempted', 'LeadQualified', 'LeadDisqualified', 'LeadHandedOff',
    'DealOpened', 'MeetingScheduled', 'MeetingHeld', 'DealStageChanged', 'ProposalSent', 'DealHandedOffToCloser', 'DealWon', 'DealLost',
    'AccountOpened', 'FarmerAssigned', 'AccountPromotedToKey', 'AccountDemotedFromKey', 'TouchpointLogged',
    'RepeatSaleOpened', 'RepeatSaleWon', 'RepeatSaleLost', 'AccountChurned',
    'SalesPlanSet',
  ],
  apply(documents: DocumentWriter, event: StoredEvent): void {
    const data = event.data as Data;
    const at = event.occurredAt.getTime();
    switch (event.type) {
      case 'RepJoined':
        documents.put('reps', data.repId as string, {
          id: data.repId as string, name: data.name as string, role: data.role as string, capacity: data.capacity as number, joinedAt: at,
        } satisfies RepFact);
        return;
      case 'RepRoleChanged':
        update<RepFact>(documents, 'reps', data.repId as string, (rep) => ({ ...rep, role: data.to as string }));
        return;
      case 'RepLeft':
        update<RepFact>(documents, 'reps', data.repId as string, (rep) => ({ ...rep, leftAt: at }));
        return;
      case 'LeadCaptured':
        documents.put('leads', data.leadId as string, { id: data.leadId as string, source: data.source as string, capturedAt: at, attempts: 0 } satisfies LeadFact);
        return;
      case 'LeadAssigned':
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({ ...lead, leadGeneratorId: data.leadGeneratorId as string }));
        return;
      case 'LeadContactAttempted': {
        const script = data.script as { scriptId: string; version: number } | undefined;
        const lead = update<LeadFact>(documents, 'leads', data.leadId as string, (current) => ({
          ...current,
          attempts: current.attempts + 1,
          firstAttemptAt: current.firstAttemptAt ?? at,
          script: current.script ?? (script ? `${script.scriptId}@v${script.version}` : undefined),
        }));
        countActivity(documents, lead?.leadGeneratorId ?? actorOf(event), at, 'attempts');
        return;
      }
      case 'LeadQualified':
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({ ...lead, qualifiedAt: lead.qualifiedAt ?? at }));
        return;
      case 'LeadDisqualified':
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({ ...lead, disqualifiedAt: at, disqualifyReason: data.reason as string }));
        return;
      case 'LeadHandedOff':
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({
          ...lead, handedOffAt: at, hunterId: data.hunterId as string, dealId: data.dealId as string,
        }));
        return;
      case 'DealOpened': {
        const lead = documents.get<LeadFact>('leads', data.leadId as string);
        documents.put('deals', data.dealId as string, {
          id: data.dealId as string, leadId: data.leadId as string, hunterId: data.hunterId as string, openedAt: at,
          estimatedValue: data.estimatedValue as Money, meetingsHeld: 0, source: lead?.source, script: lead?.script,
        } satisfies DealFact);
        return;
      }
      case 'MeetingScheduled':
      case 'DealStageChanged':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => closerMoved(deal, at));
        return;
      case 'MeetingHeld': {
        const deal = update<DealFact>(documents, 'deals', data.dealId as string, (current) => ({
          ...closerMoved(current, at), meetingsHeld: current.meetingsHeld + 1, firstMeetingHeldAt: current.firstMeetingHeldAt ?? at,
        }));
        countActivity(documents, deal ? (deal.closerId ?? deal.hunterId) : actorOf(event), at, 'meetingsHeld');
        return;
      }
      case 'ProposalSent':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => ({
          ...closerMoved(deal, at), proposalSentAt: deal.proposalSentAt ?? at, proposalAmount: data.amount as Money,
        }));
        return;
      case 'DealHandedOffToCloser':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => ({
          ...deal, closerId: data.closerId as string, handedToCloserAt: at, closerFirstActivityAt: undefined,
        }));
        return;
      case 'DealWon':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => ({
          ...closerMoved(deal, at), wonAt: at, amount: data.amount as Money, credit: data.credit as DealFact['credit'], accountId: data.accountId as string,
        }));
        return;
      case 'DealLost':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => ({
          ...closerMoved(deal, at), lostAt: at, lossReason: data.reason as string, competitor: data.competitor as string | undefined,
        }));
        return;
      case 'AccountOpened': {
        const deal = documents.get<DealFact>('deals', data.dealId as string);
        documents.put('accounts', data.accountId as string, {
          id: data.accountId as string, dealId: data.dealId as string, openedAt: at, dealWonAt: deal?.wonAt,
          ownerId: data.farmerId as string | undefined, key: false, openingRevenue: data.openingRevenue as Money, repeatWins: [],
          source: deal?.source, script: deal?.script,
        } satisfies AccountFact);
        return;
      }
      case 'FarmerAssigned':
      case 'AccountDemotedFromKey':
        update<AccountFact>(documents, 'accounts', data.accountId as string, (account) => ({ ...account, ownerId: data.farmerId as string, key: false }));
        return;
      case 'AccountPromotedToKey':
        update<AccountFact>(documents, 'accounts', data.accountId as string, (account) => ({ ...account, ownerId: data.kamId as string, key: true }));
        return;
      case 'TouchpointLogged': {
        const account = update<AccountFact>(documents, 'accounts', data.accountId as string, (current) =>
          current.firstTouchAt === undefined ? { ...current, firstTouchAt: at } : current,
        );
        countActivity(documents, account?.ownerId ?? actorOf(event), at, 'touchpoints');
        return;
      }
      case 'AccountChurned':
        update<AccountFact>(documents, 'accounts', data.accountId as string, (account) => ({ ...account, churnedAt: at }));
        return;
      case 'RepeatSaleOpened': {
        const account = documents.get<AccountFact>('accounts', data.accountId as string);
        documents.put('repeatSales', data.repeatSaleId as string, {
          id: data.repeatSaleId as string, accountId: data.accountId as string, kind: data.kind as string, openedAt: at,
          estimatedValue: data.estimatedValue as Money, source: account?.source, script: account?.script,
        } satisfies RepeatSaleFact);
        return;
      }
      case 'RepeatSaleWon': {
        const amount = data.amount as Money;
        const sale = update<RepeatSaleFact>(documents, 'repeatSales', data.repeatSaleId as string, (current) => ({
          ...current, wonAt: at, amount,
          ownerId: (data.ownerId as string | undefined) ?? documents.get<AccountFact>('accounts', current.accountId)?.ownerId,
        }));
        if (sale !== undefined) {
          update<AccountFact>(documents, 'accounts', sale.accountId, (account) => ({ ...account, repeatWins: [...account.repeatWins, { at, amount }] }));
        }
        return;
      }
      case 'RepeatSaleLost':
        update<RepeatSaleFact>(documents, 'repeatSales', data.repeatSaleId as string, (sale) => ({ ...sale, lostAt: at }));
        return;
      case 'SalesPlanSet':
        documents.put('plans', data.planId as string, {
          id: data.planId as string,
          periodStart: Date.parse(data.periodStart as string),
          periodEnd: Date.parse(data.periodEnd as string),
          scope: data.scope as PlanFact['scope'],
          metric: data.metric as string,
          target: data.target as number,
          currency: data.currency as string | undefined,
          setAt: at,
        } satisfies PlanFact);
        return;
      default:
        return;
    }
  },
});
