/**
 * The one place that neutralises spreadsheet formula injection (OWASP "CSV injection"). A text cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return can be taken for a formula by Excel,
 * LibreOffice or Google Sheets when the file is opened (`=HYPERLINK("http://x")`, `@SUM(A1)`, `+7 495 …`):
 * such text gets a leading `'`, which makes every one of them show it as text. Company names, loss reasons
 * and competitors are typed by people outside the head of sales' control, so every text cell the export
 * writes passes through here: in CSV, and in XLSX too, where cells are written as strings, never as
 * formulas, but the workbook may be re-saved as CSV by whoever opens it.
 *
 * Numbers are not text: a negative number is written as a number and not escaped. The quote changes what
 * the cell shows (`'=1+1`); that is the price OWASP accepts for a file that cannot run anything.
 */

/** The first characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Control characters an XLSX (XML 1.0) cannot hold: exceljs drops them silently when it writes, so
 * `"\u000b=cmd"` would reach the sheet as `=cmd` after the check. They are removed before the check, in CSV
 * as in XLSX, so both files hold the same text. Tab, line feed and carriage return stay.
 */
function writable(text: string): string {
  let result = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      result += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : result + text.slice(start);
}

/** The text with a leading `'` when its first character would start a formula. */
export function escapeFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]!) ? `'${text}` : text;
}

/** Text as the export writes it: without characters a spreadsheet cannot hold, and escaped. */
export function neutraliseText(text: string): string {
  return escapeFormula(writable(text));
}

/** A cell value as the export writes it: text neutralised; numbers (negative ones too) and null unchanged. */
export function escapeCellValue<T extends string | number | null>(value: T): T {
  return (typeof value === 'string' ? neutraliseText(value) : value) as T;
}
