/**
 * Tables as CSV (RFC 4180): comma-separated, CRLF line ends, a field quoted when it holds `,` `"` CR or LF
 * (quotes doubled inside), a header row of the column headers. UTF-8 with a byte-order mark, so that Excel
 * opens Cyrillic as Cyrillic. Values are written for machines, not in a locale: numbers with `.` as the
 * decimal separator and no grouping, a percent as a fraction (0.4231), dates as ISO 8601 in UTC
 * (`2026-03-01` for a date, `2026-03-01T09:30:00.000Z` for a date-time), null as an empty field, text
 * neutralised against formula injection (formula-escape.ts).
 *
 * writeCsv writes one table per file: a plain rectangle every CSV reader takes. writeCsvSections puts
 * several tables into one file for a person to open (a title line, the table, a blank line, the next),
 * which is no longer one rectangle: give machines one file per table.
 */
import { neutraliseText } from './formula-escape';
import { checkTable, checkTables, readCell, type Cell, type SpreadsheetTable } from './spreadsheet-table';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';

/** One table as a CSV file: BOM, header row, one record per row. */
export function writeCsv(table: SpreadsheetTable): Buffer {
  checkTable(table);
  return Buffer.from(CSV_BOM + csvRecords(table), 'utf8');
}

/**
 * Several tables in one CSV file: for each, a line with its title (or name), its header and rows, and a
 * blank line between one table and the next. For a person opening it in a spreadsheet; a program reading
 * it should take writeCsv's one file per table instead.
 */
export function writeCsvSections(tables: readonly SpreadsheetTable[]): Buffer {
  checkTables(tables);
  const sections = tables.map((table) => csvRecord([neutraliseText(table.title ?? table.name)]) + csvRecords(table));
  return Buffer.from(CSV_BOM + sections.join(CRLF), 'utf8');
}

/** The header row and the rows of one table, each record ended by CRLF; no BOM. */
function csvRecords(table: SpreadsheetTable): string {
  let text = csvRecord(table.columns.map((column) => neutraliseText(column.header)));
  table.rows.forEach((row, index) => {
    text += csvRecord(table.columns.map((column) => csvValue(readCell(table, column, row, index), column.kind === 'date')));
  });
  return text;
}

/** A field as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CRLF;
}

function csvValue(cell: Cell, dateOnly: boolean): string {
  switch (cell.type) {
    case 'empty':
      return '';
    case 'text':
      return cell.text;
    case 'number':
      return plainNumber(cell.value);
    case 'date':
      return dateOnly ? cell.date.toISOString().slice(0, 10) : cell.date.toISOString();
    default: {
      const unknownCell: never = cell;
      throw new Error(`unknown cell ${JSON.stringify(unknownCell)}`);
    }
  }
}

/** A number with `.` for decimals and never in exponent form (1e21, 1e-7), which some readers take for text. */
export function plainNumber(value: number): string {
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  if (!text.includes('e')) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20, maximumSignificantDigits: 17 });
}
