/**
 * The query parameters the /kpis routes share, checked at the edge: each mistake is a 400
 * { code: 'invalid-request', field, message } naming the parameter and what it must be.
 */
import { BadRequestException } from '@nestjs/common';
import { KPI_GROUP_BY, type KpiGroupBy } from '#libs/projections';
import { DAY_MS } from '#libs/contracts';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ code: 'invalid-request', field, message: `${field}: ${message}` });
}

/** A repeated parameter (?from=a&from=b) arrives as an array: refused like any other malformed value. */
function single(value: unknown, field: string, expected: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(field, `must be given once, as ${expected}`);
  return value;
}

export function parseInstant(value: unknown, field: string): number | undefined {
  const text = single(value, field, 'an ISO 8601 date or date-time');
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (!ISO_8601.test(text) || Number.isNaN(time)) throw invalid(field, 'must be an ISO 8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z');
  return time;
}

export function parseChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T | undefined {
  const text = single(value, field, `one of ${choices.join(', ')}`);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw invalid(field, `must be one of ${choices.join(', ')}`);
  return text as T;
}

export function parseInteger(value: unknown, field: string, min: number, max: number): number | undefined {
  const text = single(value, field, `an integer from ${min} to ${max}`);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (!/^\d{1,15}$/.test(text) || number < min || number > max) throw invalid(field, `must be an integer from ${min} to ${max}`);
  return number;
}

/** The raw from/to/asOf/groupBy of a request, as Express hands them over. */
export interface RawKpiQuery {
  readonly from?: unknown;
  readonly to?: unknown;
  readonly asOf?: unknown;
  readonly groupBy?: unknown;
}

export interface KpiPeriodDefaults {
  /** `to` when not given; `from` is the one given, if any; `reference` is asOf, else now. Default: reference. */
  readonly to?: (from: number | undefined, reference: number) => number;
  /** `from` when not given. Default: 30 days before `to`. */
  readonly from?: (to: number) => number;
}

export interface KpiRequest {
  readonly from: number;
  readonly to: number;
  /** The as-of moment, when the figures are to be computed from the history as it stood then. */
  readonly asOf: number | undefined;
  /** asOf, else now: the moment the request stands at. */
  readonly reference: number;
  readonly groupBy: KpiGroupBy | undefined;
}

/** from, to, asOf and groupBy: asOf not in the future, from before to. */
export function parseKpiQuery(raw: RawKpiQuery, now: number, defaults: KpiPeriodDefaults = {}): KpiRequest {
  const asOf = parseInstant(raw.asOf, 'asOf');
  if (asOf !== undefined && asOf > now) throw invalid('asOf', 'must not be in the future');
  const reference = asOf ?? now;
  const fromGiven = parseInstant(raw.from, 'from');
  const to = parseInstant(raw.to, 'to') ?? (defaults.to ?? ((_, at) => at))(fromGiven, reference);
  const from = fromGiven ?? (defaults.from ?? ((end) => end - 30 * DAY_MS))(to);
  if (from >= to) throw invalid('from', 'must be before to');
  return { from, to, asOf, reference, groupBy: parseChoice(raw.groupBy, 'groupBy', KPI_GROUP_BY) };
}
