/**
 * A table to download as a spreadsheet: the one model the CSV and XLSX writers share, built by the KPI and
 * leaderboard exports. Cells are plain values (easy to build, easy to assert on); a column's kind says how
 * its values are written:
 * - text: a string (neutralised against formula injection, formula-escape.ts) or a number written as one;
 * - integer, number, percent, money: a number (a percent as a fraction, 0.4231 for 42.31%);
 * - date, datetime: an ISO 8601 string or epoch milliseconds, read as UTC;
 * - null (or a missing key) is an empty cell in every kind.
 * A value of the wrong type for its column (text in a money column, say) is a bug in the code that built
 * the table: readCell throws rather than write a file that looks right and is not.
 */
import { neutraliseText } from './formula-escape';

const COLUMN_KINDS = ['text', 'integer', 'number', 'percent', 'money', 'date', 'datetime'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export type CellValue = string | number | null;

export interface SpreadsheetColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  /**
   * A money column whose every value is in this ISO 4217 currency (the XLSX format shows its symbol).
   * Without it the amounts' currency is in another column of the row: amounts in different currencies are
   * never added up into one figure.
   */
  readonly currency?: string;
}

export interface SpreadsheetTable {
  /** The worksheet's name: at most 31 characters, none of [ ] : * ? / \ (safeSheetName makes one). */
  readonly name: string;
  /** Written above the header row in XLSX, and above the table in a CSV of several tables. */
  readonly title?: string;
  readonly columns: readonly SpreadsheetColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, CellValue>>>;
}

/** A table the writers cannot write: a bug in the code that built it, never the user's input. */
export class SpreadsheetTableError extends Error {
  override readonly name = 'SpreadsheetTableError';
}

const MAX_SHEET_NAME_LENGTH = 31;
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;
const CURRENCY_CODE = /^[A-Z]{3}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Why Excel would refuse this worksheet name, or null when it would take it. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'is empty';
  if (name.length > MAX_SHEET_NAME_LENGTH) return `is longer than ${MAX_SHEET_NAME_LENGTH} characters`;
  if (new RegExp(FORBIDDEN_IN_SHEET_NAME.source).test(name)) return 'contains one of [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with '";
  if (name.toLowerCase() === 'history') return 'is "History", which Excel reserves';
  return null;
}

/** A valid worksheet name made from any text (a title, a rep's role): forbidden characters become `-`. */
export function safeSheetName(text: string, fallback = 'Sheet'): string {
  const name = text
    .replace(FORBIDDEN_IN_SHEET_NAME, '-')
    .slice(0, MAX_SHEET_NAME_LENGTH)
    .replace(/^'+|'+$/g, '')
    .trim();
  return sheetNameProblem(name) === null ? name : fallback;
}

/** Throws SpreadsheetTableError when the table's name or columns cannot be written (cells: readCell). */
export function checkTable(table: SpreadsheetTable): void {
  const problem = sheetNameProblem(table.name);
  if (problem !== null) throw new SpreadsheetTableError(`table name "${table.name}" ${problem}`);
  if (table.columns.length === 0) throw new SpreadsheetTableError(`table "${table.name}" has no columns`);
  const keys = new Set<string>();
  for (const column of table.columns) {
    if (keys.has(column.key)) throw new SpreadsheetTableError(`table "${table.name}": column key "${column.key}" appears twice`);
    keys.add(column.key);
    if (!(COLUMN_KINDS as readonly string[]).includes(column.kind)) {
      throw new SpreadsheetTableError(`table "${table.name}", column "${column.key}": unknown kind "${column.kind as string}"`);
    }
    if (column.currency !== undefined && (column.kind !== 'money' || !CURRENCY_CODE.test(column.currency))) {
      throw new SpreadsheetTableError(`table "${table.name}", column "${column.key}": currency must be an ISO 4217 code on a money column`);
    }
  }
}

/** Throws when two tables would share a worksheet (Excel compares names case-insensitively). */
export function checkTables(tables: readonly SpreadsheetTable[]): void {
  const names = new Set<string>();
  for (const table of tables) {
    checkTable(table);
    const name = table.name.toLowerCase();
    if (names.has(name)) throw new SpreadsheetTableError(`two tables are named "${table.name}"`);
    names.add(name);
  }
}

/** A cell as the writers write it: text already neutralised, numbers finite, dates as Date. */
export type Cell =
  | { readonly type: 'empty' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'date'; readonly date: Date };

const EMPTY: Cell = { type: 'empty' };

/** The cell of `row` in `column`, checked against the column's kind; `rowIndex` (0-based) names it in errors. */
export function readCell(table: SpreadsheetTable, column: SpreadsheetColumn, row: Readonly<Record<string, CellValue>>, rowIndex: number): Cell {
  const value = row[column.key];
  if (value === null || value === undefined) return EMPTY;
  const wrong = (expected: string) =>
    new SpreadsheetTableError(`table "${table.name}", row ${rowIndex + 1}, column "${column.key}": expected ${expected}, got ${typeof value}`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw wrong('a finite number');
  switch (column.kind) {
    case 'text':
      if (typeof value === 'number') return { type: 'number', value };
      if (typeof value === 'string') return { type: 'text', text: neutraliseText(value) };
      throw wrong('a string or a number');
    case 'integer':
    case 'number':
    case 'percent':
    case 'money':
      if (typeof value === 'number') return { type: 'number', value };
      throw wrong('a number');
    case 'date':
    case 'datetime': {
      const date = typeof value === 'number' || typeof value === 'string' ? instantOrNull(value) : null;
      if (date === null) throw wrong('an ISO 8601 date-time or epoch milliseconds');
      return { type: 'date', date };
    }
    default: {
      const unknownKind: never = column.kind;
      throw new SpreadsheetTableError(`unknown column kind ${String(unknownKind)}`);
    }
  }
}

/** A moment given as a Date, epoch milliseconds or an ISO 8601 string; null when it is none of these. */
export function instantOrNull(value: Date | number | string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : null;
  if (!ISO_INSTANT.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

/** The currencies among several amounts-by-currency, sorted: one column or row each, never summed. */
export function currenciesOf(...amounts: ReadonlyArray<Readonly<Record<string, unknown>>>): string[] {
  const currencies = new Set<string>();
  for (const byCurrency of amounts) for (const currency of Object.keys(byCurrency)) currencies.add(currency);
  return [...currencies].sort();
}
