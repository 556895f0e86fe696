/** The OpenAPI description of GET /kpis's answer (computeKpis in libs/projections makes it). */
const count = { type: 'integer', minimum: 0 } as const;
const nullableNumber = { type: 'number', nullable: true } as const;
const money = {
  type: 'object',
  description: 'amounts by ISO 4217 currency, e.g. { "RUB": 1250000 }',
  additionalProperties: { type: 'number' },
} as const;
const moneyRatio = { type: 'object', description: 'by currency; null where the denominator is 0', additionalProperties: nullableNumber } as const;
const counts = { type: 'object', additionalProperties: count } as const;
const latency = {
  type: 'object',
  properties: { count, medianSeconds: nullableNumber },
} as const;

const funnel = {
  type: 'object',
  description:
    'How many reached each stage in the period (by the time the stage was first reached). These names are fixed: other tools rely on them.',
  required: ['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won'],
  properties: {
    captured: count, contacted: count, qualified: count, handedOff: count, dealOpened: count, meetingHeld: count, proposalSent: count, won: count,
  },
} as const;

const kpiSet = {
  funnel,
  stageConversion: {
    type: 'object',
    description: 'each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0',
    additionalProperties: nullableNumber,
  },
  speedToLead: { type: 'object', description: 'captured → first contact attempt, over leads first contacted in the period', properties: { leadsContacted: count, medianSeconds: nullableNumber } },
  handoffLatency: {
    type: 'object',
    description:
      'medians over handoffs completed in the period: lead qualified → handed to a hunter; deal handed to a closer → the closer\'s first move; ' +
      'deal won → account opened; deal won → first touchpoint on the account',
    properties: { leadGeneratorToHunter: latency, hunterToCloser: latency, wonToAccountOpened: latency, wonToFirstFarmerTouch: latency },
  },
  winRate: { type: 'object', description: 'won ÷ (won + lost), deals closed in the period', properties: { won: count, lost: count, rate: nullableNumber } },
  closerUplift: {
    type: 'object',
    description: 'win rate of deals handed to a closer minus that of deals the hunter closed alone',
    properties: {
      withCloser: { type: 'object', properties: { won: count, lost: count, rate: nullableNumber } },
      withoutCloser: { type: 'object', properties: { won: count, lost: count, rate: nullableNumber } },
      uplift: nullableNumber,
    },
  },
  averageDealSize: { type: 'object', properties: { wonAmount: money, wonDeals: counts, average: moneyRatio } },
  salesCycle: { type: 'object', description: 'deal opened → won, deals won in the period', properties: { wonDeals: count, medianDays: nullableNumber } },
  salesVelocity: {
    type: 'object',
    description: 'open deals at the end of the period × average deal size × win rate ÷ median cycle days (money per day)',
    properties: { openDeals: count, perDay: moneyRatio },
  },
  revenue: { type: 'object', description: 'won in the period; by the credit split when grouped by rep or role', properties: { newBusiness: money, repeat: money } },
  openPipeline: { ...money, description: 'open deals at the end of the period, at their proposal amount (or estimated value)' },
  activity: {
    type: 'object',
    properties: {
      attempts: count, meetingsHeld: count, touchpoints: count, days: { type: 'number' },
      attemptsPerLeadGeneratorPerDay: nullableNumber, meetingsPerHunterPerWeek: nullableNumber, touchpointsPerFarmer: nullableNumber,
    },
  },
  lossReasons: { type: 'object', properties: { deals: counts, competitors: counts, leadsDisqualified: counts } },
} as const;

export const KPI_REPORT_SCHEMA = {
  type: 'object',
  properties: {
    asOf: { type: 'string', format: 'date-time', nullable: true, description: 'set when the KPIs were computed from the history as it stood then' },
    position: { type: 'string', nullable: true, description: 'the last event the figures include (commit/prepare)' },
    eventsApplied: count,
    period: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, days: { type: 'number' } } },
    groupBy: { type: 'string', nullable: true, enum: ['rep', 'role', 'source', 'script', null] },
    ...kpiSet,
    balance: {
      type: 'object',
      description: 'the hunter/farmer balance: new-business revenue against repeat revenue, with headcount and load (open work ÷ capacity) per role at the end of the period',
      properties: {
        newBusinessRevenue: money,
        repeatRevenue: money,
        newBusinessShare: moneyRatio,
        byRole: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { headcount: count, openWork: count, capacity: count, load: nullableNumber } },
        },
      },
    },
    retention: {
      type: 'object',
      description:
        'the account base at the start of the period: churn, repeat-sale rate, GRR = (base revenue − churned revenue) ÷ base revenue, ' +
        'NRR = (base revenue − churned revenue + repeat revenue in the period) ÷ base revenue; revenue so far = opening revenue + repeat sales won',
      properties: {
        baseAccounts: count, churnedAccounts: count, churnRate: nullableNumber, accountsWithRepeatSale: count, repeatSaleRate: nullableNumber,
        baseRevenue: money, churnedRevenue: money, expansionRevenue: money, grr: moneyRatio, nrr: moneyRatio,
      },
    },
    planVsActual: {
      type: 'array',
      description: 'every sales plan whose period overlaps the query period, with what was achieved in its own period up to the end of the query period',
      items: {
        type: 'object',
        properties: {
          planId: { type: 'string' }, metric: { type: 'string' }, scope: { type: 'object' },
          periodStart: { type: 'string', format: 'date-time' }, periodEnd: { type: 'string', format: 'date-time' },
          currency: { type: 'string', nullable: true }, target: { type: 'number' }, actual: { type: 'number' },
          attainment: nullableNumber, remaining: { type: 'number' }, periodElapsed: { type: 'number' },
        },
      },
    },
    pipelineCoverage: {
      type: 'object',
      description: 'open pipeline ÷ what remains of the team new-business revenue plans running at the end of the period',
      properties: { openPipeline: money, remainingPlan: money, coverage: moneyRatio },
    },
    groups: {
      type: 'array',
      description: 'the same KPIs per group when groupBy is set (a won deal counts for its hunter and its closer; revenue by the credit split)',
      items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string', nullable: true }, role: { type: 'string' }, ...kpiSet } },
    },
  },
} as const;
