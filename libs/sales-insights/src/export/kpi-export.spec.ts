/**
 * The KPI download end to end without HTTP: a small March worked out by hand goes through the real
 * computeKpis, the tables are written as CSV and XLSX, and the files are read back. Two deals are won in
 * different currencies (kept apart), and a lost deal, its competitor and a disqualified lead carry text
 * that a spreadsheet would run as a formula.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { StoredEvent } from '#libs/event-store';
import { DocumentState, computeKpis, kpiFactsProjection, type KpiReport } from '#libs/projections';
import { writeCsv, writeCsvSections } from './csv-writer';
import { cohortFunnelOf, funnelTable, isStageCounts, kpiTables, lossReasonsTable, plansTable, summaryTable } from './kpi-export';
import { leaderboardTable, type LeaderboardRow } from './leaderboard-export';
import type { CellValue, SpreadsheetTable } from './spreadsheet-table';
import { writeXlsx } from './xlsx-writer';

const HYPERLINK = '=HYPERLINK("http://x")';
const PHONE = '+7 495 123-45-67';
const SUM = '@SUM(A1)';

function history(): StoredEvent[] {
  let position = 0;
  const e = (type: string, data: Record<string, unknown>, at: string, actor = { userId: 'hos-1', role: 'head-of-sales' }): StoredEvent => {
    position += 1;
    return {
      eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      streamId: `test-${position}`,
      streamRevision: 0,
      position: { commit: position, prepare: position },
      occurredAt: new Date(at),
      recordedAt: new Date(at),
      data,
      metadata: { correlationId: `c-${position}`, causationId: null, actor },
    };
  };
  const money = (amount: number, currency = 'RUB') => ({ amount, currency });
  const company = { name: 'ООО Ромашка' };
  const contact = {};
  const routing = { rule: 'named', candidates: [], skipped: [] };
  const lg = { userId: 'lg-1', role: 'lead-generator' };
  const hunter = { userId: 'hunter-1', role: 'hunter' };
  const closer = { userId: 'closer-1', role: 'closer' };
  const lead = (id: string, at: string) => [
    e('LeadCaptured', { leadId: id, company, contact, source: 'manual' }, at),
    e('LeadAssigned', { leadId: id, leadGeneratorId: 'lg-1', ...routing }, at),
    e('LeadContactAttempted', { leadId: id, attemptNumber: 1, channel: 'call', outcome: 'reached', script: { scriptId: 's1', version: 1 } }, at.replace('T10', 'T11'), lg),
  ];
  const toDeal = (id: string, dealId: string, day: string, value: number) => [
    e('LeadQualified', { leadId: id, budget: money(1), authority: 'CEO', need: 'CRM', timing: 'Q2', estimatedValue: money(1) }, `${day}T09:00:00Z`, lg),
    e('LeadHandedOff', { leadId: id, hunterId: 'hunter-1', dealId, company, contact, estimatedValue: money(1), ...routing }, `${day}T12:00:00Z`, lg),
    e('DealOpened', { dealId, leadId: id, hunterId: 'hunter-1', company, contact, estimatedValue: money(value) }, `${day}T12:00:00Z`, hunter),
  ];
  return [
    ...['lg-1:lead-generator', 'hunter-1:hunter', 'closer-1:closer', 'farmer-1:farmer'].map((entry) => {
      const [repId, role] = entry.split(':');
      return e('RepJoined', { repId, name: repId, role, capacity: 10 }, '2026-02-01T09:00:00Z');
    }),
    e('SalesPlanSet', {
      planId: 'plan-1', periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z',
      scope: { kind: 'team' }, metric: 'new-business-revenue', target: 1_000_000, currency: 'RUB',
    }, '2026-02-25T09:00:00Z'),
    e('SalesPlanSet', {
      planId: 'plan-2', periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z',
      scope: { kind: 'rep', repId: 'hunter-1' }, metric: 'deals-won', target: 4,
    }, '2026-02-25T09:00:00Z'),
    // L1 → D1: won alone by the hunter, 600,000 RUB, in 10 days.
    ...lead('L1', '2026-03-02T10:00:00Z'),
    ...toDeal('L1', 'D1', '2026-03-03', 500_000),
    e('MeetingHeld', { dealId: 'D1', meetingId: 'm1', outcome: 'positive' }, '2026-03-05T10:00:00Z', hunter),
    e('ProposalSent', { dealId: 'D1', proposalId: 'p1', amount: money(600_000), validUntil: '2026-04-01T00:00:00.000Z' }, '2026-03-06T10:00:00Z', hunter),
    e('DealWon', { dealId: 'D1', amount: money(600_000), credit: [{ repId: 'hunter-1', role: 'hunter', percent: 100 }], newClient: true, company, contact, accountId: 'A1' }, '2026-03-13T12:00:00Z', hunter),
    // L2 → D2: handed to the closer and won in dollars, 10,000 USD, in 20 days.
    ...lead('L2', '2026-03-02T10:30:00Z'),
    ...toDeal('L2', 'D2', '2026-03-04', 300_000),
    e('DealHandedOffToCloser', { dealId: 'D2', hunterId: 'hunter-1', closerId: 'closer-1', reason: 'stuck', ...routing }, '2026-03-05T10:00:00Z', hunter),
    e('MeetingHeld', { dealId: 'D2', meetingId: 'm2', outcome: 'positive' }, '2026-03-07T10:00:00Z', closer),
    e('DealWon', {
      dealId: 'D2', amount: money(10_000, 'USD'), credit: [{ repId: 'hunter-1', role: 'hunter', percent: 50 }, { repId: 'closer-1', role: 'closer', percent: 50 }],
      newClient: true, company, contact, accountId: 'A2',
    }, '2026-03-24T12:00:00Z', closer),
    // L3 → D3: lost, with a reason and a competitor that would run as formulas.
    ...lead('L3', '2026-03-03T10:00:00Z'),
    ...toDeal('L3', 'D3', '2026-03-05', 200_000),
    e('DealLost', { dealId: 'D3', reason: HYPERLINK, competitor: SUM }, '2026-03-20T10:00:00Z', hunter),
    // L4: disqualified for a reason typed as a phone number.
    ...lead('L4', '2026-03-04T10:00:00Z'),
    e('LeadDisqualified', { leadId: 'L4', reason: PHONE }, '2026-03-05T09:00:00Z', lg),
  ];
}

function marchReport(): KpiReport {
  const documents = DocumentState.of(kpiFactsProjection);
  for (const event of history()) kpiFactsProjection.apply(documents, event);
  return computeKpis(documents, { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') });
}

const VIEW = { from: '2026-03-01T00:00:00Z', to: Date.parse('2026-04-01T00:00:00Z'), asOf: new Date('2026-04-02T10:15:00Z') };

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

/** A CSV as records keyed by the header row. */
function readCsv(buffer: Buffer): Array<Record<string, string>> {
  return parse(buffer, { bom: true, columns: true }) as Array<Record<string, string>>;
}

