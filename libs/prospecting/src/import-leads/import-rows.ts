/**
 * Turns an import body (a JSON array, or CSV text with a header row) into lead rows, each either accepted
 * or rejected with the field and the reason. Column names: company, taxId, contactName, email, phone,
 * estimatedValue, currency. Rows are numbered from 1, the first data row.
 */
import type { Static } from '@sinclair/typebox';
import { parse } from 'csv-parse/sync';
import type { Company, Contact, Money } from '#libs/contracts';

const MAX_IMPORT_ROWS = 10_000;

const IMPORT_COLUMNS = ['company', 'taxId', 'contactName', 'email', 'phone', 'estimatedValue', 'currency'] as const;

export interface ImportRow {
  readonly row: number;
  readonly company: Static<typeof Company>;
  readonly contact: Static<typeof Contact>;
  readonly estimatedValue?: Static<typeof Money>;
}

export interface RejectedRow {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export class ImportFormatError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export function parseImportBody(body: unknown, contentType: string): Array<Record<string, unknown>> {
  let records: unknown;
  if (contentType.startsWith('text/csv')) {
    if (typeof body !== 'string' || body.trim() === '') throw new ImportFormatError('body', 'send CSV text with a header row');
    try {
      records = parse(body, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
    } catch (error) {
      throw new ImportFormatError('body', `the CSV cannot be read: ${(error as Error).message}`);
    }
    const header = Object.keys((records as Array<Record<string, unknown>>)[0] ?? {});
    const unknown = header.filter((column) => !(IMPORT_COLUMNS as readonly string[]).includes(column));
    if (unknown.length > 0) throw new ImportFormatError(unknown[0]!, `unknown column; the columns are ${IMPORT_COLUMNS.join(', ')}`);
  } else {
    records = body;
  }
  if (!Array.isArray(records)) throw new ImportFormatError('body', 'send a JSON array of leads, or CSV text (Content-Type: text/csv)');
  if (records.length === 0) throw new ImportFormatError('body', 'there are no rows to import');
  if (records.length > MAX_IMPORT_ROWS) throw new ImportFormatError('body', `at most ${MAX_IMPORT_ROWS} rows per import (got ${records.length})`);
  return records as Array<Record<string, unknown>>;
}

export function checkImportRow(record: unknown, row: number): ImportRow | RejectedRow {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { row, field: 'row', reason: 'must be an object' };
  const value = record as Record<string, unknown>;
  const unknownField = Object.keys(value).find((key) => !(IMPORT_COLUMNS as readonly string[]).includes(key));
  if (unknownField !== undefined) return { row, field: unknownField, reason: 'is not a column of the import' };
  const text = (key: string): string | undefined => {
    const raw = value[key];
    if (raw === undefined || raw === null || raw === '') return undefined;
    return typeof raw === 'string' ? raw.trim() : String(raw);
  };
  const company = text('company');
  if (!company) return { row, field: 'company', reason: 'is required' };
  if (company.length > 300) return { row, field: 'company', reason: 'must be at most 300 characters' };
  const taxId = text('taxId');
  if (taxId !== undefined && !/^\d{10}(\d{2})?$/.test(taxId)) return { row, field: 'taxId', reason: 'must be 10 or 12 digits' };
  const email = text('email');
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { row, field: 'email', reason: 'must be an email address' };
  const phone = text('phone');
  if (phone !== undefined && !/^\+?[0-9][0-9 ()-]{4,30}$/.test(phone)) return { row, field: 'phone', reason: 'must be a phone number' };
  const contactName = text('contactName');
  if (contactName !== undefined && contactName.length > 200) return { row, field: 'contactName', reason: 'must be at most 200 characters' };
  const amountText = text('estimatedValue');
  let estimatedValue: ImportRow['estimatedValue'];
  if (amountText !== undefined) {
    const amount = Number(amountText.replace(',', '.').replace(/\s/g, ''));
    if (!Number.isFinite(amount) || amount < 0 || amount > 1e12) return { row, field: 'estimatedValue', reason: 'must be a number from 0' };
    const currency = text('currency') ?? 'RUB';
    if (!/^[A-Z]{3}$/.test(currency)) return { row, field: 'currency', reason: 'must be an ISO 4217 code such as RUB' };
    estimatedValue = { amount, currency };
  }
  return {
    row,
    company: { name: company, ...(taxId ? { taxId } : {}) },
    contact: { ...(contactName ? { name: contactName } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    ...(estimatedValue ? { estimatedValue } : {}),
  };
}
