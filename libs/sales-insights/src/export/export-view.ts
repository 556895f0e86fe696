/**
 * The period and as-of a download was made for: the ones shown on the page, so that a file says which
 * figures it holds. Times are UTC, as the KPIs are computed.
 */
import { DAY_MS } from '#libs/contracts';
import { instantOrNull } from './spreadsheet-table';

type Instant = Date | number | string;

export interface ExportView {
  /** Start of the period, inclusive. */
  readonly from: Instant;
  /** End of the period, exclusive. */
  readonly to: Instant;
  /** The moment the figures were computed as of; null or absent for live figures. */
  readonly asOf?: Instant | null;
}

export interface ResolvedView {
  readonly from: Date;
  readonly to: Date;
  readonly asOf: Date | null;
}

export function resolveView(view: ExportView): ResolvedView {
  const instant = (value: Instant, field: string) => {
    const date = instantOrNull(value);
    if (date === null) throw new RangeError(`${field}: not a moment (a Date, epoch milliseconds or an ISO 8601 string): ${String(value)}`);
    return date;
  };
  const from = instant(view.from, 'from');
  const to = instant(view.to, 'to');
  if (from.getTime() >= to.getTime()) throw new RangeError(`from (${from.toISOString()}) must be before to (${to.toISOString()})`);
  return { from, to, asOf: view.asOf === null || view.asOf === undefined ? null : instant(view.asOf, 'asOf') };
}

/**
 * "2026-03-01 – 2026-03-31, live" or "…, as of 2026-04-02 10:15 UTC". A period of whole UTC days is shown
 * by its first and last day; any other by its exact ends, the end exclusive.
 */
export function viewCaption(view: ResolvedView): string {
  const wholeDays = view.from.getTime() % DAY_MS === 0 && view.to.getTime() % DAY_MS === 0;
  const period = wholeDays
    ? `${day(view.from)} – ${day(new Date(view.to.getTime() - DAY_MS))}`
    : `${minute(view.from)} – ${minute(view.to)} (end exclusive)`;
  return `${period}, ${view.asOf === null ? 'live' : `as of ${minute(view.asOf)}`}`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
