import { currenciesOf, instantOrNull, readCell, safeSheetName, sheetNameProblem, type SpreadsheetTable } from './spreadsheet-table';

describe('spreadsheet table', () => {
  it('says why Excel would refuse a sheet name, and makes a valid one from any text', () => {
    expect(sheetNameProblem('Loss reasons')).toBeNull();
    expect(sheetNameProblem('x'.repeat(31))).toBeNull();
    expect(sheetNameProblem('x'.repeat(32))).toMatch(/longer than 31/);
    for (const name of ['a[b', 'a]b', 'a:b', 'a*b', 'a?b', 'a/b', 'a\\b']) expect(sheetNameProblem(name)).toMatch(/contains one of/);
    expect(sheetNameProblem("'quoted")).toMatch(/starts or ends/);
    expect(sheetNameProblem(' ')).toMatch(/empty/);
    expect(sheetNameProblem('History')).toMatch(/reserves/);
    expect(safeSheetName('Plan vs actual: Q1/Q2 [draft]?')).toBe('Plan vs actual- Q1-Q2 -draft--');
    expect(safeSheetName('Воронка продаж за март 2026 года — по ролям')).toHaveLength(31);
    expect(safeSheetName("'''")).toBe('Sheet');
  });

  it('reads cells by their column kind: text neutralised, numbers as numbers, dates as UTC', () => {
    const table: SpreadsheetTable = {
      name: 'T',
      columns: [
        { key: 'text', header: 'Text', kind: 'text' },
        { key: 'money', header: 'Money', kind: 'money', currency: 'RUB' },
        { key: 'day', header: 'Day', kind: 'date' },
      ],
      rows: [],
    };
    const [text, money, day] = [table.columns[0]!, table.columns[1]!, table.columns[2]!];
    expect(readCell(table, text, { text: '-1' }, 0)).toEqual({ type: 'text', text: "'-1" });
    expect(readCell(table, text, { text: -1 }, 0)).toEqual({ type: 'number', value: -1 });
    expect(readCell(table, money, { money: -1 }, 0)).toEqual({ type: 'number', value: -1 });
    expect(readCell(table, money, {}, 0)).toEqual({ type: 'empty' });
    expect(readCell(table, day, { day: '2026-03-01' }, 0)).toEqual({ type: 'date', date: new Date('2026-03-01T00:00:00Z') });
    expect(() => readCell(table, money, { money: Infinity }, 4)).toThrow(/row 5, column "money": expected a finite number/);
    expect(() => readCell(table, day, { day: '01.03.2026' }, 0)).toThrow(/ISO 8601/);
  });

  it('reads moments and lists currencies', () => {
    expect(instantOrNull('2026-03-01T09:00:00+03:00')).toEqual(new Date('2026-03-01T06:00:00Z'));
    expect(instantOrNull('March')).toBeNull();
    expect(instantOrNull(Number.NaN)).toBeNull();
    expect(instantOrNull(new Date('x'))).toBeNull();
    expect(currenciesOf({ USD: 1, RUB: 2 }, {}, { EUR: 3, RUB: 4 })).toEqual(['EUR', 'RUB', 'USD']);
  });
});
