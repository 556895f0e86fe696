import { parse } from 'csv-parse/sync';
import { CSV_BOM, csvField, plainNumber, writeCsv, writeCsvSections } from './csv-writer';
import { SpreadsheetTableError, type SpreadsheetTable } from './spreadsheet-table';

const table: SpreadsheetTable = {
  name: 'Deals',
  title: 'Deals, March',
  columns: [
    { key: 'company', header: 'Company', kind: 'text' },
    { key: 'won', header: 'Won', kind: 'integer' },
    { key: 'amount', header: 'Amount, RUB', kind: 'money', currency: 'RUB' },
    { key: 'rate', header: 'Win rate', kind: 'percent' },
    { key: 'day', header: 'Day', kind: 'date' },
    { key: 'at', header: 'At', kind: 'datetime' },
  ],
  rows: [
    { company: 'ООО "Ромашка", Москва', won: 3, amount: 1234567.5, rate: 0.4231, day: '2026-03-05T10:00:00Z', at: Date.parse('2026-03-05T10:00:00Z') },
    { company: '=HYPERLINK("http://x")', won: -1, amount: -0.25, rate: null, day: null, at: null },
    { company: '+7 495 123-45-67', won: 0, amount: 1e-7, rate: 1, day: '2026-03-31', at: '2026-03-31T23:59:59.999Z' },
    { company: '@SUM(A1)', won: null, amount: null, rate: 0 },
    { company: 'line one\nline two', won: 1 },
  ],
};

function read(buffer: Buffer): string[][] {
  return parse(buffer, { bom: true, relax_column_count: true }) as string[][];
}

describe('CSV writer', () => {
  const buffer = writeCsv(table);
  const text = buffer.toString('utf8');

  it('starts with a UTF-8 byte-order mark and ends every record with CRLF', () => {
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\r')).toBe(false);
    // the only bare LF is inside the quoted multi-line field
    expect(text.split('\n').filter((line) => !line.endsWith('\r'))).toEqual(['"line one', '']);
  });

  it('writes a header row and the values as a machine reads them', () => {
    expect(read(buffer)).toEqual([
      ['Company', 'Won', 'Amount, RUB', 'Win rate', 'Day', 'At'],
      ['ООО "Ромашка", Москва', '3', '1234567.5', '0.4231', '2026-03-05', '2026-03-05T10:00:00.000Z'],
      ['\'=HYPERLINK("http://x")', '-1', '-0.25', '', '', ''],
      ["'+7 495 123-45-67", '0', '0.0000001', '1', '2026-03-31', '2026-03-31T23:59:59.999Z'],
      ["'@SUM(A1)", '', '', '0', '', ''],
      ['line one\nline two', '1', '', '', '', ''],
    ]);
  });

  it('quotes fields with a comma, a quote, CR or LF and doubles the quotes', () => {
    expect(text).toContain('"ООО ""Ромашка"", Москва"');
    expect(text).toContain('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('a,b')).toBe('"a,b"');
  });

  it('writes numbers with a dot and never in exponent form', () => {
    expect(plainNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(-2.5e-8)).toBe('-0.000000025');
    expect(plainNumber(-0)).toBe('0');
  });

  it('writes several tables into one file with their titles between them', () => {
    const second: SpreadsheetTable = { name: 'Reasons', columns: [{ key: 'reason', header: 'Reason', kind: 'text' }], rows: [{ reason: '-price' }] };
    const records = read(writeCsvSections([table, second]));
    expect(records[0]).toEqual(['Deals, March']);
    expect(records[1]).toEqual(['Company', 'Won', 'Amount, RUB', 'Win rate', 'Day', 'At']);
    expect(records.slice(-3)).toEqual([['Reasons'], ['Reason'], ["'-price"]]);
    const text = writeCsvSections([table, second]).toString('utf8');
    expect(text).toContain('\r\n\r\nReasons\r\n');
  });

  it('refuses a table it cannot write faithfully', () => {
    const column = table.columns[1]!;
    expect(() => writeCsv({ ...table, rows: [{ won: '12' }] })).toThrow(/row 1, column "won": expected a number/);
    expect(() => writeCsv({ ...table, rows: [{ won: Number.NaN }] })).toThrow(SpreadsheetTableError);
    expect(() => writeCsv({ ...table, rows: [{ day: 'yesterday' }] })).toThrow(/expected an ISO 8601/);
    expect(() => writeCsv({ ...table, columns: [column, column] })).toThrow(/appears twice/);
    expect(() => writeCsv({ ...table, name: 'a/b' })).toThrow(/contains one of/);
    expect(() => writeCsvSections([table, { ...table, name: 'DEALS' }])).toThrow(/two tables are named/);
  });
});
