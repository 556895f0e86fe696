/**
 * A small department month worked out by hand: four leads, three deals (one handed to a closer), two won,
 * one lost, two accounts; then in April one account churns and the other buys more. Every expected value
 * below was computed on paper from the times and amounts in the events.
 */
import { DocumentState } from '../engine/document-state';
import { eventFactory } from '../testing/event-factory';
import { computeKpis } from './compute-kpis';
import { kpiFactsProjection } from './kpi-facts.projection';

const RUB = (amount: number) => ({ amount, currency: 'RUB' });
const company = { name: 'ООО Ромашка' };
const contact = {};
const routing = { rule: 'named', candidates: [], skipped: [] };

function history() {
  const e = eventFactory();
  const lg = { userId: 'lg-1', role: 'lead-generator' };
  const hunter = { userId: 'hunter-1', role: 'hunter' };
  const closer = { userId: 'closer-1', role: 'closer' };
  const farmer = { userId: 'farmer-1', role: 'farmer' };
  const lead = (id: string, source: string, at: string) => [
    e('LeadCaptured', { leadId: id, company, contact, source }, at),
    e('LeadAssigned', { leadId: id, leadGeneratorId: 'lg-1', ...routing }, at),
  ];
  const attempt = (id: string, at: string) =>
    e('LeadContactAttempted', { leadId: id, attemptNumber: 1, channel: 'call', outcome: 'reached', script: { scriptId: 's1', version: 1 } }, at, lg);
  const qualify = (id: string, at: string) =>
    e('LeadQualified', { leadId: id, budget: RUB(1), authority: 'CEO', need: 'CRM', timing: 'Q2', estimatedValue: RUB(1) }, at, lg);
  const handOff = (id: string, dealId: string, at: string) =>
    e('LeadHandedOff', { leadId: id, hunterId: 'hunter-1', dealId, company, contact, estimatedValue: RUB(1), ...routing }, at, lg);
  const open = (dealId: string, leadId: string, value: number, at: string) =>
    e('DealOpened', { dealId, leadId, hunterId: 'hunter-1', company, contact, estimatedValue: RUB(value) }, at, hunter);
  const won = (dealId: string, amount: number, credit: unknown[], accountId: string, at: string, actor = hunter) =>
    e('DealWon', { dealId, amount: RUB(amount), credit, newClient: true, company, contact, accountId }, at, actor);
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
    // L1 → D1: won alone by the hunter in 10 days.
    ...lead('L1', 'manual', '2026-03-02T10:00:00Z'),
    attempt('L1', '2026-03-02T10:30:00Z'), // speed-to-lead 1,800 s
    qualify('L1', '2026-03-03T10:00:00Z'),
    handOff('L1', 'D1', '2026-03-03T12:00:00Z'), // qualified → handed off 7,200 s
    open('D1', 'L1', 500_000, '2026-03-03T12:00:00Z'),
    e('MeetingHeld', { dealId: 'D1', meetingId: 'm1', outcome: 'positive' }, '2026-03-05T10:00:00Z', hunter),
    e('ProposalSent', { dealId: 'D1', proposalId: 'p1', amount: RUB(600_000), validUntil: '2026-04-01T00:00:00.000Z' }, '2026-03-06T10:00:00Z', hunter),
    won('D1', 600_000, [{ repId: 'hunter-1', role: 'hunter', percent: 100 }], 'A1', '2026-03-13T12:00:00Z'),
    e('AccountOpened', { accountId: 'A1', dealId: 'D1', company, contact, farmerId: 'farmer-1', openingRevenue: RUB(600_000), ...routing }, '2026-03-13T12:01:00Z'),
    e('TouchpointLogged', { accountId: 'A1', touchpointId: 't1', kind: 'check-in' }, '2026-03-14T12:00:00Z', farmer),
    // L2 → D2: handed to the closer, won in 20 days, credit split 50/50.
    ...lead('L2', 'web-form', '2026-03-02T11:00:00Z'),
    attempt('L2', '2026-03-02T12:00:00Z'), // 3,600 s
    qualify('L2', '2026-03-04T09:00:00Z'),
    handOff('L2', 'D2', '2026-03-04T13:00:00Z'), // 14,400 s
    open('D2', 'L2', 300_000, '2026-03-04T13:00:00Z'),
    e('DealHandedOffToCloser', { dealId: 'D2', hunterId: 'hunter-1', closerId: 'closer-1', reason: 'stuck', ...routing }, '2026-03-05T10:00:00Z', hunter),
    e('MeetingScheduled', { dealId: 'D2', meetingId: 'm2', scheduledFor: '2026-03-07T10:00:00.000Z', kind: 'negotiation' }, '2026-03-06T10:00:00Z', closer), // closer moves after 86,400 s
    e('MeetingHeld', { dealId: 'D2', meetingId: 'm2', outcome: 'positive' }, '2026-03-07T10:00:00Z', closer),
    won('D2', 400_000, [{ repId: 'hunter-1', role: 'hunter', percent: 50 }, { repId: 'closer-1', role: 'closer', percent: 50 }], 'A2', '2026-03-24T13:00:00Z', closer),
    e('AccountOpened', { accountId: 'A2', dealId: 'D2', company, contact, farmerId: 'farmer-1', openingRevenue: RUB(400_000), ...routing }, '2026-03-24T13:00:30Z'),
    // L3 → D3: lost on price to a competitor.
    ...lead('L3', 'manual', '2026-03-03T09:00:00Z'),
    attempt('L3', '2026-03-03T09:15:00Z'), // 900 s
    qualify('L3', '2026-03-05T09:00:00Z'),
    handOff('L3', 'D3', '2026-03-05T10:00:00Z'), // 3,600 s
    open('D3', 'L3', 200_000, '2026-03-05T10:00:00Z'),
    e('DealLost', { dealId: 'D3', reason: 'price', competitor: 'amoCRM' }, '2026-03-20T10:00:00Z', hunter),
    // L4: disqualified.
    ...lead('L4', 'import', '2026-03-04T09:00:00Z'),
    attempt('L4', '2026-03-04T11:00:00Z'), // 7,200 s
    e('LeadDisqualified', { leadId: 'L4', reason: 'no-budget' }, '2026-03-05T09:00:00Z', lg),
    // April: A2 churns, A1 buys more.
    e('AccountChurned', { accountId: 'A2', reason: 'moved to a competitor' }, '2026-04-10T10:00:00Z', farmer),
    e('RepeatSaleOpened', { accountId: 'A1', repeatSaleId: 'r1', kind: 'upsell', estimatedValue: RUB(150_000) }, '2026-04-05T10:00:00Z', farmer),
    e('RepeatSaleWon', { accountId: 'A1', repeatSaleId: 'r1', amount: RUB(150_000) }, '2026-04-15T10:00:00Z', farmer),
  ];
}

