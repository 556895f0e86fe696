/**
 * The facts the head of sales' KPIs are computed from: one document per rep, lead, deal, account, repeat
 * sale and plan, with the moment each stage was first reached, plus activity counters per rep and day.
 * Times are epoch milliseconds of the business time (occurredAt). Money is { amount, currency }.
 * No personal data, and no names at all: not a lead's contact, nor its company (a sole proprietor's company is
 * a person's name); the funnel's drill-down reads the companies of the page it lists from their streams.
 */
import { DEAL_STAGES, type DealStage, DAY_MS } from '#libs/contracts';
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
  /** The latest RepAvailabilityChanged: routing skips an absent rep; the leaderboard shows it. */
  readonly available: boolean;
  readonly absentUntil?: number;
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
  /**
   * The value estimated when it was qualified, what the funnel's drill-down shows for a lead, until it is handed
   * off: from then on its deal holds the same value (DealOpened's estimatedValue) and the lead keeps none, so
   * that a rebuild does not hold forty thousand copies of it.
   */
  readonly estimatedValue?: Money;
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

/** When a deal first reached each pipeline stage (DealOpened: qualification; then DealStageChanged `to`). */
export type StageReachedAt = { readonly [stage in DealStage]?: number };

export interface DealFact extends Origin {
  readonly id: string;
  readonly leadId: string;
  /**
   * When its lead was captured. A time field, so that a change to the deal counts as a change on the day its
   * lead was captured: the cohort funnel of that day (kept piecewise) counts how far the lead's deal got.
   */
  readonly leadCapturedAt?: number;
  readonly hunterId: string;
  readonly openedAt: number;
  readonly estimatedValue: Money;
  readonly stageReachedAt: StageReachedAt;
  readonly meetingsHeld: number;
  readonly firstMeetingHeldAt?: number;
  readonly proposalSentAt?: number;
  /** The latest proposal's amount. */
  readonly proposalAmount?: Money;
  /**
   * Every proposal sent, in order, once there is more than one (one is proposalSentAt and proposalAmount): a
   * forecast made at a past moment values a deal by the proposal in force then.
   */
  readonly proposals?: ReadonlyArray<{ readonly at: number; readonly amount: Money }>;
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
  /**
   * Who owned it from when, in order, once its owner has changed (until then, ownerId since openedAt): a
   * forecast made at a past moment gives an open repeat sale to the owner then.
   */
  readonly owners?: ReadonlyArray<{ readonly from: number; readonly repId: string }>;
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
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const key = `${repId}|${day}`;
  const current = documents.get<ActivityFact>('activity', key) ?? { repId, day, attempts: 0, meetingsHeld: 0, touchpoints: 0 };
  documents.put('activity', key, { ...current, [field]: current[field] + 1 });
}

/** Marks the closer's first move on a deal handed to them. */
function closerMoved(deal: DealFact, at: number): DealFact {
  return deal.handedToCloserAt !== undefined && deal.closerFirstActivityAt === undefined ? { ...deal, closerFirstActivityAt: at } : deal;
}

function ownedBy(account: AccountFact, repId: string, at: number): AccountFact {
  const first = account.ownerId === undefined ? [] : [{ from: account.openedAt, repId: account.ownerId }];
  return { ...account, ownerId: repId, owners: [...(account.owners ?? first), { from: at, repId }] };
}

/** Records the first time a deal reached a stage; moving back and forth again writes nothing. */
function stageReached(deal: DealFact, stage: DealStage, at: number): DealFact {
  if (!DEAL_STAGES.includes(stage) || deal.stageReachedAt[stage] !== undefined) return deal;
  return { ...deal, stageReachedAt: { ...deal.stageReachedAt, [stage]: at } };
}

