/** Events of a client Account (stream `account-<accountId>`), owned by account-management. */
import { Type } from '@sinclair/typebox';
import { Id, Money, RoutingCandidate, RoutingSkip, Strict, Text } from '../common.schemas';
import { defineEvent, type EventOf } from '../event-definition';
import { Company, Contact } from '../prospecting/lead.events';
import { personal } from '../privacy/personal-data';

const Routing = {
  rule: Type.Union([Type.Literal('least-loaded'), Type.Literal('named')]),
  candidates: Type.Array(RoutingCandidate),
  skipped: Type.Array(RoutingSkip),
};

export const AccountOpened = defineEvent({
  type: 'AccountOpened',
  context: 'account-management',
  schemaVersion: 1,
  description:
    'Handoff 3: a won deal with a new client becomes an account, owned by a farmer (the least-loaded available ' +
    'one; none when no farmer is available, for the head of sales to assign).',
  personalData: { owner: (data) => `account-${String(data.accountId)}`, inheritsFrom: (data) => `deal-${String(data.dealId)}` },
  schema: Strict({
    accountId: Id,
    dealId: Id,
    company: Company,
    contact: Contact,
    farmerId: Type.Optional(Id),
    /** The won deal's amount: the account's first revenue. */
    openingRevenue: Money,
    ...Routing,
  }),
});

export const FarmerAssigned = defineEvent({
  type: 'FarmerAssigned',
  context: 'account-management',
  schemaVersion: 1,
  description: 'The head of sales gave the account to another farmer.',
  schema: Strict({ accountId: Id, farmerId: Id, previousOwnerId: Type.Optional(Id) }),
});

export const AccountPromotedToKey = defineEvent({
  type: 'AccountPromotedToKey',
  context: 'account-management',
  schemaVersion: 1,
  description: 'Handoff 4: the account became a key account, owned by a KAM (its revenue passed the threshold, or the head of sales decided).',
  schema: Strict({
    accountId: Id,
    kamId: Id,
    previousOwnerId: Type.Optional(Id),
    reason: Type.Union([Type.Literal('revenue-threshold'), Type.Literal('head-of-sales')]),
    revenue: Money,
    ...Routing,
  }),
});

export const AccountDemotedFromKey = defineEvent({
  type: 'AccountDemotedFromKey',
  context: 'account-management',
  schemaVersion: 1,
  description: 'The account is no longer a key account and goes back to a farmer.',
  schema: Strict({ accountId: Id, farmerId: Id, previousOwnerId: Id, reason: Text(1000) }),
});

export const TOUCHPOINT_KINDS = ['check-in', 'qbr', 'visit', 'support'] as const;

export const TouchpointLogged = defineEvent({
  type: 'TouchpointLogged',
  context: 'account-management',
  schemaVersion: 1,
  description: 'The owner was in touch with the client; an optional satisfaction score from 1 to 10.',
  personalData: { owner: (data) => `account-${String(data.accountId)}` },
  schema: Strict({
    accountId: Id,
    touchpointId: Id,
    kind: Type.Union(TOUCHPOINT_KINDS.map((kind) => Type.Literal(kind))),
    satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    note: Type.Optional(personal(Text(2000))),
  }),
});

export const REPEAT_SALE_KINDS = ['upsell', 'cross-sell', 'renewal'] as const;

export const RepeatSaleOpened = defineEvent({
  type: 'RepeatSaleOpened',
  context: 'account-management',
  schemaVersion: 1,
  description: 'A repeat sale to an existing client is in the works: upsell, cross-sell or renewal.',
  schema: Strict({
    accountId: Id,
    repeatSaleId: Id,
    kind: Type.Union(REPEAT_SALE_KINDS.map((kind) => Type.Literal(kind))),
    estimatedValue: Money,
    description: Type.Optional(Text(2000)),
  }),
});

export const RepeatSaleWon = defineEvent({
  type: 'RepeatSaleWon',
  context: 'account-management',
  schemaVersion: 1,
  description: 'The repeat sale closed: repeat revenue credited to the account owner.',
  schema: Strict({ accountId: Id, repeatSaleId: Id, amount: Money, ownerId: Type.Optional(Id) }),
});

export const RepeatSaleLost = defineEvent({
  type: 'RepeatSaleLost',
  context: 'account-management',
  schemaVersion: 1,
  description: 'The repeat sale did not happen.',
  schema: Strict({ accountId: Id, repeatSaleId: Id, reason: Text(1000) }),
});

export const ChurnRiskFlagged = defineEvent({
  type: 'ChurnRiskFlagged',
  context: 'account-management',
  schemaVersion: 1,
  description: 'Someone sees the client may leave, and how likely it is.',
  schema: Strict({
    accountId: Id,
    level: Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]),
    reason: Text(1000),
  }),
});

export const AccountChurned = defineEvent({
  type: 'AccountChurned',
  context: 'account-management',
  schemaVersion: 1,
  description: 'The client left. Nothing more happens on the account.',
  schema: Strict({ accountId: Id, reason: Text(1000) }),
});

export const ACCOUNT_EVENTS = [
  AccountOpened,
  FarmerAssigned,
  AccountPromotedToKey,
  AccountDemotedFromKey,
  TouchpointLogged,
  RepeatSaleOpened,
  RepeatSaleWon,
  RepeatSaleLost,
  ChurnRiskFlagged,
  AccountChurned,
] as const;

export type AccountEvent =
  | EventOf<typeof AccountOpened>
  | EventOf<typeof FarmerAssigned>
  | EventOf<typeof AccountPromotedToKey>
  | EventOf<typeof AccountDemotedFromKey>
  | EventOf<typeof TouchpointLogged>
  | EventOf<typeof RepeatSaleOpened>
  | EventOf<typeof RepeatSaleWon>
  | EventOf<typeof RepeatSaleLost>
  | EventOf<typeof ChurnRiskFlagged>
  | EventOf<typeof AccountChurned>;
