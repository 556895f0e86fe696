/** The OpenAPI description of GET /kpis/forecast (forecastPeriod in libs/projections makes it). */
import { DEAL_STAGES, PLAN_METRICS, REPEAT_SALE_KINDS } from '#libs/contracts';
import { arrayOf, count, described, enumOf, flag, instant, nullable, number, object, planScope, readModelPosition, text } from './openapi-parts';

/** `at`: how long an open one has been so ('at the stage', 'open'); `reached`: what began that ('reached the stage', 'were opened'). */
const row = (keys: readonly string[], what: string, at: string, reached: string) =>
  object(
    {
      key: enumOf(keys),
      open: described(count, `${what} open when the forecast was made that count for it`),
      openValue: described(number, 'what they are worth to it: money in its currency (a rep\'s or role\'s share of each deal), or a count of deals for deals-won'),
      total: described(count, `${what} of the history that reached this stage (were opened) at least daysLeft before madeAt`),
      won: described(count, 'of those, won within daysLeft of it, and before madeAt'),
      stageProbability: nullable(number, `won ÷ total: the odds of ${what} that ${reached} less than a day before madeAt (the probability before age counted); null without history`),
      probability: nullable(
        number,
        `expected ÷ openValue: the mean of the odds of the open ${what}, each weighted by its value, and each by how long it had been ${at}: ` +
          `of the ${what} of the history that were still open (neither won nor lost) that many whole days after, with the daysLeft that followed ` +
          'known by madeAt, the share won within them (see basis). stageProbability when nothing of value is open; null without history (then counted as 0)',
      ),
      expected: described(number, `Σ over the open ${what} of value × its odds (≈ openValue × probability)`),
      ageDays: object(
        {
          median: nullable(number, `whole days the open ${what} had been ${at} by madeAt: the median; null with none open`),
          max: nullable(count, 'and the oldest'),
        },
        { description: `how long the open ${what} had been ${at}` },
      ),
      basis: object(
        {
          age: described(count, `weighted by the odds of their own age: at least minComparables ${what} of the history were still open that long`),
          band: described(count, 'older than bandFromDays: weighted by the odds of that age, the oldest with minComparables of them'),
          stage: described(count, `weighted by stageProbability: they ${reached} less than a day before madeAt, or the history is too short for any age`),
        },
        { description: `how many of the open ${what} were weighted by which odds (age + band + stage = open)` },
      ),
      bandFromDays: nullable(count, `the oldest whole-day age at which minComparables ${what} of the history were still open with the daysLeft after it known; null when even age 0 has fewer`),
    },
  );

const newPipeline = object(
  {
    lookbackDays: described(
      number,
      'L, the days of history the rate of won work is learnt from: 90 (a quarter), or fewer where the history of deals ' +
        '(of repeat sales, for repeat revenue) or the plan\'s rep began later; 0 without history. The lookback is ' +
        '[madeAt − daysLeft − lookbackDays, madeAt − daysLeft): whatever was opened in it had daysLeft to be won before madeAt',
    ),
    deals: described(count, 'deals (repeat sales, for repeat revenue) opened in the lookback and won within daysLeft of opening that count for this forecast'),
    valueDays: described(number, 'Σ over them of value × (daysLeft − the days it took to be won); value as openValue counts it'),
    expected: described(number, 'valueDays ÷ lookbackDays (0 without history): what work opened after madeAt is expected to win by `to`'),
  },
  { description: 'what deals (repeat sales) not yet opened at madeAt are expected to bring: opened and won before `to`' },
);

const forecast = object(
  {
    planId: nullable(text, 'null for the team\'s new business per currency, forecast with or without a plan'),
    metric: enumOf(PLAN_METRICS),
    scope: planScope,
    currency: nullable(text),
    method: enumOf(['pipeline', 'run-rate'], 'pipeline for money and deals; run-rate for leads qualified, meetings held and touchpoints'),
    target: nullable(number, 'the plan\'s target; null without a plan'),
    achieved: described(number, 'achieved in [from, madeAt)'),
    pipeline: nullable(
      object({
        daysLeft: described(number, 'R = to − madeAt, in days: the window the odds and the new pipeline are measured over'),
        dealStages: arrayOf(row(DEAL_STAGES, 'deals', 'at the stage', 'reached the stage'), 'open deals by the furthest stage each had reached by madeAt, valued by the proposal then in force (else the estimate); empty for repeat revenue'),
        repeatSaleKinds: arrayOf(row(REPEAT_SALE_KINDS, 'repeat sales', 'open', 'were opened'), 'open repeat sales by kind, at their estimated value; repeat revenue only'),
        expected: described(number, 'from the work open at madeAt: the sum of the rows\' expected'),
        minComparables: described(count, 'how many deals (repeat sales) of the history the odds of an age must rest on: 20'),
        newPipeline,
      }),
      'how a pipeline forecast was made: forecast = achieved + expected + newPipeline.expected',
    ),
    runRate: nullable(object({ elapsedShare: described(number, '(madeAt − from) ÷ (to − from)') }), 'how a run-rate forecast was made: forecast = achieved ÷ elapsedShare'),
    forecast: nullable(number, 'where the period will end; null for a run rate made at its very start'),
    attainmentForecast: nullable(number, 'forecast ÷ target'),
    actual: described(number, 'what the period achieved in [from, actualUntil): once the period has ended, the forecast\'s back-test'),
    attainment: nullable(number, 'actual ÷ target'),
  },
);

export const FORECAST_SCHEMA = object({
  ...readModelPosition,
  period: object({ from: instant, to: instant, days: number }),
  madeAt: instant,
  actualUntil: described(instant, 'min(to, asOf or now)'),
  periodEnded: described(flag, 'actualUntil is the end of the period: `actual` is final'),
  daysLeft: number,
  elapsedShare: number,
  teamNewBusinessRevenue: arrayOf(forecast, 'the team\'s new-business revenue per currency (of deals won in the period or open at madeAt), by the pipeline, whether or not a plan is set'),
  plans: arrayOf(forecast, 'every plan whose period is exactly [from, to), by metric then id'),
});
