/**
 * The forecast of a quarter made on 1 June, every number worked out by hand. The quarter is
 * [1 Apr, 1 Jul) 2026, 91 days; made at 1 Jun, R = 30 days left, so a stage's odds come from the deals that
 * reached it by 2 May and whether they were won within 30 days of reaching it.
 */
import { given, kpiStory } from '../testing/kpi-story';
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
    expect(team).toMatchObject({
      method: 'pipeline', currency: 'RUB', target: 1000,
      achieved: 450, // W1 150 + W2 300; H4's win came after
      forecast: 678.57, attainmentForecast: 0.6786,
      actual: 690, attainment: 0.69, // with H4's 240
      runRate: null,
    });
    expect(team.pipeline).toMatchObject({ daysLeft: 30, repeatSaleKinds: [], expected: 228.57 });
    // The same figures without a plan, per currency.
    expect(forecast.teamNewBusinessRevenue).toHaveLength(1);
    expect(forecast.teamNewBusinessRevenue[0]).toMatchObject({ planId: null, currency: 'RUB', target: null, achieved: 450, forecast: 678.57, attainmentForecast: null, actual: 690 });
  });

  it('counts a rep\'s plan by their share of each deal', () => {
    // Achieved: W1 150 + half of W2 150; open: H4 (200, at proposal); O1 is h-2's.
    expect(plan('P-h1')).toMatchObject({ achieved: 300, forecast: 500, attainmentForecast: 1, actual: 540 });
    expect(stages(plan('P-h1')).map(([key, open]) => [key, open])).toEqual([['qualification', 0], ['discovery', 0], ['proposal', 1], ['negotiation', 0], ['contract', 0]]);
  });

  it('forecasts deals won by weighting each open deal as one', () => {
    expect(plan('P-deals')).toMatchObject({ achieved: 2, forecast: 3.29, attainmentForecast: 0.8225, actual: 3, attainment: 0.75 });
    expect(plan('P-deals').pipeline!.expected).toBe(1.29); // 1 × 0.2857 (0.29) + 1 × 1
  });

  it('weights open repeat sales by their kind\'s odds since opening', () => {
    const repeat = plan('P-repeat');
    expect(repeat.pipeline!.dealStages).toEqual([]);
    expect(repeat.pipeline!.repeatSaleKinds.map(({ key, open, openValue, won, total, probability, expected }) => [key, open, openValue, won, total, probability, expected])).toEqual([
      ['upsell', 1, 120, 1, 2, 0.5, 60], // R1 won in 15 days, R2 lost
      ['cross-sell', 0, 0, 0, 0, null, 0],
      ['renewal', 1, 90, 0, 1, 0, 0], // R3 took 45 days
    ]);
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
    expect(atEnd.plans.find((each) => each.planId === 'P-rev')).toMatchObject({ forecast: 690, actual: 690, pipeline: { daysLeft: 0, expected: 0 } });
  });
});
