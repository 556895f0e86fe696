/**
 * The forecast of a quarter made on 1 June, every number worked out by hand. The quarter is
 * [1 Apr, 1 Jul) 2026, 91 days; made at 1 Jun, R = 30 days left, so a stage's odds come from the deals that
 * reached it by 2 May and whether they were won within 30 days of reaching it, and the new pipeline from the
 * deals opened in the 90 days [1 Feb, 2 May). Then the new pipeline on its own, on a month made on its 11th.
 */
import { given, kpiStory, type History } from '../testing/kpi-story';
import { DEAL_STAGES, type DealStage } from '#libs/contracts';
import type { DealFact } from './kpi-facts.projection';
import { forecastPeriod, type Forecast } from './forecast';

const story = kpiStory();
const Q2 = { from: Date.parse('2026-04-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
const MADE_AT = Date.parse('2026-06-01T00:00:00Z');

const before = [
  story.rep('h-1', 'hunter', '2025-12-01T09:00:00Z'),
  story.rep('h-2', 'hunter', '2025-12-01T09:00:00Z'),
  story.rep('c-1', 'closer', '2025-12-01T09:00:00Z'),
  story.rep('f-1', 'farmer', '2025-12-01T09:00:00Z'),
  story.plan('P-rev', 'new-business-revenue', { kind: 'team' }, 1000, '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', 'RUB'),
  story.plan('P-h1', 'new-business-revenue', { kind: 'rep', repId: 'h-1' }, 500, '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', 'RUB'),
  story.plan('P-deals', 'deals-won', { kind: 'team' }, 4, '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'),
  story.plan('P-repeat', 'repeat-revenue', { kind: 'team' }, 400, '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', 'RUB'),
  story.plan('P-meetings', 'meetings-held', { kind: 'team' }, 20, '2026-04-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'),
  // Another period's plan: not this forecast's.
  story.plan('P-may', 'deals-won', { kind: 'team' }, 2, '2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'),
  // The history the odds come from.
  story.lead('LH1', '2026-01-09T10:00:00Z'), story.handOff('LH1', 'H1', '2026-01-10T00:00:00Z'), // qualification 10 Jan
  story.stage('H1', 'qualification', 'discovery', '2026-01-12T00:00:00Z'),
  story.stage('H1', 'discovery', 'proposal', '2026-01-15T00:00:00Z'),
  story.win('H1', 100, '2026-01-25T00:00:00Z'), // within 15, 13 and 10 days of its stages
  story.lead('LH2', '2026-01-30T10:00:00Z'), story.handOff('LH2', 'H2', '2026-02-01T00:00:00Z'),
  story.win('H2', 100, '2026-03-20T00:00:00Z'), // 47 days: not within 30
  story.lead('LH3', '2026-02-27T10:00:00Z'), story.handOff('LH3', 'H3', '2026-03-01T00:00:00Z'),
  story.stage('H3', 'qualification', 'discovery', '2026-03-05T00:00:00Z'),
  story.lose('H3', '2026-03-15T00:00:00Z'),
  // This quarter: L1 lost, W1 won alone, W2 won with a closer (credit half each).
  story.lead('LL1', '2026-04-01T10:00:00Z'), story.handOff('LL1', 'L1', '2026-04-02T00:00:00Z'),
  story.lose('L1', '2026-05-01T00:00:00Z'),
  story.lead('LW1', '2026-04-04T10:00:00Z'), story.handOff('LW1', 'W1', '2026-04-05T00:00:00Z'),
  story.win('W1', 150, '2026-04-20T00:00:00Z'), // 15 days
  story.lead('LW2', '2026-04-09T10:00:00Z'), story.handOff('LW2', 'W2', '2026-04-10T00:00:00Z'),
  story.toCloser('W2', 'c-1', '2026-04-15T00:00:00Z'),
  story.win('W2', 300, '2026-05-15T00:00:00Z', [{ repId: 'h-1', role: 'hunter', percent: 50 }, { repId: 'c-1', role: 'closer', percent: 50 }]), // 35 days
  // Open on 1 June: H4 (h-1) at the proposal stage with a proposal of 200; O1 (h-2) at qualification, estimated at 100.
  story.lead('LH4', '2026-04-24T10:00:00Z'), story.handOff('LH4', 'H4', '2026-04-25T00:00:00Z', { value: 180 }),
  story.stage('H4', 'qualification', 'discovery', '2026-05-05T00:00:00Z'),
  story.stage('H4', 'discovery', 'proposal', '2026-05-10T00:00:00Z'),
  story.proposal('H4', 200, '2026-05-10T00:00:00Z'),
  story.meeting('H4', '2026-05-03T00:00:00Z'),
  story.meeting('H4', '2026-05-12T00:00:00Z'),
  story.lead('LO1', '2026-05-19T10:00:00Z'), story.handOff('LO1', 'O1', '2026-05-20T00:00:00Z', { hunterId: 'h-2', value: 100 }),
  story.meeting('O1', '2026-05-25T00:00:00Z'),
  // Repeat sales of account A1: upsells won in 15 days (R1) or lost (R2), a renewal won in 45 (R3, this quarter: 70).
  story.account('A1', 'D-old', 'f-1', 1000, '2026-01-01T00:00:00Z'),
  story.repeatSale('A1', 'R1', 'upsell', 50, '2026-01-05T00:00:00Z'), story.repeatWon('A1', 'R1', 50, '2026-01-20T00:00:00Z'),
  story.repeatSale('A1', 'R2', 'upsell', 50, '2026-02-01T00:00:00Z'), story.repeatLost('A1', 'R2', '2026-02-10T00:00:00Z'),
  story.repeatSale('A1', 'R3', 'renewal', 70, '2026-03-01T00:00:00Z'), story.repeatWon('A1', 'R3', 70, '2026-04-15T00:00:00Z'),
  // Open on 1 June: an upsell (120) and a renewal (90).
  story.repeatSale('A1', 'R4', 'upsell', 120, '2026-05-10T00:00:00Z'),
  story.repeatSale('A1', 'R5', 'renewal', 90, '2026-05-25T00:00:00Z'),
];

/** What happened after the forecast was made: none of it may change the forecast, only the actuals. */
const after = [
  story.stage('O1', 'qualification', 'discovery', '2026-06-03T00:00:00Z'),
  story.proposal('H4', 250, '2026-06-05T00:00:00Z'),
  story.win('H4', 240, '2026-06-10T00:00:00Z'),
  story.meeting('O1', '2026-06-15T00:00:00Z'),
  story.repeatWon('A1', 'R5', 80, '2026-06-20T00:00:00Z'),
];

const query = { ...Q2, madeAt: MADE_AT, actualUntil: Q2.to };
const forecast = forecastPeriod(given(before, after), query);
const plan = (planId: string) => forecast.plans.find((each) => each.planId === planId)!;
const stages = (each: Forecast) => each.pipeline!.dealStages.map(({ key, open, openValue, total, won, probability, expected }) => [key, open, openValue, won, total, probability, expected]);

describe('forecastPeriod', () => {
  it('says when it was made, how much of the period was left, and that the period has ended', () => {
    expect(forecast).toMatchObject({
      period: { from: '2026-04-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z', days: 91 },
      madeAt: '2026-06-01T00:00:00.000Z', actualUntil: '2026-07-01T00:00:00.000Z', periodEnded: true,
      daysLeft: 30, elapsedShare: 0.6703, // 61 of 91 days
    });
    expect(forecast.plans.map((each) => each.planId)).toEqual(['P-deals', 'P-meetings', 'P-h1', 'P-rev', 'P-repeat']);
  });

  it('forecasts the team\'s new business by the pipeline, from odds of the history as known on 1 June', () => {
    const team = plan('P-rev');
    // qualification: H1, H2, H3, L1, W1, W2 and H4 were opened by 2 May; H1 and W1 won within 30 days (H4, won 10 June, was not yet).
    // discovery: H1 and H3 by 2 May, H1 won. proposal: H1, won. H4 reached discovery and proposal after 2 May.
    expect(stages(team)).toEqual([
      ['qualification', 1, 100, 2, 7, 0.2857, 28.57], // O1 at its estimate: its discovery came after 1 June
      ['discovery', 0, 0, 1, 2, 0.5, 0],
      ['proposal', 1, 200, 1, 1, 1, 200], // H4 at the proposal in force on 1 June, not the one of 5 June
      ['negotiation', 0, 0, 0, 0, null, 0],
      ['contract', 0, 0, 0, 0, null, 0],
    ]);
    // New pipeline, from the deals opened in [1 Feb, 2 May): W1, won in 15 days, would have counted for 30 − 15 of
    // the 30 days left (150 × 15); H2 took 47 days, W2 35, H3 and L1 were lost, H4 was won after 1 June.
    expect(team).toMatchObject({
      method: 'pipeline', currency: 'RUB', target: 1000,
      achieved: 450, // W1 150 + W2 300; H4's win came after
      forecast: 703.57, attainmentForecast: 0.7036, // 450 + 228.57 + 25
      actual: 690, attainment: 0.69, // with H4's 240
      runRate: null,
    });
    expect(team.pipeline).toMatchObject({ daysLeft: 30, repeatSaleKinds: [], expected: 228.57, newPipeline: { lookbackDays: 90, deals: 1, valueDays: 2250, expected: 25 } });
    // Far fewer than 20 deals of the history at any stage: every open deal takes its stage's own odds, whatever its age
    // (O1 at qualification since 20 May, H4 at proposal since 10 May).
    expect(team.pipeline!.minComparables).toBe(20);
    expect(team.pipeline!.dealStages.map(({ key, stageProbability, ageDays, basis, bandFromDays }) => [key, stageProbability, ageDays, basis, bandFromDays])).toEqual([
      ['qualification', 0.2857, { median: 12, max: 12 }, { age: 0, band: 0, stage: 1 }, null],
      ['discovery', 0.5, { median: null, max: null }, { age: 0, band: 0, stage: 0 }, null],
      ['proposal', 1, { median: 22, max: 22 }, { age: 0, band: 0, stage: 1 }, null],
      ['negotiation', null, { median: null, max: null }, { age: 0, band: 0, stage: 0 }, null],
      ['contract', null, { median: null, max: null }, { age: 0, band: 0, stage: 0 }, null],
    ]);
    // The same figures without a plan, per currency.
    expect(forecast.teamNewBusinessRevenue).toHaveLength(1);
    expect(forecast.teamNewBusinessRevenue[0]).toMatchObject({ planId: null, currency: 'RUB', target: null, achieved: 450, forecast: 703.57, attainmentForecast: null, actual: 690 });
  });

  it('counts a rep\'s plan by their share of each deal', () => {
    // Achieved: W1 150 + half of W2 150; open: H4 (200, at proposal); O1 is h-2's; new pipeline: W1 was all h-1's (25).
    expect(plan('P-h1')).toMatchObject({ achieved: 300, forecast: 525, attainmentForecast: 1.05, actual: 540 });
    expect(stages(plan('P-h1')).map(([key, open]) => [key, open])).toEqual([['qualification', 0], ['discovery', 0], ['proposal', 1], ['negotiation', 0], ['contract', 0]]);
  });

  it('forecasts deals won by weighting each open deal as one', () => {
    expect(plan('P-deals')).toMatchObject({ achieved: 2, forecast: 3.46, attainmentForecast: 0.865, actual: 3, attainment: 0.75 });
    expect(plan('P-deals').pipeline!.expected).toBe(1.29); // 1 × 0.2857 (0.29) + 1 × 1
    expect(plan('P-deals').pipeline!.newPipeline).toEqual({ lookbackDays: 90, deals: 1, valueDays: 15, expected: 0.17 }); // W1 as one deal: 15 ÷ 90
  });

  it('weights open repeat sales by their kind\'s odds since opening', () => {
    const repeat = plan('P-repeat');
    expect(repeat.pipeline!.dealStages).toEqual([]);
    expect(repeat.pipeline!.repeatSaleKinds.map(({ key, open, openValue, won, total, probability, expected }) => [key, open, openValue, won, total, probability, expected])).toEqual([
      ['upsell', 1, 120, 1, 2, 0.5, 60], // R1 won in 15 days, R2 lost
      ['cross-sell', 0, 0, 0, 0, null, 0],
      ['renewal', 1, 90, 0, 1, 0, 0], // R3 took 45 days
    ]);
    // Of the repeat sales opened in [1 Feb, 2 May), R2 was lost and R3 took 45 days: no new pipeline.
    expect(repeat.pipeline!.newPipeline).toEqual({ lookbackDays: 90, deals: 0, valueDays: 0, expected: 0 });
    expect(repeat).toMatchObject({ achieved: 70, forecast: 130, attainmentForecast: 0.325, actual: 150, attainment: 0.375 });
  });

  it('forecasts activity by the run rate', () => {
    // 3 meetings by 1 June over 0.6703 of the quarter.
    expect(plan('P-meetings')).toMatchObject({ method: 'run-rate', pipeline: null, runRate: { elapsedShare: 0.6703 }, achieved: 3, forecast: 4.48, attainmentForecast: 0.224, actual: 4, attainment: 0.2 });
    const atStart = forecastPeriod(given(before), { ...query, madeAt: Q2.from });
    expect(atStart.plans.find((each) => each.planId === 'P-meetings')).toMatchObject({ achieved: 0, forecast: null, attainmentForecast: null });
  });

  it('knows nothing that happened after it was made: the same forecast from the history as it stood then', () => {
    const known = forecastPeriod(given(before), { ...query, actualUntil: MADE_AT });
    const withoutActuals = (result: typeof forecast) =>
      [...result.plans, ...result.teamNewBusinessRevenue].map(({ actual: _actual, attainment: _attainment, ...rest }) => rest);
    expect(withoutActuals(known)).toEqual(withoutActuals(forecast));
    expect(known.periodEnded).toBe(false);
  });

  it('is what was achieved when made at the very end of the period', () => {
    const atEnd = forecastPeriod(given(before, after), { ...query, madeAt: Q2.to });
    expect(plan('P-rev').actual).toBe(690);
    expect(atEnd.plans.find((each) => each.planId === 'P-rev')).toMatchObject({ forecast: 690, actual: 690, pipeline: { daysLeft: 0, expected: 0, newPipeline: { deals: 0, expected: 0 } } });
  });
});

/**
 * September 2026 made on the 11th: R = 20 days, so the new pipeline learns from the deals opened in the 90 days
 * [24 May, 22 Aug): each had its 20 days to be won before 11 September. Deals open at once, amounts in RUB.
 */
describe('forecastPeriod: the new pipeline', () => {
  const deal = (dealId: string, opened: string, outcome: (id: string) => History, hunterId = 'h-1', value: number | { amount: number; currency: string } = 100) => [
    story.lead(`L${dealId}`, opened), story.handOff(`L${dealId}`, dealId, opened, { hunterId, value }), outcome(dealId),
  ];
  const won = (amount: number | { amount: number; currency: string }, at: string, credit?: unknown[]) => (id: string) => story.win(id, amount, at, credit);
  const lost = (at: string) => (id: string) => story.lose(id, at);
  const month = (start: string, end: string) => ({ from: Date.parse(start), to: Date.parse(end) });
  const SEP = month('2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z');
  const known = [
    story.rep('h-1', 'hunter', '2026-01-01T00:00:00Z'),
    story.rep('c-1', 'closer', '2026-01-01T00:00:00Z'),
    story.rep('f-1', 'farmer', '2026-01-01T00:00:00Z'),
    story.rep('h-2', 'hunter', '2026-08-01T00:00:00Z'), // joined three weeks before the lookback's end
    story.plan('S-rev', 'new-business-revenue', { kind: 'team' }, 1000, '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 'RUB'),
    story.plan('S-h1', 'new-business-revenue', { kind: 'rep', repId: 'h-1' }, 500, '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 'RUB'),
    story.plan('S-h2', 'new-business-revenue', { kind: 'rep', repId: 'h-2' }, 500, '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 'RUB'),
    story.plan('S-deals', 'deals-won', { kind: 'team' }, 5, '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'),
    story.plan('S-repeat', 'repeat-revenue', { kind: 'team' }, 100, '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z', 'RUB'),
    story.plan('J-repeat', 'repeat-revenue', { kind: 'team' }, 100, '2026-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z', 'RUB'),
    story.account('A1', 'D-old', 'f-1', 1000, '2026-04-01T00:00:00Z'),
    deal('E0', '2026-05-01T00:00:00Z', won(120, '2026-05-10T00:00:00Z')), // the first deal: before the lookback, in 9 days
    story.repeatSale('A1', 'S0', 'upsell', 50, '2026-05-01T00:00:00Z'), story.repeatWon('A1', 'S0', 50, '2026-05-05T00:00:00Z'), // the first repeat sale, in 4 days
    deal('N1', '2026-06-01T00:00:00Z', won(100, '2026-06-06T00:00:00Z')), // 5 days: counts for 15 of the 20
    deal('N2', '2026-07-01T00:00:00Z', () => [
      story.toCloser('N2', 'c-1', '2026-07-05T00:00:00Z'),
      story.win('N2', 400, '2026-07-13T00:00:00Z', [{ repId: 'h-1', role: 'hunter', percent: 50 }, { repId: 'c-1', role: 'closer', percent: 50 }]), // 12 days: 8
    ]),
    deal('U1', '2026-07-01T00:00:00Z', won({ amount: 1000, currency: 'USD' }, '2026-07-04T00:00:00Z'), 'h-1', { amount: 1000, currency: 'USD' }), // 3 days, in dollars
    deal('N3', '2026-07-10T00:00:00Z', lost('2026-07-15T00:00:00Z')), // opened in the lookback, lost
    story.repeatSale('A1', 'S1', 'upsell', 60, '2026-07-01T00:00:00Z'), story.repeatWon('A1', 'S1', 60, '2026-07-11T00:00:00Z'), // 10 days: 10
    deal('N4', '2026-08-01T00:00:00Z', won(300, '2026-09-01T00:00:00Z')), // 31 days: too slow to count; achieved in September
    story.repeatSale('A1', 'S2', 'cross-sell', 70, '2026-08-01T00:00:00Z'), story.repeatLost('A1', 'S2', '2026-08-05T00:00:00Z'),
    deal('M1', '2026-08-05T00:00:00Z', won(210, '2026-08-10T00:00:00Z', [{ repId: 'h-2', role: 'hunter', percent: 100 }]), 'h-2'), // 5 days: 15
    deal('N5', '2026-08-21T00:00:00Z', () => []), // in the lookback, still open on 11 September
    story.repeatSale('A1', 'S3', 'renewal', 80, '2026-08-20T00:00:00Z'), // likewise
    deal('N6', '2026-09-01T00:00:00Z', won(80, '2026-09-05T00:00:00Z')), // won before 11 September, but opened after the lookback
  ];
  /** After the forecast was made: N5 and S3 won, N7 opened and won in the month (what the new pipeline foresees). */
  const later = [
    story.win('N5', 250, '2026-09-12T00:00:00Z'),
    story.repeatWon('A1', 'S3', 80, '2026-09-13T00:00:00Z'),
    deal('N7', '2026-09-15T00:00:00Z', won(90, '2026-09-20T00:00:00Z')),
  ];
  const facts = given(known, later);
  const at = (period: { from: number; to: number }, madeAt: string) => forecastPeriod(facts, { ...period, madeAt: Date.parse(madeAt), actualUntil: period.to });
  const sep = at(SEP, '2026-09-11T00:00:00Z');
  const planOf = (result: typeof sep, planId: string) => result.plans.find((each) => each.planId === planId)!;

  it('learns from the deals of the lookback won within the days left, each for the days it would still have counted', () => {
    // N1 100 × (20 − 5) + N2 400 × (20 − 12) + M1 210 × (20 − 5) = 7850 value-days over 90 days. Not E0 (opened before
    // the lookback), U1 (dollars), N3 (lost), N4 (31 days), N5 (won on 12 September: unknown on the 11th), N6 and N7
    // (opened after 22 August).
    const team = planOf(sep, 'S-rev');
    expect(team.pipeline!.newPipeline).toEqual({ lookbackDays: 90, deals: 3, valueDays: 7850, expected: 87.22 });
    // Open work: N5 (100) at qualification, won within 20 days by 5 of the 8 deals opened by 22 August
    // (E0, N1, N2, U1, M1; not N3, N4, N5): 62.5. Achieved: N4 300 + N6 80.
    expect(team.pipeline!.dealStages[0]).toMatchObject({ key: 'qualification', open: 1, openValue: 100, won: 5, total: 8, probability: 0.625, expected: 62.5 });
    expect(team).toMatchObject({ achieved: 380, forecast: 529.72, attainmentForecast: 0.5297, actual: 720 }); // 380 + 62.5 + 87.22; actual with N5 250 and N7 90
    expect(sep.teamNewBusinessRevenue.map((each) => [each.currency, each.forecast])).toEqual([['RUB', 529.72]]);
  });

  it('counts a rep\'s share of each deal, over the part of the lookback since the rep joined', () => {
    // h-1: N1 100 × 15 + half of N2, 200 × 8.
    expect(planOf(sep, 'S-h1').pipeline!.newPipeline).toEqual({ lookbackDays: 90, deals: 2, valueDays: 3100, expected: 34.44 });
    // h-2 joined on 1 August: 21 days of the lookback, in which M1 210 × 15.
    expect(planOf(sep, 'S-h2').pipeline!.newPipeline).toEqual({ lookbackDays: 21, deals: 1, valueDays: 3150, expected: 150 });
  });

  it('counts each deal as one for deals won, whatever its currency', () => {
    // N1 15 + N2 8 + U1 (3 days) 17 + M1 15.
    expect(planOf(sep, 'S-deals').pipeline!.newPipeline).toEqual({ lookbackDays: 90, deals: 4, valueDays: 55, expected: 0.61 });
  });

  it('foresees repeat sales not yet opened from the repeat sales of the lookback', () => {
    // S1 60 × (20 − 10); S0 was opened before the lookback, S2 lost, S3 won after 11 September.
    const repeat = planOf(sep, 'S-repeat');
    expect(repeat.pipeline!.newPipeline).toEqual({ lookbackDays: 90, deals: 1, valueDays: 600, expected: 6.67 });
    // S3, the only renewal opened by 22 August, had not been won by 11 September: its odds are 0.
    expect(repeat).toMatchObject({ achieved: 0, forecast: 6.67, actual: 80 });
  });

  it('uses what history there is when it is shorter than the lookback, and none without it', () => {
    // 11 June, R = 20 days: the lookback would start on 21 February, the first deal and repeat sale opened on 1 May:
    // 21 days [1 May, 22 May), with E0 120 × (20 − 9) and S0 50 × (20 − 4).
    const june = at(month('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'), '2026-06-11T00:00:00Z');
    expect(june.teamNewBusinessRevenue[0]!.pipeline!.newPipeline).toEqual({ lookbackDays: 21, deals: 1, valueDays: 1320, expected: 62.86 });
    expect(planOf(june, 'J-repeat').pipeline!.newPipeline).toEqual({ lookbackDays: 21, deals: 1, valueDays: 800, expected: 38.1 });
    // 11 May, R = 21 days: nothing had been opened 21 days before.
    const may = at(month('2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z'), '2026-05-11T00:00:00Z');
    expect(may.teamNewBusinessRevenue[0]!.pipeline!.newPipeline).toEqual({ lookbackDays: 0, deals: 0, valueDays: 0, expected: 0 });
    expect(may.teamNewBusinessRevenue[0]!.forecast).toBe(120); // E0, won on 10 May; nothing open
  });

  it('knows nothing that happened after it was made', () => {
    const then = forecastPeriod(given(known), { ...SEP, madeAt: Date.parse('2026-09-11T00:00:00Z'), actualUntil: Date.parse('2026-09-11T00:00:00Z') });
    const forecasts = (result: typeof sep) => result.plans.map(({ planId, forecast, pipeline }) => ({ planId, forecast, pipeline }));
    expect(forecasts(then)).toEqual(forecasts(sep));
  });
});

/**
 * October 2026 made on the 22nd: R = 10 days. The odds of an open deal by how long it has been at its stage. The
 * history, all at qualification (where a deal opens), opened on 1 July, each worth 100: 8 lost 2 days in, 10 won 5
 * days in, 10 won 24 days in, 10 lost 40 days in. Open on 22 October: F (since 21 October, noon), M (13 October),
 * Z (1 October, won on 23 October) and O (22 September).
 */
describe('forecastPeriod: the odds of an open deal by its age', () => {
  const OCT = { from: Date.parse('2026-10-01T00:00:00Z'), to: Date.parse('2026-11-01T00:00:00Z') };
  const MADE = Date.parse('2026-10-22T00:00:00Z');
  const deal = (dealId: string, opened: string, value = 100) => [story.lead(`L${dealId}`, opened), story.handOff(`L${dealId}`, dealId, opened, { value })];
  const cohort = (name: string, size: number, closed: (id: string) => History) =>
    Array.from({ length: size }, (_, index) => [deal(`${name}${index}`, '2026-07-01T00:00:00Z'), closed(`${name}${index}`)]);
  const known = [
    story.rep('h-1', 'hunter', '2026-01-01T00:00:00Z'),
    story.rep('f-1', 'farmer', '2026-01-01T00:00:00Z'),
    story.plan('O-repeat', 'repeat-revenue', { kind: 'team' }, 1000, '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'RUB'),
    cohort('A', 8, (id) => story.lose(id, '2026-07-03T00:00:00Z')),
    cohort('B', 10, (id) => story.win(id, 100, '2026-07-06T00:00:00Z')),
    cohort('C', 10, (id) => story.win(id, 100, '2026-07-25T00:00:00Z')),
    cohort('D', 10, (id) => story.lose(id, '2026-08-10T00:00:00Z')),
    deal('O', '2026-09-22T00:00:00Z', 500),
    deal('Z', '2026-10-01T00:00:00Z', 400),
    deal('M', '2026-10-13T00:00:00Z', 200),
    deal('F', '2026-10-21T12:00:00Z', 100),
    // Upsells of account A1, opened on 1 June: 9 won 3 days in, 10 won 30 days in, 10 lost 50 days in. Open on
    // 22 October: U1 (since 21 October, noon) and U2 (since 27 September).
    story.account('A1', 'D-old', 'f-1', 1000, '2026-05-01T00:00:00Z'),
    Array.from({ length: 29 }, (_, index) => {
      const id = `S${index}`;
      return [
        story.repeatSale('A1', id, 'upsell', 100, '2026-06-01T00:00:00Z'),
        index < 9 ? story.repeatWon('A1', id, 100, '2026-06-04T00:00:00Z')
          : index < 19 ? story.repeatWon('A1', id, 100, '2026-07-01T00:00:00Z')
            : story.repeatLost('A1', id, '2026-07-21T00:00:00Z'),
      ];
    }),
    story.repeatSale('A1', 'U2', 'upsell', 200, '2026-09-27T00:00:00Z'),
    story.repeatSale('A1', 'U1', 'upsell', 100, '2026-10-21T12:00:00Z'),
  ];
  const later = [story.win('Z', 400, '2026-10-23T00:00:00Z')];
  const october = forecastPeriod(given(known, later), { ...OCT, madeAt: MADE, actualUntil: OCT.to });
  const team = october.teamNewBusinessRevenue[0]!;

  it('weights an old open deal by the deals of the history still open at its age, a fresh one by its stage\'s odds', () => {
    // Still open d whole days after reaching qualification, with the 10 days after known by 22 October (reached by
    // 12 October − d): on day 0 all 38 of 1 July, Z (reached 1 October: known 11 days in, then still open) and O (known
    // 20 days in): 40. Day 3–5: 32 (not A); day 6–11: 22 (C, D, Z, O); day 12–20: 21 (C, D, O); day 21–24: 20 (C, D);
    // from day 25: 10 (D). So the oldest age with 20 of them is day 24.
    // F, half a day in: day 0, its stage's odds: won within 10 days, the 10 of B of 40 (Z, won after 22 October, was open).
    // M, 9 days in: of the 22 still open, none won in days 9–19: 0.
    // Z, 21 days in: of the 20 still open, C (10) were won in days 21–31: 0.5.
    // O, 30 days in: only D still open (10, fewer than 20): the odds of day 24, C and D still open, C won: 0.5.
    expect(team.pipeline!.dealStages[0]).toEqual({
      key: 'qualification', open: 4, openValue: 1200, total: 40, won: 10, stageProbability: 0.25,
      probability: 0.3958, expected: 475, // 100 × 0.25 + 200 × 0 + 400 × 0.5 + 500 × 0.5 = 475, of 1200
      ageDays: { median: 15, max: 30 }, // 0, 9, 21, 30
      basis: { age: 2, band: 1, stage: 1 }, bandFromDays: 24,
    });
    // Before age counted, all four at 0.25: 300. Nothing was achieved by 22 October and nothing opened in the
    // lookback [14 July, 12 October) was won: the forecast is the open deals'; Z's 400 is the actual.
    expect(team).toMatchObject({ achieved: 0, forecast: 475, actual: 400, pipeline: { expected: 475, newPipeline: { deals: 0, expected: 0 } } });
  });

  it('counts a win after the forecast was made as unknown: the same forecast without it', () => {
    const then = forecastPeriod(given(known), { ...OCT, madeAt: MADE, actualUntil: OCT.to }).teamNewBusinessRevenue[0]!;
    expect(then.pipeline).toEqual(team.pipeline);
    expect(then.actual).toBe(0);
  });

  it('weights deals won by the same odds, each deal as one', () => {
    const asDeals = forecastPeriod(given(known, story.plan('O-deals', 'deals-won', { kind: 'team' }, 5, '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')), { ...OCT, madeAt: MADE, actualUntil: OCT.to });
    // (0.25 + 0 + 0.5 + 0.5) ÷ 4.
    expect(asDeals.plans.find((each) => each.planId === 'O-deals')!.pipeline!.dealStages[0]).toMatchObject({ openValue: 4, probability: 0.3125, expected: 1.25 });
  });

  it('weights open repeat sales by the odds of their kind at their age since opened', () => {
    // Upsells still open d days after opening, with the 10 days after known (opened by 12 October − d): on day 0 the
    // 29 of 1 June and U2 (opened 27 September, known 15 days in): 30, of which the 9 won 3 days in were won within
    // 10: 0.3 — U1's odds, half a day in. Day 16–30: the 20 won 30 days in or lost 50 days in; day 31–50: 10. U2, 25
    // days in: of the 20 still open, 10 won in days 25–35: 0.5.
    const repeat = october.plans.find((each) => each.planId === 'O-repeat')!;
    expect(repeat.pipeline!.repeatSaleKinds[0]).toEqual({
      key: 'upsell', open: 2, openValue: 300, total: 30, won: 9, stageProbability: 0.3,
      probability: 0.4333, expected: 130, // 100 × 0.3 + 200 × 0.5
      ageDays: { median: 12.5, max: 25 }, basis: { age: 1, band: 0, stage: 1 }, bandFromDays: 30,
    });
  });
});

/**
 * The property that makes the odds by age an extension of the stage's odds: when every open deal (repeat sale)
 * reached its stage (was opened) less than a day before madeAt, each row is what it was before age counted — the
 * share of the history that reached the stage at least R before madeAt won within R of it, times the open value.
 * Random histories, from a seeded generator.
 */
describe('forecastPeriod: open work of age 0 has the stage\'s odds', () => {
  const random = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const iso = (at: number) => new Date(at).toISOString();
  const DAY = 86_400_000;

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('on random history %i', (seed) => {
    const next = random(seed);
    const stories = kpiStory();
    const from = Date.parse('2026-10-01T00:00:00Z');
    const to = Date.parse('2026-11-01T00:00:00Z');
    const madeAt = from + Math.floor(next() * 30) * DAY + Math.floor(next() * DAY);
    const timed: Array<{ at: number; lines: History }> = [];
    for (let index = 0; index < 160; index++) {
      const id = `R${index}`;
      const value = 10 + Math.floor(next() * 90);
      // When it reached each of its first `stages` stages. A fresh deal reached its furthest less than a day before
      // madeAt and closes (or not) after it; any other closed before madeAt, or is left out (it would be open, and older).
      const fresh = next() < 0.15;
      const stages = 1 + Math.floor(next() * 5);
      const times: number[] = [];
      if (fresh) {
        times[stages - 1] = madeAt - next() * DAY * 0.99;
        for (let stage = stages - 2; stage >= 0; stage--) times[stage] = times[stage + 1]! - DAY * next() * 12;
      } else {
        times[0] = madeAt - DAY * (15 + next() * 200);
        for (let stage = 1; stage < stages; stage++) times[stage] = times[stage - 1]! + DAY * next() * 12;
      }
      const closeAt = fresh ? madeAt + DAY * next() * 20 : times[stages - 1]! + DAY * next() * 30;
      if (!fresh && closeAt >= madeAt) continue;
      timed.push({ at: times[0]!, lines: [stories.lead(`L${id}`, iso(times[0]!)), stories.handOff(`L${id}`, id, iso(times[0]!), { value })] });
      for (let stage = 1; stage < stages; stage++) timed.push({ at: times[stage]!, lines: stories.stage(id, DEAL_STAGES[stage - 1]!, DEAL_STAGES[stage]!, iso(times[stage]!)) });
      if (!fresh || next() < 0.8) timed.push({ at: closeAt, lines: next() < 0.45 ? stories.win(id, value, iso(closeAt)) : stories.lose(id, iso(closeAt)) });
    }
    timed.sort((a, b) => a.at - b.at);
    const documents = given(stories.rep('h-1', 'hunter', '2025-01-01T00:00:00Z'), timed.map((each) => each.lines));
    const result = forecastPeriod(documents, { from, to, madeAt, actualUntil: to });
    const team = result.teamNewBusinessRevenue.find((each) => each.currency === 'RUB')!;
    const R = to - madeAt;
    // The stage's odds from the facts as folded, the way they were computed before age counted.
    const all = [...documents.values<DealFact>('deals')];
    for (const row of team.pipeline!.dealStages) {
      let total = 0;
      let wins = 0;
      for (const each of all) {
        const start = each.stageReachedAt[row.key as DealStage];
        if (start === undefined || start + R > madeAt) continue;
        total++;
        if (each.wonAt !== undefined && each.wonAt < madeAt && each.wonAt - start <= R) wins++;
      }
      const probability = total === 0 ? null : Math.round((wins / total) * 10_000) / 10_000;
      expect(row).toMatchObject({ total, won: wins, stageProbability: probability, probability, basis: { age: 0, band: 0, stage: row.open } });
      expect(row.expected).toBe(Math.round(row.openValue * (probability ?? 0) * 100) / 100);
      if (row.open > 0) expect(row.ageDays).toEqual({ median: 0, max: 0 });
    }
    // Not a history too short to tell ages apart: at a stage with open deals, deals as old as a week had their odds.
    expect(team.pipeline!.dealStages.some((row) => row.open > 0 && (row.bandFromDays ?? 0) >= 7)).toBe(true);
  });
});
