/**
 * Numbers, money, dates and durations, only through Intl, in the page's language (STYLE 13). Dates are shown
 * in UTC: the KPIs' periods and the as-of moment are UTC days, and a date must read the same for everyone.
 */
import { locale } from './i18n';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale.value}|n|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (format === undefined) cache.set(key, (format = new Intl.NumberFormat(locale.value, options)));
  return format;
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale.value}|d|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (format === undefined) cache.set(key, (format = new Intl.DateTimeFormat(locale.value, { timeZone: 'UTC', ...options })));
  return format;
}

const DASH = '—';

export function formatNumber(value: number | null | undefined, fractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return numberFormat({ maximumFractionDigits: fractionDigits, minimumFractionDigits: 0 }).format(value);
}

/** 1 250 000 ₽ in Russian, RUB 1,250,000 in English: each currency on its own, never summed with another. */
export function formatMoney(amount: number | null | undefined, currency: string, options: { compact?: boolean } = {}): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return DASH;
  return numberFormat({
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: options.compact ? 1 : 0,
    minimumFractionDigits: 0,
    ...(options.compact ? { notation: 'compact' } : {}),
  }).format(amount);
}

export function formatPercent(ratio: number | null | undefined, fractionDigits = 0): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return numberFormat({ style: 'percent', maximumFractionDigits: fractionDigits, minimumFractionDigits: 0 }).format(ratio);
}

/** A signed difference in percentage points, e.g. +12 p.p. */
export function formatPoints(difference: number | null | undefined): string {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return DASH;
  return numberFormat({ style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(difference);
}

export function formatDate(value: number | string | Date | null | undefined, style: 'medium' | 'short' | 'long' = 'medium'): string {
  if (value === null || value === undefined) return DASH;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return DASH;
  return dateFormat({ dateStyle: style }).format(date);
}

export function formatDateTime(value: number | string | Date | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return DASH;
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatTime(value: number | Date): string {
  return new Intl.DateTimeFormat(locale.value, { timeStyle: 'medium' }).format(value);
}

/** A range of whole days [from, to): the last day shown is the one before `to`. */
export function formatDayRange(from: number, to: number): string {
  const last = to - 1;
  return dateFormat({ dateStyle: 'medium' }).formatRange(new Date(from), new Date(last));
}

export function formatMonth(value: number): string {
  return dateFormat({ month: 'short', year: 'numeric' }).format(new Date(value));
}

export function formatShortDate(value: number): string {
  return dateFormat({ day: 'numeric', month: 'short' }).format(new Date(value));
}

function unit(value: number, unitName: 'minute' | 'hour' | 'day', fractionDigits: number): string {
  return numberFormat({ style: 'unit', unit: unitName, unitDisplay: 'short', maximumFractionDigits: fractionDigits }).format(value);
}

/** A duration in the unit a person would use: minutes under two hours, hours under two days, else days. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return DASH;
  if (seconds < 2 * 3600) return unit(seconds / 60, 'minute', 0);
  if (seconds < 2 * 86_400) return unit(seconds / 3600, 'hour', 1);
  return unit(seconds / 86_400, 'day', 1);
}

export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return DASH;
  return unit(days, 'day', days < 10 ? 1 : 0);
}

/** A number in few characters: 1,2 млн, 950 тыс. — for chart axes. */
export function formatCompact(value: number): string {
  return numberFormat({ notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
