import ExcelJS from 'exceljs';
import type { SpreadsheetTable } from './spreadsheet-table';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, XLSX_CREATOR, moneyFormat, numberFormat, writeXlsx } from './xlsx-writer';

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

const deals: SpreadsheetTable = {
  name: 'Deals',
  title: 'Deals, March',
  columns: [
    { key: 'company', header: 'Company', kind: 'text' },
    { key: 'won', header: 'Won', kind: 'integer' },
    { key: 'value', header: 'Days', kind: 'number' },
    { key: 'rate', header: 'Win rate', kind: 'percent' },
    { key: 'rub', header: 'Revenue, RUB', kind: 'money', currency: 'RUB' },
    { key: 'usd', header: 'Revenue, USD', kind: 'money', currency: 'USD' },
    { key: 'cny', header: 'Revenue, CNY', kind: 'money', currency: 'CNY' },
    { key: 'amount', header: 'Amount', kind: 'money' },
    { key: 'day', header: 'Day', kind: 'date' },
    { key: 'at', header: 'At', kind: 'datetime' },
  ],
  rows: [
    { company: 'ООО "Ромашка"', won: 1234, value: 15.5, rate: 0.4231, rub: 1_000_000, usd: 2500.5, cny: 10, amount: 7, day: '2026-03-05', at: '2026-03-05T10:30:00Z' },
    { company: '=HYPERLINK("http://x")', won: -3, value: null, rate: null, rub: -0.5, usd: null, cny: null, amount: null, day: null, at: null },
    { company: '+7 495 123-45-67', won: 0 },
    { company: '@SUM(A1)', won: 1 },
    { company: 'x'.repeat(200), won: 2 },
  ],
};
const plain: SpreadsheetTable = { name: 'Без заголовка', columns: [{ key: 'n', header: 'N', kind: 'integer' }], rows: [{ n: 1 }] };

describe('XLSX writer', () => {
  const created = new Date('2026-04-02T10:15:00Z');
  let workbook: ExcelJS.Workbook;
  let buffer: Buffer;

  beforeAll(async () => {
    buffer = await writeXlsx([deals, plain], { created, title: 'Sales KPIs' });
    workbook = await loadWorkbook(buffer);
  });

  it('returns the bytes of an xlsx (a zip) with the document metadata set', () => {
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(workbook.creator).toBe(XLSX_CREATOR);
    expect(workbook.lastModifiedBy).toBe(XLSX_CREATOR);
    expect(workbook.created).toEqual(created);
    expect(workbook.title).toBe('Sales KPIs');
  });

  it('writes one worksheet per table, in order', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Deals', 'Без заголовка']);
  });

  it('puts the title first and a bold, frozen, filtered header row under it', () => {
    const sheet = workbook.getWorksheet('Deals')!;
    expect(sheet.getCell('A1').value).toBe('Deals, March');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Company', 'Won', 'Days', 'Win rate', 'Revenue, RUB', 'Revenue, USD', 'Revenue, CNY', 'Amount', 'Day', 'At']);
    expect(sheet.getCell('B2').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:J2');
    const untitled = workbook.getWorksheet('Без заголовка')!;
    expect(untitled.getCell('A1').value).toBe('N');
    expect(untitled.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('types the cells and formats them by kind', () => {
    const sheet = workbook.getWorksheet('Deals')!;
    const row = sheet.getRow(3);
    expect(row.getCell(2).value).toBe(1234);
    expect(row.getCell(2).numFmt).toBe('#,##0');
    expect(row.getCell(3).value).toBe(15.5);
    expect(row.getCell(3).numFmt).toBe('#,##0.00');
    expect(row.getCell(4).value).toBe(0.4231);
    expect(row.getCell(4).numFmt).toBe('0.0%');
    expect(row.getCell(5).value).toBe(1_000_000);
    expect(row.getCell(5).numFmt).toBe('#,##0.00 "₽"');
    expect(row.getCell(6).numFmt).toBe('#,##0.00 "$"');
    expect(row.getCell(7).numFmt).toBe('#,##0.00 "CNY"');
    expect(row.getCell(8).numFmt).toBe('#,##0.00');
    expect(row.getCell(9).value).toEqual(new Date('2026-03-05T00:00:00Z'));
    expect(row.getCell(9).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(10).value).toEqual(new Date('2026-03-05T10:30:00Z'));
    expect(row.getCell(10).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  });

  it('writes negative numbers as numbers, null as an empty cell', () => {
    const row = workbook.getWorksheet('Deals')!.getRow(4);
    expect(row.getCell(2).value).toBe(-3);
    expect(row.getCell(5).value).toBe(-0.5);
    expect(row.getCell(3).value).toBeNull();
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Null);
  });

  it('writes text that would start a formula as text starting with a quote, never as a formula', () => {
    const sheet = workbook.getWorksheet('Deals')!;
    const column = [3, 4, 5, 6].map((row) => sheet.getRow(row).getCell(1));
    expect(column.map((cell) => cell.value)).toEqual(['ООО "Ромашка"', '\'=HYPERLINK("http://x")', "'+7 495 123-45-67", "'@SUM(A1)"]);
    for (const cell of column) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('fits column widths to the content, within bounds', () => {
    const sheet = workbook.getWorksheet('Deals')!;
    const widths = sheet.columns.map((column) => column.width!);
    for (const width of widths) {
      expect(width).toBeGreaterThanOrEqual(MIN_COLUMN_WIDTH);
      expect(width).toBeLessThanOrEqual(MAX_COLUMN_WIDTH);
    }
    expect(widths[0]).toBe(MAX_COLUMN_WIDTH); // 200 characters of company name
    expect(widths[4]).toBe('1,000,000.00 ₽'.length + 2);
    expect(widths[9]).toBe(19 + 2);
  });

  it('formats money by currency code', () => {
    expect(moneyFormat('EUR')).toBe('#,##0.00 "€"');
    expect(moneyFormat(undefined)).toBe('#,##0.00');
    expect(numberFormat({ kind: 'text' })).toBeUndefined();
  });

  it('refuses tables Excel would refuse', async () => {
    await expect(writeXlsx([{ ...plain, name: 'x'.repeat(32) }])).rejects.toThrow(/longer than 31/);
    await expect(writeXlsx([plain, { ...plain, name: 'без заголовка' }])).rejects.toThrow(/two tables are named/);
    await expect(writeXlsx([{ ...plain, columns: [{ key: 'n', header: 'N', kind: 'integer', currency: 'RUB' }] }])).rejects.toThrow(/currency/);
  });
});
