/**
 * Building blocks of the KPI routes' OpenAPI schemas. The web client's TypeScript types are generated from
 * /docs-json, so every object lists its properties with their types and which of them are required (all,
 * unless said otherwise), and every value that can be null says so.
 */
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

function oneOf(...schemas: Schema[]): Schema {
  return { oneOf: schemas };
}

export function enumOf(values: readonly string[], description?: string): Schema {
  return { type: 'string', enum: [...values], ...(description ? { description } : {}) };
}

/** Amounts by ISO 4217 currency. */
export const moneyByCurrency = dictionary(number, 'amounts by ISO 4217 currency, e.g. { "RUB": 1250000 }');
export const ratioByCurrency = dictionary(nullable(number), 'by currency; null where the denominator is 0');
export const counts = (description: string) => dictionary(count, description);

/** One amount in one currency. */
export const money = object({ amount: number, currency: described(text, 'ISO 4217 code, e.g. RUB') });

export const planScope = oneOf(
  object({ kind: enumOf(['team']) }),
  object({ kind: enumOf(['role']), role: text }),
  object({ kind: enumOf(['rep']), repId: text }),
);

/** Where figures computed from the history as it stood at a past moment say so (GET /kpis and the routes beside it). */
export const readModelPosition = {
  asOf: nullable(instant, 'set when the figures were computed from the history as it stood then (the asOf parameter)'),
  position: nullable(text, 'the last event the figures include (commit/prepare); null before the first'),
  eventsApplied: described(count, 'events the figures were computed from'),
};

/** The asOf query parameter, as every /kpis route takes it. */
export const AS_OF_QUERY = {
  name: 'asOf',
  required: false,
  description: 'the figures as they stood at this moment: only what had occurred by then counts (not in the future)',
} as const;
