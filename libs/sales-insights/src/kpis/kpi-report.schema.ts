/** The OpenAPI description of GET /kpis's answer (computeKpis in libs/projections makes it), and of one report of it. */
import { FUNNEL_STAGES, KPI_GROUP_BY } from '#libs/projections';
import {
  arrayOf, count, counts, described, dictionary, instant, moneyByCurrency, nullable, number, object, planScope, ratioByCurrency, readModelPosition,
  record, text, type Schema,
} from './openapi-parts';

/** capturedToContacted, contactedToQualified, …: the step into each stage from the one before it. */
const STEPS = FUNNEL_STAGES.slice(1).map((stage, index) => `${FUNNEL_STAGES[index]!}To${stage[0]!.toUpperCase()}${stage.slice(1)}`);

const latency = object({ count, medianSeconds: nullable(number) });
const wonLost = object({ won: count, lost: count, rate: nullable(number) });

const FUNNEL_SCHEMA = record(
  FUNNEL_STAGES,
  count,
  'Period activity: how many reached each stage within the period (by the time each stage was first reached), so a stage ' +
    'can hold more than the one before it (proposals sent in March for deals opened in February). These names are fixed: other tools rely on them.',
);

const stageConversion = record(STEPS, nullable(number), 'each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0');

const COHORT_FUNNEL_SCHEMA = object(
  {
    funnel: record(FUNNEL_STAGES, count, 'of the leads captured in the period, how many have reached each stage, or a later one, by now (by asOf)'),
    stageConversion: record(STEPS, nullable(number), 'each stage ÷ the one before it: never above 1'),
    dropOff: record(STEPS, count, 'how many of the cohort stopped before each step (still open, lost or disqualified)'),
  },
  {
    description:
      'The cohort view: the leads captured in [from, to) and how far each has got since (its deal included). A lead counts for every stage ' +
      'up to the furthest it reached, so no step exceeds 100 %. The cohort of a period still moves while its leads are open. ' +
      'Grouped, a lead counts for its lead generator (by rep and role) or its own source and first script.',
  },
);

const kpiSet: Record<string, Schema> = {
  funnel: FUNNEL_SCHEMA,
  stageConversion: described(stageConversion, 'the period-activity funnel: each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0; can exceed 1'),
  cohortFunnel: COHORT_FUNNEL_SCHEMA,
  speedToLead: object({ leadsContacted: count, medianSeconds: nullable(number) }, { description: 'captured → first contact attempt, over leads first contacted in the period' }),
  handoffLatency: object(
    { leadGeneratorToHunter: latency, hunterToCloser: latency, wonToAccountOpened: latency, wonToFirstFarmerTouch: latency },
    {
      description:
        'medians over handoffs completed in the period: lead qualified → handed to a hunter; deal handed to a closer → the closer\'s first move; ' +
        'deal won → account opened; deal won → first touchpoint on the account',
    },
  ),
  winRate: described(wonLost, 'won ÷ (won + lost), deals closed in the period'),
  closerUplift: object(
    { withCloser: wonLost, withoutCloser: wonLost, uplift: nullable(number) },
    { description: 'win rate of deals handed to a closer minus that of deals the hunter closed alone' },
  ),
  averageDealSize: object({ wonAmount: moneyByCurrency, wonDeals: counts('deals won by currency'), average: ratioByCurrency }),
  salesCycle: object({ wonDeals: count, medianDays: nullable(number) }, { description: 'deal opened → won, deals won in the period' }),
  salesVelocity: object(
    { openDeals: count, perDay: ratioByCurrency },
    { description: 'open deals at the end of the period × average deal size × win rate ÷ median cycle days (money per day)' },
  ),
  revenue: object({ newBusiness: moneyByCurrency, repeat: moneyByCurrency }, { description: 'won in the period; by the credit split when grouped by rep or role' }),
  openPipeline: described(moneyByCurrency, 'open deals at the end of the period, at their proposal amount (or estimated value)'),
  activity: object({
    attempts: count, meetingsHeld: count, touchpoints: count, days: number,
    attemptsPerLeadGeneratorPerDay: nullable(number), meetingsPerHunterPerWeek: nullable(number), touchpointsPerFarmer: nullable(number),
  }),
  lossReasons: object({ deals: counts('lost deals by reason'), competitors: counts('lost deals by competitor'), leadsDisqualified: counts('disqualified leads by reason') }),
};

const planVsActualItem = object({
  planId: text, metric: text, scope: planScope,
  periodStart: instant, periodEnd: instant,
  currency: nullable(text), target: number, actual: number,
  attainment: nullable(number), remaining: number, periodElapsed: number,
});

/** What computeKpis returns: one report (GET /kpis without its position, and every bucket of GET /kpis/series). */
const KPI_FIGURES_PROPERTIES: Record<string, Schema> = {
  period: object({ from: instant, to: instant, days: number }),
  groupBy: { type: 'string', nullable: true, enum: [...KPI_GROUP_BY, null] },
  ...kpiSet,
  balance: object(
    {
      newBusinessRevenue: moneyByCurrency,
      repeatRevenue: moneyByCurrency,
      newBusinessShare: ratioByCurrency,
      byRole: dictionary(object({ headcount: count, openWork: count, capacity: count, load: nullable(number) }), 'by role'),
    },
    { description: 'the hunter/farmer balance: new-business revenue against repeat revenue, with headcount and load (open work ÷ capacity) per role at the end of the period' },
  ),
  retention: object(
    {
      baseAccounts: count, churnedAccounts: count, churnRate: nullable(number), accountsWithRepeatSale: count, repeatSaleRate: nullable(number),
      baseRevenue: moneyByCurrency, churnedRevenue: moneyByCurrency, expansionRevenue: moneyByCurrency, grr: ratioByCurrency, nrr: ratioByCurrency,
    },
    {
      description:
        'the account base at the start of the period: churn, repeat-sale rate, GRR = (base revenue − churned revenue) ÷ base revenue, ' +
        'NRR = (base revenue − churned revenue + repeat revenue in the period) ÷ base revenue; revenue so far = opening revenue + repeat sales won',
    },
  ),
  planVsActual: arrayOf(planVsActualItem, 'every sales plan whose period overlaps the query period, with what was achieved in its own period up to the end of the query period'),
  pipelineCoverage: object(
    { openPipeline: moneyByCurrency, remainingPlan: moneyByCurrency, coverage: ratioByCurrency },
    { description: 'open pipeline ÷ what remains of the team new-business revenue plans running at the end of the period' },
  ),
  groups: arrayOf(
    object(
      {
        key: text,
        name: nullable(text, 'the rep\'s name (groupBy=rep only)'),
        role: described(text, 'the rep\'s role (groupBy=rep only)'),
        ...kpiSet,
      },
      { optional: ['name', 'role'] },
    ),
    'the same KPIs per group when groupBy is set (a won deal counts for its hunter and its closer; revenue by the credit split)',
  ),
};

export const KPI_FIGURES_SCHEMA = object(KPI_FIGURES_PROPERTIES, { description: 'every KPI of a period with the inputs it was computed from' });

export const KPI_REPORT_SCHEMA = object({ ...readModelPosition, ...KPI_FIGURES_PROPERTIES });