function facts(): DocumentState {
  const documents = DocumentState.of(kpiFactsProjection);
  for (const event of history()) kpiFactsProjection.apply(documents, event);
  return documents;
}

const MARCH = { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') };
const APRIL = { from: Date.parse('2026-04-01T00:00:00Z'), to: Date.parse('2026-05-01T00:00:00Z') };

describe('computeKpis on a month worked out by hand', () => {
  const march = computeKpis(facts(), MARCH);

  it('counts the funnel by the time each stage was first reached', () => {
    expect(march.funnel).toEqual({ captured: 4, contacted: 4, qualified: 3, handedOff: 3, dealOpened: 3, meetingHeld: 2, proposalSent: 1, won: 2 });
    expect(march.stageConversion.contactedToQualified).toBe(0.75);
    expect(march.stageConversion.proposalSentToWon).toBe(2);
  });

  it('measures speed-to-lead and every handoff', () => {
    expect(march.speedToLead).toEqual({ leadsContacted: 4, medianSeconds: 2700 }); // 900, 1800 | 3600, 7200
    expect(march.handoffLatency).toEqual({
      leadGeneratorToHunter: { count: 3, medianSeconds: 7200 }, // 3600, 7200, 14400
      hunterToCloser: { count: 1, medianSeconds: 86_400 },
      wonToAccountOpened: { count: 2, medianSeconds: 45 }, // 60, 30
      wonToFirstFarmerTouch: { count: 1, medianSeconds: 86_400 },
    });
  });

  it('computes win rate, closer uplift, deal size, cycle and velocity', () => {
    expect(march.winRate).toEqual({ won: 2, lost: 1, rate: 0.6667 });
    expect(march.closerUplift).toEqual({
      withCloser: { won: 1, lost: 0, rate: 1 },
      withoutCloser: { won: 1, lost: 1, rate: 0.5 },
      uplift: 0.5,
    });
    expect(march.averageDealSize.average).toEqual({ RUB: 500_000 });
    expect(march.salesCycle).toEqual({ wonDeals: 2, medianDays: 15 }); // 10 and 20 days
    expect(march.salesVelocity).toEqual({ openDeals: 0, perDay: { RUB: 0 } });
    expect(march.lossReasons).toEqual({ deals: { price: 1 }, competitors: { amoCRM: 1 }, leadsDisqualified: { 'no-budget': 1 } });
  });

  it('sets plan against actual', () => {
    expect(march.planVsActual.map(({ planId, actual, attainment, remaining }) => ({ planId, actual, attainment, remaining }))).toEqual([
      { planId: 'plan-1', actual: 1_000_000, attainment: 1, remaining: 0 },
      { planId: 'plan-2', actual: 2, attainment: 0.5, remaining: 2 },
    ]);
    // In the middle of March only D1 was won: 600,000 of 1,000,000; the open pipeline D2 (300,000) and D3 (200,000).
    const midMarch = computeKpis(facts(), { from: MARCH.from, to: Date.parse('2026-03-16T00:00:00Z') });
    expect(midMarch.planVsActual[0]).toMatchObject({ actual: 600_000, remaining: 400_000 });
    expect(midMarch.pipelineCoverage).toEqual({ openPipeline: { RUB: 500_000 }, remainingPlan: { RUB: 400_000 }, coverage: { RUB: 1.25 } });
  });

  it('splits revenue by credit when grouped by rep, and counts a shared win for both', () => {
    const byRep = computeKpis(facts(), { ...MARCH, groupBy: 'rep' });
    const group = (key: string) => byRep.groups.find((each) => each.key === key)!;
    expect(group('hunter-1').revenue.newBusiness).toEqual({ RUB: 800_000 });
    expect(group('hunter-1').winRate).toEqual({ won: 2, lost: 1, rate: 0.6667 });
    expect(group('closer-1').revenue.newBusiness).toEqual({ RUB: 200_000 });
    expect(group('closer-1').winRate).toEqual({ won: 1, lost: 0, rate: 1 });
    expect(group('lg-1').funnel.captured).toBe(4);
    expect(group('lg-1').activity.attemptsPerLeadGeneratorPerDay).toBe(0.129); // 4 attempts ÷ 31 days
    const bySource = computeKpis(facts(), { ...MARCH, groupBy: 'source' });
    expect(bySource.groups.map((g) => [g.key, g.funnel.captured, g.funnel.won])).toEqual([
      ['import', 1, 0],
      ['manual', 2, 1],
      ['web-form', 1, 1],
    ]);
    const byScript = computeKpis(facts(), { ...MARCH, groupBy: 'script' });
    expect(byScript.groups.map((g) => [g.key, g.funnel.contacted])).toEqual([['s1@v1', 4]]);
  });

  it('computes churn, repeat-sale rate, GRR and NRR over the account base', () => {
    const april = computeKpis(facts(), APRIL);
    expect(april.retention).toEqual({
      baseAccounts: 2,
      churnedAccounts: 1,
      churnRate: 0.5,
      accountsWithRepeatSale: 1,
      repeatSaleRate: 0.5,
      baseRevenue: { RUB: 1_000_000 },
      churnedRevenue: { RUB: 400_000 },
      expansionRevenue: { RUB: 150_000 },
      grr: { RUB: 0.6 }, // (1,000,000 − 400,000) ÷ 1,000,000
      nrr: { RUB: 0.75 }, // (1,000,000 − 400,000 + 150,000) ÷ 1,000,000
    });
    expect(april.balance.newBusinessRevenue).toEqual({});
    expect(april.balance.repeatRevenue).toEqual({ RUB: 150_000 });
    expect(april.balance.byRole.farmer).toEqual({ headcount: 1, openWork: 1, capacity: 10, load: 0.1 });
  });
});
