/** A mistake in what the user asked: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export function parseDate(text: string | undefined, option: string): Date | undefined {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text) || Number.isNaN(date.getTime())) {
    throw new CliError(`${option} must be a date such as 2025-06-30 or 2025-06-30T18:00:00Z (got "${text}")`);
  }
  return date;
}
