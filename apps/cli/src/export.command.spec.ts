/** The CLI's CSV lines: RFC 4180, every field quoted, and no field a spreadsheet would run as a formula. */
import { csvLine } from './export.command';

describe('csvLine', () => {
  it('quotes every field, doubles quotes, and writes objects as JSON', () => {
    expect(csvLine(['a', 'say "hi"', 3, { b: 1 }])).toBe('"a","say ""hi""","3","{""b"":1}"\r\n');
  });

  it('puts a quote before text a spreadsheet would take for a formula, and nothing else', () => {
    const line = csvLine(['=HYPERLINK("http://x")', '+7 495', '-1', '@SUM(A1)', '\tx', '\rx', 'ООО «Ромашка»', { name: '=x' }]);
    expect(line).toBe(`"'=HYPERLINK(""http://x"")","'+7 495","'-1","'@SUM(A1)","'\tx","'\rx","ООО «Ромашка»","{""name"":""=x""}"\r\n`);
  });
});