export const kpiFactsProjection = defineProjection({
  name: 'kpi-facts',
  // 3: estimated values of leads, the stages and proposals of deals, accounts' owners over time, reps' availability.
  // 4: no company names; a lead's estimated value only until its handoff.
  version: 4,
  description: 'Per rep, lead, deal, account, repeat sale and plan: when each stage was reached; activity per rep and day.',
  collections: KPI_COLLECTIONS,
  documentFields: {
    reps: fieldsOf<RepFact>()('id', 'name', 'role', 'capacity', 'joinedAt', 'leftAt', 'available', 'absentUntil'),
    leads: fieldsOf<LeadFact>()(
      'id', 'source', 'capturedAt', 'leadGeneratorId', 'attempts', 'firstAttemptAt', 'script', 'qualifiedAt', 'estimatedValue',
      'disqualifiedAt', 'disqualifyReason', 'handedOffAt', 'hunterId', 'dealId',
    ),
    deals: fieldsOf<DealFact>()(
      'id', 'leadId', 'leadCapturedAt', 'hunterId', 'openedAt', 'estimatedValue', 'stageReachedAt', 'meetingsHeld', 'firstMeetingHeldAt',
      'proposalSentAt', 'proposalAmount', 'proposals', 'closerId', 'handedToCloserAt', 'closerFirstActivityAt', 'wonAt', 'lostAt', 'amount',
      'credit', 'lossReason', 'competitor', 'accountId', 'source', 'script',
    ),
    accounts: fieldsOf<AccountFact>()(
      'id', 'dealId', 'openedAt', 'dealWonAt', 'ownerId', 'owners', 'key', 'openingRevenue', 'firstTouchAt', 'churnedAt', 'repeatWins', 'source', 'script',
    ),
    repeatSales: fieldsOf<RepeatSaleFact>()(
      'id', 'accountId', 'kind', 'openedAt', 'estimatedValue', 'wonAt', 'lostAt', 'amount', 'ownerId', 'source', 'script',
    ),
    plans: fieldsOf<PlanFact>()('id', 'periodStart', 'periodEnd', 'scope', 'metric', 'target', 'currency', 'setAt'),
    activity: fieldsOf<ActivityFact>()('repId', 'day', 'attempts', 'meetingsHeld', 'touchpoints'),
  },
  timeFields: {
    // A rep's change counts on the days it joined and left only: figures that depend on roles are kept under the
    // roles' version instead (piecewise.ts rolesVersion), so that marking an absence keeps every kept piece.
    reps: { times: ['joinedAt', 'leftAt'] },
    leads: {
      times: ['capturedAt', 'firstAttemptAt', 'qualifiedAt', 'handedOffAt', 'disqualifiedAt'],
      open: (lead: LeadFact) => lead.handedOffAt === undefined && lead.disqualifiedAt === undefined,
    },
    deals: {
      times: ['leadCapturedAt', 'openedAt', 'firstMeetingHeldAt', 'proposalSentAt', 'handedToCloserAt', 'closerFirstActivityAt', 'wonAt', 'lostAt'],
      open: (deal: DealFact) => deal.wonAt === undefined && deal.lostAt === undefined,
    },
    accounts: { times: ['openedAt', 'firstTouchAt', 'churnedAt'], open: (account: AccountFact) => account.churnedAt === undefined },
    repeatSales: { times: ['openedAt', 'wonAt', 'lostAt'], open: (sale: RepeatSaleFact) => sale.wonAt === undefined && sale.lostAt === undefined },
    activity: { times: ['day'] },
  },
  eventTypes: [
    'RepJoined', 'RepRoleChanged', 'RepAvailabilityChanged', 'RepLeft',
    'LeadCaptured', 'LeadAssigned', 'LeadContactAttempted', 'LeadQualified', 'LeadDisqualified', 'LeadHandedOff',
    'DealOpened', 'MeetingScheduled', 'MeetingHeld', 'DealStageChanged', 'ProposalSent', 'DealHandedOffToCloser', 'DealWon', 'DealLost',
    'AccountOpened', 'FarmerAssigned', 'AccountPromotedToKey', 'AccountDemotedFromKey', 'TouchpointLogged',
    'RepeatSaleOpened', 'RepeatSaleWon', 'RepeatSaleLost', 'AccountChurned',
    'SalesPlanSet',
  ],
  // Never changes a document in place (every new version is a spread): the as-of ladder's rungs share them.
  apply(documents: DocumentWriter, event: StoredEvent): void {
    const data = event.data as Data;
    const at = event.occurredAt.getTime();
    switch (event.type) {
      case 'RepJoined':
        documents.put('reps', data.repId as string, {
          id: data.repId as string, name: data.name as string, role: data.role as string, capacity: data.capacity as number, joinedAt: at,
          available: true,
        } satisfies RepFact);
        return;
      case 'RepRoleChanged':
        update<RepFact>(documents, 'reps', data.repId as string, (rep) => ({ ...rep, role: data.to as string }));
        return;
      case 'RepAvailabilityChanged':
        update<RepFact>(documents, 'reps', data.repId as string, (rep) => ({
          ...rep,
          available: data.available as boolean,
          absentUntil: data.available === true || data.absentUntil === undefined ? undefined : Date.parse(data.absentUntil as string),
        }));
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
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({
          ...lead, qualifiedAt: lead.qualifiedAt ?? at, estimatedValue: data.estimatedValue as Money,
        }));
        return;
      case 'LeadDisqualified':
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({ ...lead, disqualifiedAt: at, disqualifyReason: data.reason as string }));
        return;
      case 'LeadHandedOff':
        update<LeadFact>(documents, 'leads', data.leadId as string, (lead) => ({
          ...lead, handedOffAt: at, hunterId: data.hunterId as string, dealId: data.dealId as string, estimatedValue: undefined,
        }));
        return;
      case 'DealOpened': {
        const lead = documents.get<LeadFact>('leads', data.leadId as string);
        documents.put('deals', data.dealId as string, {
          id: data.dealId as string, leadId: data.leadId as string, leadCapturedAt: lead?.capturedAt, hunterId: data.hunterId as string, openedAt: at,
          estimatedValue: data.estimatedValue as Money, stageReachedAt: { qualification: at }, meetingsHeld: 0, source: lead?.source, script: lead?.script,
        } satisfies DealFact);
        return;
      }
      case 'MeetingScheduled':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => closerMoved(deal, at));
        return;
      case 'DealStageChanged':
        update<DealFact>(documents, 'deals', data.dealId as string, (deal) => stageReached(closerMoved(deal, at), data.to as DealStage, at));
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
          proposals: deal.proposalSentAt === undefined
            ? undefined
            : [...(deal.proposals ?? [{ at: deal.proposalSentAt, amount: deal.proposalAmount! }]), { at, amount: data.amount as Money }],
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
        update<AccountFact>(documents, 'accounts', data.accountId as string, (account) => ({ ...ownedBy(account, data.farmerId as string, at), key: false }));
        return;
      case 'AccountPromotedToKey':
        update<AccountFact>(documents, 'accounts', data.accountId as string, (account) => ({ ...ownedBy(account, data.kamId as string, at), key: true }));
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
