/**
 * Building blocks of the routes' OpenAPI response schemas, written as OpenAPI 3.0 (nullable, enum). The web
 * client's TypeScript types are generated from /docs-json, so every object lists its properties with their types
 * and which of them are required (all, unless said otherwise), and every value that can be null says so.
 */
import type { TSchema } from '@sinclair/typebox';
import { RoutingSkip } from '#libs/contracts';

export type Schema = Readonly<Record<string, unknown>>;

export const count: Schema = { type: 'integer', minimum: 0 };
export const number: Schema = { type: 'number' };
export const text: Schema = { type: 'string' };
export const flag: Schema = { type: 'boolean' };
export const instant: Schema = { type: 'string', format: 'date-time' };

export function nullable(schema: Schema, description?: string): Schema {
  return { ...schema, nullable: true, ...(description ? { description } : {}) };
}

export function described(schema: Schema, description: string): Schema {
  return { ...schema, description };
}

/** An object with exactly these properties, each required except the `optional` ones. */
export function object(properties: Record<string, Schema>, options: { description?: string; optional?: readonly string[] } = {}): Schema {
  const optional = new Set(options.optional ?? []);
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    properties,
    required: Object.keys(properties).filter((name) => !optional.has(name)),
  };
}

/** An object with these keys, all of one type (the stages of a funnel, say). */
export function record(keys: readonly string[], value: Schema, description?: string): Schema {
  return object(Object.fromEntries(keys.map((key) => [key, value])), description ? { description } : {});
}

/** A map from keys not known in advance (currencies, reasons, roles) to values of one type. */
export function dictionary(value: Schema, description: string): Schema {
  return { type: 'object', description, additionalProperties: value };
}

export function arrayOf(items: Schema, description?: string): Schema {
  return { type: 'array', items, ...(description ? { description } : {}) };
}

export function oneOf(...schemas: Schema[]): Schema {
  return { oneOf: schemas };
}

export function enumOf(values: readonly string[], description?: string): Schema {
  return { type: 'string', enum: [...values], ...(description ? { description } : {}) };
}

/** The values of a TypeBox union of string literals (the event catalogue's enums), for `enumOf`. */
export function literalsOf(union: TSchema): string[] {
  return (union.anyOf as Array<{ const: string }>).map((literal) => literal.const);
}

/** A personal text field: null once its subject is erased. */
export const personalText = (description: string): Schema => nullable(text, `${description}; personal data, null once erased`);

/** The client company of a lead, deal or account (libs/contracts' Company). */
export const companySchema = object({ name: text, taxId: personalText('10 or 12 digits') }, { optional: ['taxId'] });

/** The contact person of a lead, deal or account (libs/contracts' Contact): personal data throughout. */
export const contactSchema = object({ name: personalText('the contact person'), email: personalText('e-mail'), phone: personalText('phone') }, { optional: ['name', 'email', 'phone'] });

/** The response headers of a GET of one aggregate: its revision as the ETag, for If-Match on the next command. */
export function revisionETag(what: string): Record<string, Schema> {
  return { ETag: { description: `the ${what}'s revision, quoted: send it as If-Match`, schema: { type: 'string' } } };
}

/** How a lead, deal or account was routed (libs/contracts' routing fields): the rule, the candidates, who was passed over. */
export function routingSchema(rules: readonly string[]): Record<string, Schema> {
  return {
    rule: enumOf(rules),
    candidates: arrayOf(object({ repId: text, load: count }), 'who could have taken it, with their load then'),
    skipped: arrayOf(object({ repId: text, reason: enumOf(literalsOf(RoutingSkip.properties.reason)) }), 'who was passed over, and why'),
  };
}

/** One amount in one currency. */
export const money = object({ amount: number, currency: described(text, 'ISO 4217 code, e.g. RUB') });

/** Who did something: a person or a process (libs/contracts' Actor). */
export const actorRef = object({ userId: text, role: text });

/** An aggregate's history, line by line (libs/event-sourcing's HistoryEntry): never personal data. */
export const historySchema = arrayOf(
  object(
    {
      revision: described(count, 'the event\'s revision in its stream (0 for the first)'),
      type: described(text, 'the event type, as in the event catalogue'),
      at: described(instant, 'when it happened'),
      by: { ...actorRef, nullable: true, description: 'who did it; null for an event written without an actor' },
      detail: { type: 'object', description: 'what the line shows besides its type (a routing rule, an outcome, a stage)', additionalProperties: { description: 'a string, number, boolean or null' } },
    },
    { optional: ['detail'] },
  ),
  'what happened to it, oldest first',
);

/** Whose personal data an aggregate holds, and whether it is erased (libs/event-sourcing's PersonalDataSummary). */
export const personalDataSchema = object(
  {
    subjectId: described(text, 'the data subject: `lead-<leadId>` for a lead and the deal and account that came from it'),
    erased: flag,
    erasedAt: described(instant, 'when it was erased'),
  },
  { optional: ['erasedAt'], description: 'whose personal data it holds; erased fields read as null' },
);
