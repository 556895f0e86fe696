/**
 * Building blocks of the KPI routes' OpenAPI schemas: the shared ones (libs/platform's openapi-schema) and the
 * KPI routes' own.
 */
import { arrayOf, count, described, dictionary, enumOf, flag, instant, money, nullable, number, object, oneOf, record, text, type Schema } from '#libs/platform';

export { arrayOf, count, described, dictionary, enumOf, flag, instant, money, nullable, number, object, record, text, type Schema };

/** Amounts by ISO 4217 currency. */
export const moneyByCurrency = dictionary(number, 'amounts by ISO 4217 currency, e.g. { "RUB": 1250000 }');
export const ratioByCurrency = dictionary(nullable(number), 'by currency; null where the denominator is 0');
export const counts = (description: string) => dictionary(count, description);

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