/** A worksheet's data rows keyed by the header row (which is row 2 under a title), with the cells themselves. */
function readSheet(sheet: ExcelJS.Worksheet, headerRow = 2): Array<Record<string, ExcelJS.Cell>> {
  const headers = (sheet.getRow(headerRow).values as unknown[]).slice(1) as string[];
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  for (let number = headerRow + 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    rows.push(Object.fromEntries(headers.map((header, index) => [header, row.getCell(index + 1)])));
  }
  return rows;
}

const byKey = (table: SpreadsheetTable, key: string) => table.rows.filter((row) => row.key === key);

describe('KPI export', () => {
  const report = marchReport();
  const tables = kpiTables(report, VIEW);
  const [summary, plans, funnel, losses] = tables as [SpreadsheetTable, SpreadsheetTable, SpreadsheetTable, SpreadsheetTable];

  it('builds the four tables of the dashboard, titled with the period and as-of', () => {
    expect(tables.map((table) => table.name)).toEqual(['Summary', 'Plans', 'Funnel', 'Loss reasons']);
    expect(summary.title).toBe('Sales KPIs: summary, 2026-03-01 – 2026-03-31, as of 2026-04-02 10:15 UTC');
    expect(summaryTable(report, { ...VIEW, asOf: null }).title).toBe('Sales KPIs: summary, 2026-03-01 – 2026-03-31, live');
  });

  it('refuses a view whose period is not the report\'s', () => {
    expect(() => kpiTables(report, { ...VIEW, from: '2026-02-01T00:00:00Z' })).toThrow(/the report covers/);
    expect(() => plansTable(report, { ...VIEW, asOf: 'yesterday' })).toThrow(/asOf: not a moment/);
  });

  it('lists the period, the as-of and the headline figures in the summary', () => {
    const one = (key: string) => {
      const rows = byKey(summary, key);
      expect(rows).toHaveLength(1);
      return rows[0]!;
    };
    expect(one('period.from').at).toBe('2026-03-01T00:00:00.000Z');
    expect(one('period.to').at).toBe('2026-04-01T00:00:00.000Z');
    expect(one('period.days').value).toBe(31);
    expect(one('asOf')).toMatchObject({ figure: 'As of', at: '2026-04-02T10:15:00.000Z' });
    expect(one('winRate.won').count).toBe(2);
    expect(one('winRate.lost').count).toBe(1);
    expect(one('winRate.rate')).toMatchObject({ count: 3, rate: 0.6667 });
    expect(one('salesCycle.medianDays')).toMatchObject({ count: 2, value: 15 });
    expect(one('speedToLead.medianSeconds')).toMatchObject({ count: 4, value: 3600 });
    expect(one('handoffLatency.leadGeneratorToHunter.medianSeconds')).toMatchObject({ count: 3, value: 10_800 });
    expect(one('handoffLatency.hunterToCloser.medianSeconds').count).toBe(1);
    expect(one('retention.grr')).toMatchObject({ currency: null, rate: null }); // no account base on 1 March
  });

  it('keeps currencies apart: one row per currency, never a sum across them', () => {
    const pick = (key: string, cell: string) => byKey(summary, key).map((row) => [row.currency, row[cell]]);
    expect(pick('revenue.newBusiness', 'amount')).toEqual([['RUB', 600_000], ['USD', 10_000]]);
    expect(pick('averageDealSize.average', 'amount')).toEqual([['RUB', 600_000], ['USD', 10_000]]);
    expect(byKey(summary, 'averageDealSize.average').map((row) => row.count)).toEqual([1, 1]);
    expect(pick('balance.newBusinessShare', 'rate')).toEqual([['RUB', 1], ['USD', 1]]);
    expect(pick('revenue.repeat', 'amount')).toEqual([[null, null]]);
    expect(summary.rows.some((row) => row.amount === 610_000)).toBe(false);
  });

  it('sets every plan against its actual', () => {
    expect(plans.rows).toEqual([
      {
        planId: 'plan-1', metric: 'new-business-revenue', scope: 'team', periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z',
        currency: 'RUB', target: 1_000_000, actual: 600_000, attainment: 0.6, remaining: 400_000, periodElapsed: 1,
      },
      {
        planId: 'plan-2', metric: 'deals-won', scope: 'rep: hunter-1', periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z',
        currency: null, target: 4, actual: 2, attainment: 0.5, remaining: 2, periodElapsed: 1,
      },
    ]);
  });

  const withCohort = (cohortFunnel: unknown) => ({ ...report, cohortFunnel }) as unknown as KpiReport;
  const withoutCohort = () => {
    const { cohortFunnel: _, ...rest } = report as KpiReport & { cohortFunnel?: unknown };
    return rest as unknown as KpiReport;
  };
  const BASE_COLUMNS = ['stage', 'label', 'count', 'conversion'];

  it('counts the funnel with the conversion from the stage before', () => {
    const table = funnelTable(withoutCohort(), VIEW);
    expect(table.columns.map((column) => column.key)).toEqual(BASE_COLUMNS);
    expect(table.rows.map((row) => [row.stage, row.label, row.count, row.conversion])).toEqual([
      ['captured', 'Captured', 4, null],
      ['contacted', 'Contacted', 4, 1],
      ['qualified', 'Qualified', 3, 0.75],
      ['handedOff', 'Handed off to a hunter', 3, 1],
      ['dealOpened', 'Deal opened', 3, 1],
      ['meetingHeld', 'Meeting held', 2, 0.6667],
      ['proposalSent', 'Proposal sent', 1, 0.5],
      ['won', 'Won', 2, 2],
    ]);
  });

  it("adds the report's own cohort funnel when computeKpis gives one", () => {
    if (!('cohortFunnel' in report)) {
      expect(funnel.columns.map((column) => column.key)).toEqual(BASE_COLUMNS);
      return;
    }
    // Of the four leads captured in March: two won (D2 without a proposal, counted as past it), one lost after
    // its deal opened, one disqualified after contact.
    expect(funnel.rows.map((row) => [row.stage, row.cohortCount])).toEqual([
      ['captured', 4], ['contacted', 4], ['qualified', 3], ['handedOff', 3], ['dealOpened', 3], ['meetingHeld', 2], ['proposalSent', 2], ['won', 2],
    ]);
  });

  it('reads a cohort funnel given as { funnel, stageConversion, dropOff }', () => {
    const cohort = {
      funnel: { captured: 10, contacted: 8, qualified: 4, handedOff: 4, dealOpened: 4, meetingHeld: 3, proposalSent: 2, won: 1 },
      stageConversion: { capturedToContacted: 0.8, contactedToQualified: 0.5, qualifiedToHandedOff: 1, handedOffToDealOpened: 1, dealOpenedToMeetingHeld: 0.75, meetingHeldToProposalSent: 0.6667, proposalSentToWon: 0.5 },
      dropOff: { capturedToContacted: 2, contactedToQualified: 4, qualifiedToHandedOff: 0, handedOffToDealOpened: 0, dealOpenedToMeetingHeld: 1, meetingHeldToProposalSent: 1, proposalSentToWon: 1 },
    };
    expect(cohortFunnelOf(withCohort(cohort))).toEqual(cohort);
    const table = funnelTable(withCohort(cohort), VIEW);
    expect(table.columns.map((column) => column.key)).toEqual([...BASE_COLUMNS, 'cohortCount', 'cohortConversion', 'cohortDropOff']);
    expect(table.rows.map((row) => [row.stage, row.cohortCount, row.cohortConversion, row.cohortDropOff])).toEqual([
      ['captured', 10, null, null],
      ['contacted', 8, 0.8, 2],
      ['qualified', 4, 0.5, 4],
      ['handedOff', 4, 1, 0],
      ['dealOpened', 4, 1, 0],
      ['meetingHeld', 3, 0.75, 1],
      ['proposalSent', 2, 0.6667, 1],
      ['won', 1, 0.5, 1],
    ]);
  });

  it('reads a cohort funnel given as the stage counts alone, computing its conversions', () => {
    const counts = { captured: 4, contacted: 4, qualified: 3, handedOff: 3, dealOpened: 3, meetingHeld: 2, proposalSent: 0, won: 0 };
    const table = funnelTable(withCohort(counts), VIEW);
    expect(table.columns.map((column) => column.key)).toEqual([...BASE_COLUMNS, 'cohortCount', 'cohortConversion']);
    expect(table.rows.map((row) => [row.cohortCount, row.cohortConversion])).toEqual([
      [4, null], [4, 1], [3, 0.75], [3, 1], [3, 1], [2, 0.6667], [0, 0], [0, null],
    ]);
  });

  it('leaves the cohort out when it has another shape', () => {
    for (const odd of [null, [], 'x', {}, { captured: '4' }, { captured: -1 }, { other: 1 }, { funnel: { captured: Number.NaN } }, { funnel: 'x' }]) {
      expect(isStageCounts(odd)).toBe(false);
      expect(cohortFunnelOf(withCohort(odd))).toBeNull();
      expect(funnelTable(withCohort(odd), VIEW).columns.map((column) => column.key)).toEqual(BASE_COLUMNS);
    }
    // a malformed dropOff or stageConversion is left out or recomputed, the counts kept
    const partial = cohortFunnelOf(withCohort({ funnel: { captured: 2, contacted: 1 }, stageConversion: 'x', dropOff: { capturedToContacted: null } }));
    expect(partial).toMatchObject({ funnel: { captured: 2, contacted: 1 }, stageConversion: { capturedToContacted: 0.5, contactedToQualified: null }, dropOff: null });
  });

  it('lists loss reasons and competitors with counts, most frequent first', () => {
    expect(losses.rows).toEqual([
      { category: 'deal lost: reason', name: HYPERLINK, count: 1, share: 1 },
      { category: 'deal lost: competitor', name: SUM, count: 1, share: 1 },
      { category: 'lead disqualified: reason', name: PHONE, count: 1, share: 1 },
    ]);
    const many = lossReasonsTable({ ...report, lossReasons: { deals: { timing: 1, price: 3, budget: 1 }, competitors: {}, leadsDisqualified: {} } }, VIEW);
    expect(many.rows.map((row) => [row.name, row.share])).toEqual([['price', 0.6], ['budget', 0.2], ['timing', 0.2]]);
  });

  describe('written as CSV and read back', () => {
    it('has the BOM, the headers and the values as numbers a machine reads', () => {
      const buffer = writeCsv(summary);
      expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records = readCsv(buffer);
      expect(Object.keys(records[0]!)).toEqual(['Figure', 'Currency', 'Count', 'Value', 'Rate', 'Amount', 'Date (UTC)', 'Key']);
      const row = (key: string) => records.filter((record) => record.Key === key);
      expect(row('period.from')[0]!['Date (UTC)']).toBe('2026-03-01T00:00:00.000Z');
      expect(row('winRate.rate')[0]).toMatchObject({ Count: '3', Rate: '0.6667', Amount: '' });
      expect(row('revenue.newBusiness').map((record) => [record.Currency, Number(record.Amount)])).toEqual([['RUB', 600_000], ['USD', 10_000]]);
    });

    it('writes the text a spreadsheet would run as text starting with a quote', () => {
      const records = readCsv(writeCsv(losses));
      expect(records.map((record) => record['Reason or competitor'])).toEqual([`'${HYPERLINK}`, `'${SUM}`, `'${PHONE}`]);
      expect(records.map((record) => record.Count)).toEqual(['1', '1', '1']);
    });

    it('puts all four tables into one file for a person, titled', () => {
      const records = parse(writeCsvSections(tables), { bom: true, relax_column_count: true }) as string[][];
      const titles = records.filter((record) => record.length === 1 && record[0]!.startsWith('Sales KPIs'));
      expect(titles.map((record) => record[0])).toEqual(tables.map((table) => table.title));
    });
  });

  describe('written as XLSX and read back', () => {
    let workbook: ExcelJS.Workbook;
    beforeAll(async () => {
      workbook = await loadWorkbook(await writeXlsx(tables, { created: new Date('2026-04-02T10:16:00Z'), title: summary.title! }));
    });

    it('has one sheet per table with its title above the header', () => {
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Plans', 'Funnel', 'Loss reasons']);
      expect(workbook.getWorksheet('Plans')!.getCell('A1').value).toBe(plans.title);
      expect(workbook.creator).toBe('Sales-ops');
      expect(workbook.created).toEqual(new Date('2026-04-02T10:16:00Z'));
    });

    it('writes figures as numbers in their formats and dates as dates', () => {
      const rows = readSheet(workbook.getWorksheet('Summary')!);
      const find = (key: string) => rows.filter((row) => row.Key!.value === key);
      const from = find('period.from')[0]!['Date (UTC)']!;
      expect(from.value).toEqual(new Date('2026-03-01T00:00:00Z'));
      expect(from.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      const rate = find('winRate.rate')[0]!;
      expect(rate.Rate!.value).toBe(0.6667);
      expect(rate.Rate!.numFmt).toBe('0.0%');
      expect(rate.Count!.value).toBe(3);
      expect(rate.Count!.numFmt).toBe('#,##0');
      const revenue = find('revenue.newBusiness');
      expect(revenue.map((row) => [row.Currency!.value, row.Amount!.value, row.Amount!.numFmt])).toEqual([
        ['RUB', 600_000, '#,##0.00'],
        ['USD', 10_000, '#,##0.00'],
      ]);
      const plan = readSheet(workbook.getWorksheet('Plans')!)[0]!;
      expect([plan.Target!.value, plan.Actual!.value, plan.Attainment!.value, plan.Attainment!.numFmt]).toEqual([1_000_000, 600_000, 0.6, '0.0%']);
      expect(plan['Plan period start (UTC)']!.value).toEqual(new Date('2026-03-01T00:00:00Z'));
      expect(plan.Currency!.value).toBe('RUB');
    });

    it('writes the text a spreadsheet would run as text starting with a quote, never as a formula', () => {
      const rows = readSheet(workbook.getWorksheet('Loss reasons')!);
      expect(rows.map((row) => row['Reason or competitor']!.value)).toEqual([`'${HYPERLINK}`, `'${SUM}`, `'${PHONE}`]);
      for (const row of rows) {
        expect(row['Reason or competitor']!.type).toBe(ExcelJS.ValueType.String);
        expect(row.Count!.value).toBe(1);
        expect(row.Count!.type).toBe(ExcelJS.ValueType.Number);
      }
    });
  });
});

describe('leaderboard export', () => {
  const rep = (repId: string, name: string | null, figures: Partial<LeaderboardRow['figures']>): LeaderboardRow => ({
    repId, name, role: 'hunter', available: true, capacity: 10, openWork: 4, load: 0.4, planAttainment: 0.75,
    figures: { won: 3, lost: 1, winRate: 0.75, newBusinessRevenue: {}, repeatRevenue: {}, meetingsHeld: 5, attempts: 0, touchpoints: 0, ...figures },
  });
  const rows = [
    rep('hunter-1', 'Иван Петров', { newBusinessRevenue: { RUB: 600_000, USD: 5_000 } }),
    { ...rep('hunter-2', '=cmd|" /C calc"!A0', { won: 0, lost: 0, winRate: null }), available: false, load: null, planAttainment: null },
    rep('farmer-1', null, { repeatRevenue: { EUR: 1_500.5 } }),
  ];
  const table = leaderboardTable(rows, { from: '2026-03-01', to: '2026-04-01', asOf: null });

  it('has one money column per currency, a rep without revenue in it at 0', () => {
    expect(table.title).toBe('Team leaderboard, 2026-03-01 – 2026-03-31, live');
    const money = table.columns.filter((column) => column.kind === 'money');
    expect(money.map((column) => [column.header, column.currency])).toEqual([
      ['New-business revenue, RUB', 'RUB'],
      ['New-business revenue, USD', 'USD'],
      ['Repeat revenue, EUR', 'EUR'],
    ]);
    expect(table.rows.map((row) => [row['newBusinessRevenue.RUB'], row['newBusinessRevenue.USD'], row['repeatRevenue.EUR']])).toEqual([
      [600_000, 5_000, 0],
      [0, 0, 0],
      [0, 0, 1_500.5],
    ]);
    expect(leaderboardTable([]).rows).toEqual([]);
  });

  it('reads back from CSV and XLSX with names as text and figures as numbers', async () => {
    const records = readCsv(writeCsv(table));
    expect(records.map((record) => [record.Name, record.Available, record['Win rate'], record['New-business revenue, RUB']])).toEqual([
      ['Иван Петров', 'yes', '0.75', '600000'],
      ['\'=cmd|" /C calc"!A0', 'no', '', '0'],
      ['', 'yes', '0.75', '0'],
    ]);
    const sheet = (await loadWorkbook(await writeXlsx([table]))).getWorksheet('Leaderboard')!;
    const read = readSheet(sheet);
    const value = (row: number, header: string): CellValue | Date => read[row]![header]!.value as CellValue | Date;
    expect(value(0, 'Name')).toBe('Иван Петров');
    expect(value(1, 'Name')).toBe('\'=cmd|" /C calc"!A0');
    expect(value(0, 'New-business revenue, RUB')).toBe(600_000);
    expect(read[0]!['New-business revenue, RUB']!.numFmt).toBe('#,##0.00 "₽"');
    expect(read[0]!['New-business revenue, USD']!.numFmt).toBe('#,##0.00 "$"');
    expect(read[2]!['Repeat revenue, EUR']!.numFmt).toBe('#,##0.00 "€"');
    expect(value(0, 'Load')).toBe(0.4);
    expect(value(1, 'Load')).toBeNull();
  });
});
