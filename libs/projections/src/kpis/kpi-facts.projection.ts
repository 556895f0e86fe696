/**
 * The facts the head of sales' KPIs are computed from: one document per rep, lead, deal, account, repeat
 * sale and plan, with the moment each stage was first reached, plus activity counters per rep and day.
 * Times are epoch milliseconds of the business time (occurredAt). Money is { amount, currency }.
 * No personal data, and no names at all: not a lead's contact, nor its company (a sole proprietor's company is
 * a person's name); the funnel's drill-down reads the companies of the page it lists from their streams.
 */
import { DEAL_STAGES, type DealStage, DAY_MS, type Money } from '#libs/contracts';
import { defineProjection, fieldsOf, businessTime as at, updateDocument as update, type DocumentWriter } from '../engine/projection';

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
type StageReachedAt = { readonly [stage in DealStage]?: number };

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
  /**
   * When each of the day's meetings was held and touchpoints logged (epoch ms), kept only for a day that had
   * some: a plan's actual over part of a day counts these.
   */
  readonly meetingTimes?: readonly number[];
  readonly touchpointTimes?: readonly number[];
}

const KPI_COLLECTIONS = ['reps', 'leads', 'deals', 'accounts', 'repeatSales', 'plans', 'activity'] as const;

/** Who acted, for the facts that name nobody: read only then (a catch-up parses metadata when first read). */
const actorOf = (event: { readonly metadata: { readonly actor: { readonly userId: string } } }): string => event.metadata.actor.userId;

