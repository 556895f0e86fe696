/** The simulator's command-line options, checked: a mistake is a UsageError, said in one line with exit code 2. */
import { parseDay, utcDay, type SimulationSpan } from './simulation-window';

export class UsageError extends Error {}

/** Whether an error thrown while reading the command line is the user's mistake (no stack trace for those). */
export function isUsageError(error: unknown): error is Error {
  return error instanceof UsageError || /^ERR_PARSE_ARGS_/.test(String((error as { code?: unknown } | undefined)?.code ?? ''));
}

/** `--name`'s integer value, from min to max. */
export function integerOption(text: string | undefined, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text ?? '') || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** `--start` or `--end` (by default today, UTC) as a span: a history starts on a day or ends on one, never both. */
export function spanOption(values: { readonly start?: string | undefined; readonly end?: string | undefined }, now: Date = new Date()): SimulationSpan {
  if (values.start !== undefined && values.end !== undefined) {
    throw new UsageError('--start and --end cannot be given together: a history starts on a day or ends on one');
  }
  const day = (text: string, name: string): Date => {
    const parsed = parseDay(text);
    if (parsed === undefined) throw new UsageError(`--${name} must be a date such as 2025-01-01 (got "${text}")`);
    return parsed;
  };
  if (values.start !== undefined) return { start: day(values.start, 'start') };
  return { end: values.end === undefined ? utcDay(now) : day(values.end, 'end') };
}
