/**
 * What people type reaches the downloads without becoming a spreadsheet formula: reps' names (typed by the
 * head of sales) and a lost deal's competitor (typed by the hunter) come out of GET /kpis/export, as CSV and as
 * XLSX, as text with a leading `'`; no text cell of either file starts with = + - @ tab or CR, and the workbook
 * holds no formula. (The writers' own specs cover each cell kind; this is the whole path, from the request that
 * stored the text to the file.)
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { eventually } from './support/eventually';
import { startTestApp, type TestApp } from './support/http-app';
import { handedOffDeal } from './support/story';

const NAMES = { 'lg-ivan': '=HYPERLINK("http://evil.example","Иван")', 'h-anna': '@SUM(1+1)', 'c-kirill': '\t=1+1' } as const;
const COMPETITOR = '+7 495 000-00-00';
const TRIGGER = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

describe('GET /kpis/export with what people typed', () => {
  let app: TestApp;
  let head: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    head = await app.token('head-of-sales', 'rop-1');
    for (const [repId, name] of Object.entries(NAMES)) {
      const role = repId.startsWith('lg-') ? 'lead-generator' : repId.startsWith('h-') ? 'hunter' : 'closer';
      const response = await app.request('POST', '/team/reps', { token: head, body: { repId, name, role } });
      expect(response.status).toBe(201);
    }
    const { dealId } = await handedOffDeal(app);
    const lost = await app.request('POST', `/deals/${dealId}/lose`, { token: await app.token('hunter', 'h-anna'), body: { reason: 'competitor', competitor: COMPETITOR } });
    expect(lost.status).toBe(200);
    // The KPI facts have the loss once GET /kpis shows its competitor.
    await eventually(async () => JSON.stringify((await app.request('GET', '/kpis', { token: head })).body).includes(COMPETITOR));
  }, 60_000);
  afterAll(() => app.close());

  const download = async (format: 'csv' | 'xlsx') => {
    const response = await fetch(`${app.running.url}/kpis/export?format=${format}&content=all`, { headers: { authorization: `Bearer ${head}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };

  it('writes them into the CSV as text starting with a quote', async () => {
    const fields = (parse((await download('csv')).toString('utf8').replace(/^\uFEFF/, ''), { relaxColumnCount: true, skipEmptyLines: true }) as string[][]).flat();
    for (const name of Object.values(NAMES)) expect(fields).toContain(`'${name}`);
    expect(fields).toContain(`'${COMPETITOR}`);
    expect(fields.filter((field) => TRIGGER.test(field) && !NUMBER.test(field))).toEqual([]);
  });

  it('writes them into the workbook as strings starting with a quote, and no formula anywhere', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    const texts: string[] = [];
    const formulas: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) formulas.push(`${sheet.name}!${cell.address}`);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    expect(formulas).toEqual([]);
    for (const name of Object.values(NAMES)) expect(texts).toContain(`'${name}`);
    expect(texts).toContain(`'${COMPETITOR}`);
    expect(texts.filter((text) => TRIGGER.test(text))).toEqual([]);
  });
});