function countActivity(documents: DocumentWriter, repId: string, at: number, field: 'attempts' | 'meetingsHeld' | 'touchpoints'): void {
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  const key = `${repId}|${day}`;
  const current = documents.get<ActivityFact>('activity', key) ?? { repId, day, attempts: 0, meetingsHeld: 0, touchpoints: 0 };
  const times =
    field === 'meetingsHeld'
      ? { meetingTimes: [...(current.meetingTimes ?? []), at] }
      : field === 'touchpoints'
        ? { touchpointTimes: [...(current.touchpointTimes ?? []), at] }
        : {};
  documents.put('activity', key, { ...current, [field]: current[field] + 1, ...times });
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
  // 5: the times of each day's meetings and touchpoints.
  version: 5,
  description: 'Per rep, lead, deal, account, repeat sale and plan: when each stage was reached; activity per rep and day.',
  collections: KPI_COLLECTIONS,
  // Grows with the history (2.2 million documents at 10M events): the app is ready before they are loaded.
  loadInBackground: true,
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
    activity: fieldsOf<ActivityFact>()('repId', 'day', 'attempts', 'meetingsHeld', 'touchpoints', 'meetingTimes', 'touchpointTimes'),
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
  // Never changes a document in place (every new version is a spread): the as-of ladder's rungs share them.
  on: {
    RepJoined: (documents, event) =>
      documents.put('reps', event.data.repId, {
        id: event.data.repId, name: event.data.name, role: event.data.role, capacity: event.data.capacity, joinedAt: at(event), available: true,
      } satisfies RepFact),
    RepRoleChanged: (documents, { data }) => update<RepFact>(documents, 'reps', data.repId, (rep) => ({ ...rep, role: data.to })),
    RepAvailabilityChanged: (documents, { data }) =>
      update<RepFact>(documents, 'reps', data.repId, (rep) => ({
        ...rep,
        available: data.available,
        absentUntil: data.available === true || data.absentUntil === undefined ? undefined : Date.parse(data.absentUntil),
      })),
    RepLeft: (documents, event) => update<RepFact>(documents, 'reps', event.data.repId, (rep) => ({ ...rep, leftAt: at(event) })),
    LeadCaptured: (documents, event) =>
      documents.put('leads', event.data.leadId, { id: event.data.leadId, source: event.data.source, capturedAt: at(event), attempts: 0 } satisfies LeadFact),
    LeadAssigned: (documents, { data }) => update<LeadFact>(documents, 'leads', data.leadId, (lead) => ({ ...lead, leadGeneratorId: data.leadGeneratorId })),
    LeadContactAttempted: (documents, event) => {
      const { script } = event.data;
      const lead = update<LeadFact>(documents, 'leads', event.data.leadId, (current) => ({
        ...current,
        attempts: current.attempts + 1,
        firstAttemptAt: current.firstAttemptAt ?? at(event),
        script: current.script ?? (script ? `${script.scriptId}@v${script.version}` : undefined),
      }));
      countActivity(documents, lead?.leadGeneratorId ?? actorOf(event), at(event), 'attempts');
    },
    LeadQualified: (documents, event) =>
      update<LeadFact>(documents, 'leads', event.data.leadId, (lead) => ({
        ...lead, qualifiedAt: lead.qualifiedAt ?? at(event), estimatedValue: event.data.estimatedValue,
      })),
    LeadDisqualified: (documents, event) =>
      update<LeadFact>(documents, 'leads', event.data.leadId, (lead) => ({ ...lead, disqualifiedAt: at(event), disqualifyReason: event.data.reason })),
    LeadHandedOff: (documents, event) =>
      update<LeadFact>(documents, 'leads', event.data.leadId, (lead) => ({
        ...lead, handedOffAt: at(event), hunterId: event.data.hunterId, dealId: event.data.dealId, estimatedValue: undefined,
      })),
    DealOpened: (documents, event) => {
      const { data } = event;
      const lead = documents.get<LeadFact>('leads', data.leadId);
      documents.put('deals', data.dealId, {
        id: data.dealId, leadId: data.leadId, leadCapturedAt: lead?.capturedAt, hunterId: data.hunterId, openedAt: at(event),
        estimatedValue: data.estimatedValue, stageReachedAt: { qualification: at(event) }, meetingsHeld: 0, source: lead?.source, script: lead?.script,
      } satisfies DealFact);
    },
    MeetingScheduled: (documents, event) => update<DealFact>(documents, 'deals', event.data.dealId, (deal) => closerMoved(deal, at(event))),
    DealStageChanged: (documents, event) =>
      update<DealFact>(documents, 'deals', event.data.dealId, (deal) => stageReached(closerMoved(deal, at(event)), event.data.to, at(event))),
    MeetingHeld: (documents, event) => {
      const deal = update<DealFact>(documents, 'deals', event.data.dealId, (current) => ({
        ...closerMoved(current, at(event)), meetingsHeld: current.meetingsHeld + 1, firstMeetingHeldAt: current.firstMeetingHeldAt ?? at(event),
      }));
      countActivity(documents, deal ? (deal.closerId ?? deal.hunterId) : actorOf(event), at(event), 'meetingsHeld');
    },
    ProposalSent: (documents, event) => {
      const { amount } = event.data;
      update<DealFact>(documents, 'deals', event.data.dealId, (deal) => ({
        ...closerMoved(deal, at(event)), proposalSentAt: deal.proposalSentAt ?? at(event), proposalAmount: amount,
        proposals: deal.proposalSentAt === undefined
          ? undefined
          : [...(deal.proposals ?? [{ at: deal.proposalSentAt, amount: deal.proposalAmount! }]), { at: at(event), amount }],
      }));
    },
    DealHandedOffToCloser: (documents, event) =>
      update<DealFact>(documents, 'deals', event.data.dealId, (deal) => ({
        ...deal, closerId: event.data.closerId, handedToCloserAt: at(event), closerFirstActivityAt: undefined,
      })),
    // The new owner answers for the deal from now on: its outcome counts for them, as its credit will.
    DealOwnerReassigned: (documents, { data }) =>
      update<DealFact>(documents, 'deals', data.dealId, (deal) => (data.role === 'hunter' ? { ...deal, hunterId: data.ownerId } : { ...deal, closerId: data.ownerId })),
    DealWon: (documents, event) =>
      update<DealFact>(documents, 'deals', event.data.dealId, (deal) => ({
        ...closerMoved(deal, at(event)), wonAt: at(event), amount: event.data.amount, credit: event.data.credit, accountId: event.data.accountId,
      })),
    DealLost: (documents, event) =>
      update<DealFact>(documents, 'deals', event.data.dealId, (deal) => ({
        ...closerMoved(deal, at(event)), lostAt: at(event), lossReason: event.data.reason, competitor: event.data.competitor,
      })),
    AccountOpened: (documents, event) => {
      const { data } = event;
      const deal = documents.get<DealFact>('deals', data.dealId);
      documents.put('accounts', data.accountId, {
        id: data.accountId, dealId: data.dealId, openedAt: at(event), dealWonAt: deal?.wonAt, ownerId: data.farmerId, key: false,
        openingRevenue: data.openingRevenue, repeatWins: [], source: deal?.source, script: deal?.script,
      } satisfies AccountFact);
    },
    FarmerAssigned: (documents, event) =>
      update<AccountFact>(documents, 'accounts', event.data.accountId, (account) => ({ ...ownedBy(account, event.data.farmerId, at(event)), key: false })),
    AccountDemotedFromKey: (documents, event) =>
      update<AccountFact>(documents, 'accounts', event.data.accountId, (account) => ({ ...ownedBy(account, event.data.farmerId, at(event)), key: false })),
    AccountPromotedToKey: (documents, event) =>
      update<AccountFact>(documents, 'accounts', event.data.accountId, (account) => ({ ...ownedBy(account, event.data.kamId, at(event)), key: true })),
    TouchpointLogged: (documents, event) => {
      const account = update<AccountFact>(documents, 'accounts', event.data.accountId, (current) =>
        current.firstTouchAt === undefined ? { ...current, firstTouchAt: at(event) } : current,
      );
      countActivity(documents, account?.ownerId ?? actorOf(event), at(event), 'touchpoints');
    },
    AccountChurned: (documents, event) => update<AccountFact>(documents, 'accounts', event.data.accountId, (account) => ({ ...account, churnedAt: at(event) })),
    RepeatSaleOpened: (documents, event) => {
      const { data } = event;
      const account = documents.get<AccountFact>('accounts', data.accountId);
      documents.put('repeatSales', data.repeatSaleId, {
        id: data.repeatSaleId, accountId: data.accountId, kind: data.kind, openedAt: at(event), estimatedValue: data.estimatedValue,
        source: account?.source, script: account?.script,
      } satisfies RepeatSaleFact);
    },
    RepeatSaleWon: (documents, event) => {
      const { amount, ownerId } = event.data;
      const wonAt = at(event);
      const sale = update<RepeatSaleFact>(documents, 'repeatSales', event.data.repeatSaleId, (current) => ({
        ...current, wonAt, amount, ownerId: ownerId ?? documents.get<AccountFact>('accounts', current.accountId)?.ownerId,
      }));
      if (sale !== undefined) {
        update<AccountFact>(documents, 'accounts', sale.accountId, (account) => ({ ...account, repeatWins: [...account.repeatWins, { at: wonAt, amount }] }));
      }
    },
    RepeatSaleLost: (documents, event) => update<RepeatSaleFact>(documents, 'repeatSales', event.data.repeatSaleId, (sale) => ({ ...sale, lostAt: at(event) })),
    SalesPlanSet: (documents, event) => {
      const { data } = event;
      documents.put('plans', data.planId, {
        id: data.planId, periodStart: Date.parse(data.periodStart), periodEnd: Date.parse(data.periodEnd), scope: data.scope, metric: data.metric,
        target: data.target, currency: data.currency, setAt: at(event),
      } satisfies PlanFact);
    },
  },
});
