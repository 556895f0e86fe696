/**
 * Tables as an Excel workbook (exceljs), one worksheet per table: the title (if any) in the first row, a
 * bold header row that stays in view when scrolling and carries a filter, columns as wide as their content
 * (within bounds), and typed cells: numbers as numbers with a format per column kind, dates as dates (UTC),
 * text as strings, never formulas, neutralised against formula injection all the same (formula-escape.ts).
 * The document says it was made by Sales-ops and when.
 */
import type ExcelJS from 'exceljs';
import { checkTables, readCell, type Cell, type ColumnKind, type SpreadsheetColumn, type SpreadsheetTable } from './spreadsheet-table';
import { neutraliseText } from './formula-escape';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_CREATOR = 'Sales-ops';

interface XlsxOptions {
  /** When the document was made (its metadata); now when not given. */
  readonly created?: Date;
  /** The document's title in its metadata. */
  readonly title?: string;
}

/** Column widths in characters: wide enough for the content, not so wide that one long name fills the screen. */
export const MIN_COLUMN_WIDTH = 8;
export const MAX_COLUMN_WIDTH = 60;

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { RUB: '₽', USD: '$', EUR: '€' };

/** The Excel number format of a column; undefined for text. */
export function numberFormat(column: Pick<SpreadsheetColumn, 'kind' | 'currency'>): string | undefined {
  switch (column.kind) {
    case 'text':
      return undefined;
    case 'integer':
      return '#,##0';
    case 'number':
      return '#,##0.00';
    case 'percent':
      return '0.0%';
    case 'money':
      return moneyFormat(column.currency);
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
    default: {
      const unknownKind: never = column.kind;
      throw new Error(`unknown column kind ${String(unknownKind)}`);
    }
  }
}

/** `#,##0.00 "₽"`: the currency's symbol (₽, $, €) or its ISO code after the amount; no unit without a currency. */
export function moneyFormat(currency: string | undefined): string {
  if (currency === undefined) return '#,##0.00';
  const unit = (CURRENCY_SYMBOLS[currency] ?? currency).replaceAll('"', '');
  return `#,##0.00 "${unit}"`;
}

/**
 * exceljs, loaded at the first workbook rather than at start: it is a fifth of what every app loads (0.2–0.4 s of
 * each boot), for a download few requests ask for.
 */
function excel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, and synchronously (buildWorkbook is)
  return require('exceljs') as typeof ExcelJS;
}

/** The workbook as the bytes of an .xlsx file. */
export async function writeXlsx(tables: readonly SpreadsheetTable[], options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = buildWorkbook(tables, options);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
}

/** The workbook itself, for a caller that streams it (workbook.xlsx.write(stream)). */
function buildWorkbook(tables: readonly SpreadsheetTable[], options: XlsxOptions = {}): ExcelJS.Workbook {
  checkTables(tables);
  const created = options.created ?? new Date();
  const workbook = new (excel().Workbook)();
  workbook.creator = XLSX_CREATOR;
  workbook.lastModifiedBy = XLSX_CREATOR;
  workbook.created = created;
  workbook.modified = created;
  if (options.title !== undefined) workbook.title = neutraliseText(options.title);
  for (const table of tables) addWorksheet(workbook, table);
  return workbook;
}

function addWorksheet(workbook: ExcelJS.Workbook, table: SpreadsheetTable): void {
  const headerRow = table.title === undefined ? 1 : 2;
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  if (table.title !== undefined) {
    const title = sheet.getCell(1, 1);
    title.value = neutraliseText(table.title);
    title.font = { bold: true, size: 14 };
  }
  const widths = table.columns.map((column) => column.header.length);
  table.columns.forEach((column, index) => {
    const cell = sheet.getCell(headerRow, index + 1);
    cell.value = neutraliseText(column.header);
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: false };
    cell.border = { bottom: { style: 'thin' } };
  });
  const formats = table.columns.map((column) => numberFormat(column));
  table.rows.forEach((row, rowIndex) => {
    const sheetRow = sheet.getRow(headerRow + 1 + rowIndex);
    table.columns.forEach((column, index) => {
      const cell = readCell(table, column, row, rowIndex);
      if (cell.type === 'empty') return;
      const target = sheetRow.getCell(index + 1);
      target.value = cell.type === 'text' ? cell.text : cell.type === 'number' ? cell.value : cell.date;
      const format = formats[index];
      if (format !== undefined) target.numFmt = format;
      widths[index] = Math.max(widths[index]!, shownLength(cell, column.kind, format));
    });
  });
  table.columns.forEach((_, index) => {
    sheet.getColumn(index + 1).width = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widths[index]! + 2));
  });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.columns.length } };
}

/** About how many characters the cell shows in its format (the widest line of a text). */
function shownLength(cell: Exclude<Cell, { type: 'empty' }>, kind: ColumnKind, format: string | undefined): number {
  switch (cell.type) {
    case 'text':
      return Math.max(...cell.text.split(/\r\n|\r|\n/).map((line) => line.length));
    case 'date':
      return kind === 'date' ? 10 : 19;
    case 'number': {
      const unit = format?.match(/"([^"]*)"$/)?.[1];
      const shown =
        kind === 'percent'
          ? `${(cell.value * 100).toFixed(1)}%`
          : cell.value.toLocaleString('en-US', kind === 'integer' || kind === 'text' ? { maximumFractionDigits: 0 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return shown.length + (unit === undefined ? 0 : unit.length + 1);
    }
    default: {
      const unknownCell: never = cell;
      throw new Error(`unknown cell ${JSON.stringify(unknownCell)}`);
    }
  }
}
