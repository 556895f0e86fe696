/** The OpenAPI description of GET /kpis/forecast (forecastPeriod in libs/projections makes it). */
import { DEAL_STAGES, PLAN_METRICS, REPEAT_SALE_KINDS } from '#libs/contracts';
import { arrayOf, count, described, enumOf, flag, instant, nullable, number, object, planScope, readModelPosition, text } from './openapi-parts';

const row = (keys: readonly string[], what: string) =>
  object(
    {
      key: enumOf(keys),
      open: described(count, `${what} open when the forecast was made that count for it`),
      openValue: described(number, 'what they are worth to it: money in its currency (a rep\'s or role\'s share of each deal), or a count of deals for deals-won'),
      total: described(count, `${what} of the history that reached this stage (were opened) at least daysLeft before madeAt`),
      won: described(count, 'of those, won within daysLeft of it, and before madeAt'),
      probability: nullable(number, 'won ÷ total; null without history (then counted as 0)'),
      expected: described(number, 'openValue × probability'),
    },
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
        daysLeft: described(number, 'R = to − madeAt, in days: the window the odds are measured over'),
        dealStages: arrayOf(row(DEAL_STAGES, 'deals'), 'open deals by the furthest stage each had reached by madeAt, valued by the proposal then in force (else the estimate); empty for repeat revenue'),
        repeatSaleKinds: arrayOf(row(REPEAT_SALE_KINDS, 'repeat sales'), 'open repeat sales by kind, at their estimated value; repeat revenue only'),
        expected: described(number, 'the sum of the rows\' expected'),
      }),
      'how a pipeline forecast was made: forecast = achieved + expected',
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
