/** Events of a Deal (stream `deal-<dealId>`), owned by deal-closing. */
import { Type } from '@sinclair/typebox';
import { Id, Instant, Money, RoutingCandidate, RoutingSkip, Strict, Text } from '../common.schemas';
import { defineEvent, type EventOf } from '../event-definition';
import { Company, Contact } from '../prospecting/lead.events';
import { personal } from '../privacy/personal-data';

export const DEAL_STAGES = ['qualification', 'discovery', 'proposal', 'negotiation', 'contract'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const DealStageSchema = Type.Union(DEAL_STAGES.map((stage) => Type.Literal(stage)));

export const DealOpened = defineEvent({
  type: 'DealOpened',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'A hunter starts working a handed-off lead as a deal, at the qualification stage.',
  personalData: { owner: (data) => `deal-${String(data.dealId)}`, inheritsFrom: (data) => `lead-${String(data.leadId)}` },
  schema: Strict({
    dealId: Id,
    leadId: Id,
    hunterId: Id,
    company: Company,
    contact: Contact,
    estimatedValue: Money,
  }),
});

export const MEETING_KINDS = ['discovery', 'demo', 'negotiation', 'signing', 'other'] as const;

export const MeetingScheduled = defineEvent({
  type: 'MeetingScheduled',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'A meeting with the client is set for a time.',
  schema: Strict({
    dealId: Id,
    meetingId: Id,
    scheduledFor: Instant,
    kind: Type.Union(MEETING_KINDS.map((kind) => Type.Literal(kind))),
    location: Type.Optional(Text(300)),
  }),
});

export const MeetingHeld = defineEvent({
  type: 'MeetingHeld',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'The meeting took place, with an outcome.',
  personalData: { owner: (data) => `deal-${String(data.dealId)}` },
  schema: Strict({
    dealId: Id,
    meetingId: Id,
    outcome: Type.Union([Type.Literal('positive'), Type.Literal('neutral'), Type.Literal('negative')]),
    notes: Type.Optional(personal(Text(4000))),
  }),
});

export const MeetingCancelled = defineEvent({
  type: 'MeetingCancelled',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'The meeting will not take place.',
  schema: Strict({ dealId: Id, meetingId: Id, reason: Text(1000) }),
});

export const MeetingNoShow = defineEvent({
  type: 'MeetingNoShow',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'The client did not come to the meeting.',
  schema: Strict({ dealId: Id, meetingId: Id }),
});

export const DealStageChanged = defineEvent({
  type: 'DealStageChanged',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'The deal moved along (or back along) the pipeline.',
  schema: Strict({ dealId: Id, from: DealStageSchema, to: DealStageSchema }),
});

export const ProposalSent = defineEvent({
  type: 'ProposalSent',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'A commercial proposal went to the client, for an amount, valid until a date.',
  schema: Strict({ dealId: Id, proposalId: Id, amount: Money, validUntil: Instant }),
});

export const DealHandedOffToCloser = defineEvent({
  type: 'DealHandedOffToCloser',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'Handoff 2: a hunter hands a stuck deal to a closer; revenue credit is then shared.',
  schema: Strict({
    dealId: Id,
    hunterId: Id,
    closerId: Id,
    reason: Text(1000),
    rule: Type.Union([Type.Literal('least-loaded'), Type.Literal('named')]),
    candidates: Type.Array(RoutingCandidate),
    skipped: Type.Array(RoutingSkip),
  }),
});

export const DealOwnerReassigned = defineEvent({
  type: 'DealOwnerReassigned',
  context: 'deal-closing',
  schemaVersion: 1,
  description:
    'The head of sales gave an open deal to another rep of its owner\'s role: another hunter (before a closer has it) ' +
    'or another closer; the new owner works it, and is credited when it is won.',
  schema: Strict({
    dealId: Id,
    role: Type.Union([Type.Literal('hunter'), Type.Literal('closer')]),
    ownerId: Id,
    previousOwnerId: Id,
  }),
});

export const CreditShare = Strict({
  repId: Id,
  role: Type.Union([Type.Literal('hunter'), Type.Literal('closer')]),
  /** Percent of the revenue credited to this rep; the shares of a deal add up to 100. */
  percent: Type.Number({ minimum: 0, maximum: 100 }),
});

export const DealWon = defineEvent({
  type: 'DealWon',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'The client signed: the amount, and how the revenue credit splits between hunter and closer.',
  personalData: { owner: (data) => `deal-${String(data.dealId)}` },
  schema: Strict({
    dealId: Id,
    amount: Money,
    credit: Type.Array(CreditShare, { minItems: 1, maxItems: 2 }),
    /**
     * Always true: a deal is won with a new client (an existing client's purchase is a RepeatSaleWon), and every
     * DealWon opens the client's account in account-management (handoff 3). Kept for the consumers that read it.
     */
    newClient: Type.Boolean(),
    company: Company,
    contact: Contact,
    /** The account the client has, or will have, in account-management. */
    accountId: Id,
  }),
});

export const DEAL_LOSS_REASONS = ['price', 'competitor', 'no-decision', 'timing', 'no-budget', 'product-fit', 'other'] as const;

export const DealLost = defineEvent({
  type: 'DealLost',
  context: 'deal-closing',
  schemaVersion: 1,
  description: 'The client said no; the reason (and competitor) feed the loss analysis.',
  personalData: { owner: (data) => `deal-${String(data.dealId)}` },
  schema: Strict({
    dealId: Id,
    reason: Type.Union(DEAL_LOSS_REASONS.map((reason) => Type.Literal(reason))),
    competitor: Type.Optional(Text(200)),
    note: Type.Optional(personal(Text(2000))),
  }),
});

export const DEAL_EVENTS = [
  DealOpened,
  MeetingScheduled,
  MeetingHeld,
  MeetingCancelled,
  MeetingNoShow,
  DealStageChanged,
  ProposalSent,
  DealHandedOffToCloser,
  DealOwnerReassigned,
  DealWon,
  DealLost,
] as const;

export type DealEvent =
  | EventOf<typeof DealOpened>
  | EventOf<typeof MeetingScheduled>
  | EventOf<typeof MeetingHeld>
  | EventOf<typeof MeetingCancelled>
  | EventOf<typeof MeetingNoShow>
  | EventOf<typeof DealStageChanged>
  | EventOf<typeof ProposalSent>
  | EventOf<typeof DealHandedOffToCloser>
  | EventOf<typeof DealOwnerReassigned>
  | EventOf<typeof DealWon>
  | EventOf<typeof DealLost>;
