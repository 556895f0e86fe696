import { FORMULA_TRIGGERS, escapeCellValue, escapeFormula, neutraliseText } from './formula-escape';

describe('formula escape', () => {
  it.each([
    ['=', '=HYPERLINK("http://x")'],
    ['+', '+7 495 123-45-67'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ])('prefixes text starting with %s with a quote', (_, text) => {
    expect(escapeFormula(text)).toBe(`'${text}`);
    expect(escapeCellValue(text)).toBe(`'${text}`);
  });

  it('covers exactly the OWASP triggers', () => {
    expect([...FORMULA_TRIGGERS].sort()).toEqual(['\t', '\r', '+', '-', '=', '@'].sort());
  });

  it('leaves text with an inner = or trigger alone', () => {
    expect(escapeFormula('ООО "Ромашка" = лучшие')).toBe('ООО "Ромашка" = лучшие');
    expect(escapeFormula('a-b+c@d')).toBe('a-b+c@d');
    expect(escapeFormula(' =1+1')).toBe(' =1+1');
    expect(escapeFormula('\n=1')).toBe('\n=1');
    expect(escapeFormula('')).toBe('');
  });

  it('leaves numbers, negative ones too, and null alone', () => {
    expect(escapeCellValue(-42)).toBe(-42);
    expect(escapeCellValue(-0.5)).toBe(-0.5);
    expect(escapeCellValue(0)).toBe(0);
    expect(escapeCellValue(1_000_000)).toBe(1_000_000);
    expect(escapeCellValue(null)).toBeNull();
  });

  it('escapes text that looks like a negative number: it is text, not a number', () => {
    expect(escapeCellValue('-42')).toBe("'-42");
  });

  it('drops control characters an XLSX cannot hold before looking at the first character', () => {
    expect(neutraliseText('\u000b=cmd|" /C calc"!A0')).toBe('\'=cmd|" /C calc"!A0');
    expect(neutraliseText('\u0000\u007fАкме')).toBe('Акме');
    expect(neutraliseText('line one\r\nline two\tend')).toBe('line one\r\nline two\tend');
  });
});
