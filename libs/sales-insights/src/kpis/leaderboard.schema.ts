/** The OpenAPI description of GET /kpis/leaderboard (buildLeaderboard in libs/projections makes it). */
import { arrayOf, count, described, flag, instant, moneyByCurrency, nullable, number, object, readModelPosition, text } from './openapi-parts';

const figures = object(
  {
    won: count,
    lost: count,
    winRate: nullable(number, 'won ÷ (won + lost)'),
    revenue: object({ newBusiness: moneyByCurrency, repeat: moneyByCurrency }, { description: 'won in the period, new business by the credit split (the group\'s revenue)' }),
    meetingsHeld: count,
    attempts: count,
    touchpoints: count,
    leadsQualified: count,
    medianCycleDays: nullable(number),
  },
  { description: 'the rep\'s group of GET /kpis?groupBy=rep for the same period: winRate, revenue, activity, funnel.qualified, salesCycle.medianDays' },
);

const rep = object({
  repId: text,
  name: text,
  role: text,
  available: described(flag, 'now (or at asOf): false while marked absent'),
  absentUntil: nullable(instant, 'when an absence ends, if one was given'),
  capacity: count,
  openWork: described(count, 'open leads, deals and accounts at the end of the period'),
  load: nullable(number, 'openWork ÷ capacity'),
  figures,
  plans: arrayOf(
    object({ planId: text, metric: text, currency: nullable(text, 'for the revenue metrics: the currency of target and actual'), target: number, actual: number, attainment: nullable(number) }),
    'the plans of this rep overlapping the period, as in planVsActual of GET /kpis',
  ),
  planAttainment: nullable(number, 'the mean attainment of those plans; null without one'),
});

export const LEADERBOARD_SCHEMA = object({
  ...readModelPosition,
  period: object({ from: instant, to: instant, days: number }),
  roles: arrayOf(
    object({ role: text, reps: arrayOf(rep, 'by plan attainment (none last), then the role\'s own figure (leads qualified, deals won, touchpoints), then name') }),
    'the reps in the department during the period (joined before `to`, not gone before `from`), by role in this order: ' +
      'lead-generator, hunter, closer, farmer, kam, sales-assistant, head-of-sales',
  ),
});
