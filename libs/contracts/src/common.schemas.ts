/** Building blocks shared by the event schemas of every context. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';


/** An aggregate or rep id: letters, digits, - and _, as the API and the stream ids use them. */
export const Id = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' });

/** An instant as ISO 8601 text in UTC, e.g. 2026-03-01T09:30:00.000Z. */
export const Instant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$' });

export const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

/** Money in minor-free decimal amount of an ISO 4217 currency; never negative. */
export const Money = Type.Object(
  {
    amount: Type.Number({ minimum: 0, maximum: 1e12 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);
export type Money = Static<typeof Money>;

/** An amount in roubles (examples, fixtures and tests). */
export const rub = (amount: number): Money => ({ amount, currency: 'RUB' });

/** An object schema that refuses unknown properties: the published language says exactly what it holds. */
export const Strict = <Properties extends Record<string, TSchema>>(properties: Properties) =>
  Type.Object(properties, { additionalProperties: false });

/** Every role of DESIGN.md: what a token's `role` claim and an event's actor may say. */
export const ROLE_IDS = [
  'lead-generator',
  'hunter',
  'closer',
  'farmer',
  'kam',
  'sales-assistant',
  'head-of-sales',
  'analyst',
  'service',
] as const;

export type Role = (typeof ROLE_IDS)[number];

export const RoleId = Type.Union(ROLE_IDS.map((role) => Type.Literal(role)));

/** The rep a routing rule looked at, and how loaded they were. */
export const RoutingCandidate = Strict({ repId: Id, load: Type.Integer({ minimum: 0 }) });

/** A rep a routing rule passed over, and why. */
export const RoutingSkip = Strict({
  repId: Id,
  reason: Type.Union([Type.Literal('absent'), Type.Literal('over-capacity'), Type.Literal('left')]),
});
