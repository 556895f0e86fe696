/**
 * The head of sales' KPIs for a period [from, to), computed from the KPI facts (pure: the same facts and
 * query give the same report). Every figure comes with the inputs it was computed from, so that a number
 * can be checked by hand. The funnel counts period activity: each stage in the period in which it was first
 * reached (a lead captured in March and qualified in April counts as captured in March and qualified in
 * April), so a step can exceed 100 %. The cohort funnel follows the leads captured in the period instead,
 * to the furthest stage each has reached by now (by the facts given), so none can.
 *
 * What facts did in the period is added up piecewise (piecewise.ts): the totals of whole months and days are
 * kept between calls while their facts stay unchanged, so a call walks only the facts at the period's edges,
 * those open at its end (open work, open pipeline) and the account base at its start (retention).
 */
import { DAY_MS } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { Grouping, type KpiGroupBy } from './contributions';
import { addOpenWork } from './open-work';
import type { PlanFact, RepFact } from './kpi-facts.projection';
import { periodTotals, rolesVersion } from './piecewise';
import { planAchieved } from './plan-actual';
import { retention } from './retention';
import { FUNNEL_STAGES, type Accumulator, type FunnelStage } from './period-totals';
import { addMoney, mapMoney, median, ratio, round, type MoneyByCurrency } from './statistics';

export { KPI_GROUP_BY, type KpiGroupBy } from './contributions';
export { FUNNEL_STAGES, type FunnelStage } from './period-totals';

export interface KpiQuery {
  /** Inclusive, epoch ms. */
  readonly from: number;
  /** Exclusive, epoch ms. */
  readonly to: number;
  readonly groupBy?: KpiGroupBy;
}

const WEEK = 7 * DAY_MS;

export function computeKpis(facts: DocumentReader, query: KpiQuery) {
  const { from, to, groupBy } = query;
  const reps = new Map<string, RepFact>();
  for (const rep of facts.values<RepFact>('reps')) reps.set(rep.id, rep);
  const roleOf = (repId: string | undefined) => (repId === undefined ? 'unassigned' : (reps.get(repId)?.role ?? 'unknown'));
  const grouping = new Grouping(groupBy, roleOf);
  const roles = rolesVersion(facts, reps);

  const totals = periodTotals(facts, from, to, grouping, roles);
  const openWork = addOpenWork(totals, facts, to, grouping, roles);
  const { team, groups } = totals;

  const days = (to - from) / DAY_MS;
  const staff = headcountAndLoad(reps, openWork, to);
  const headcount = (role: string) => staff[role]?.headcount ?? 0;
  const report = (a: Accumulator, repRole?: string) => summarise(a, days, repRole === undefined ? {
    leadGenerators: headcount('lead-generator'),
    hunters: headcount('hunter') + headcount('closer'),
    farmers: headcount('farmer') + headcount('kam'),
  } : perRepHeadcount(repRole));

  const plans = planVsActual(facts, reps, from, to, roles);
  return {
    period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), days: round(days, 4) },
    groupBy: groupBy ?? null,
    ...report(team),
    balance: balance(team, staff),
    retention: retention(facts, from, to),
    planVsActual: plans,
    pipelineCoverage: pipelineCoverage(team.openPipeline, plans, to),
    groups:
      groupBy === undefined
        ? []
        : [...groups]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, accumulator]) => ({
              key,
              ...(groupBy === 'rep' ? { name: reps.get(key)?.name ?? null, role: roleOf(key) } : {}),
              ...report(accumulator, groupBy === 'rep' ? roleOf(key) : groupBy === 'role' ? key : undefined),
            })),
  };
}

function perRepHeadcount(role: string) {
  // A rep's (or a role's) own rates: attempts per day, meetings per week, touchpoints, over one person.
  return { leadGenerators: role === 'lead-generator' ? 1 : 0, hunters: role === 'hunter' || role === 'closer' ? 1 : 0, farmers: role === 'farmer' || role === 'kam' ? 1 : 0 };
}

/** The name of the step into `stage` from the one before it, e.g. capturedToContacted. */
function stepName(stage: number): string {
  const to = FUNNEL_STAGES[stage]!;
  return `${FUNNEL_STAGES[stage - 1]!}To${to[0]!.toUpperCase()}${to.slice(1)}`;
}

/** Each stage ÷ the one before it (null where that is 0). */
function stageConversionOf(funnel: Record<FunnelStage, number>): Record<string, number | null> {
  const conversion: Record<string, number | null> = {};
  for (let i = 1; i < FUNNEL_STAGES.length; i++) conversion[stepName(i)] = ratio(funnel[FUNNEL_STAGES[i]!], funnel[FUNNEL_STAGES[i - 1]!]);
  return conversion;
}

/**
 * The leads captured in the period and how far they have got by now (or by the as-of moment): counted for
 * every stage up to the furthest they reached, so each step is at most 100 %; dropOff is how many stopped
 * before each step (still open or lost: the cohort is still moving while its leads are open).
 */
function cohortFunnelOf(cohort: Record<FunnelStage, number>) {
  const dropOff: Record<string, number> = {};
  for (let i = 1; i < FUNNEL_STAGES.length; i++) dropOff[stepName(i)] = cohort[FUNNEL_STAGES[i - 1]!] - cohort[FUNNEL_STAGES[i]!];
  return { funnel: { ...cohort }, stageConversion: stageConversionOf(cohort), dropOff };
}

function summarise(a: Accumulator, days: number, people: { leadGenerators: number; hunters: number; farmers: number }) {
  const stageConversion = stageConversionOf(a.funnel);
  const winRate = ratio(a.won, a.won + a.lost);
  const withCloser = ratio(a.withCloser.won, a.withCloser.won + a.withCloser.lost);
  const withoutCloser = ratio(a.withoutCloser.won, a.withoutCloser.won + a.withoutCloser.lost);
  const averageDealSize = mapMoney(a.wonAmount, (amount, currency) => round(amount / a.wonCount[currency]!, 2));
  const medianCycleDays = median(a.cycleDays);
  const latency = (values: number[]) => ({ count: values.length, medianSeconds: median(values) });
  return {
    funnel: { ...a.funnel },
    stageConversion,
    cohortFunnel: cohortFunnelOf(a.cohort),
    speedToLead: { leadsContacted: a.speedToLead.length, medianSeconds: median(a.speedToLead) },
    handoffLatency: {
      leadGeneratorToHunter: latency(a.latency.leadGeneratorToHunter),
      hunterToCloser: latency(a.latency.hunterToCloser),
      wonToAccountOpened: latency(a.latency.wonToAccountOpened),
      wonToFirstFarmerTouch: latency(a.latency.wonToFirstFarmerTouch),
    },
    winRate: { won: a.won, lost: a.lost, rate: winRate },
    closerUplift: {
      withCloser: { ...a.withCloser, rate: withCloser },
      withoutCloser: { ...a.withoutCloser, rate: withoutCloser },
      uplift: withCloser === null || withoutCloser === null ? null : round(withCloser - withoutCloser, 4),
    },
    averageDealSize: { wonAmount: { ...a.wonAmount }, wonDeals: { ...a.wonCount }, average: averageDealSize },
    salesCycle: { wonDeals: a.cycleDays.length, medianDays: medianCycleDays === null ? null : round(medianCycleDays, 4) },
    salesVelocity: {
      openDeals: a.openDeals,
      perDay: mapMoney(a.wonAmount, (_, currency) =>
        winRate === null || medianCycleDays === null || medianCycleDays === 0
          ? null
          : round((a.openDeals * (averageDealSize[currency] ?? 0) * winRate) / medianCycleDays, 2),
      ),
    },
    revenue: { newBusiness: { ...a.newBusinessRevenue }, repeat: { ...a.repeatRevenue } },
    openPipeline: { ...a.openPipeline },
    activity: {
      ...a.activity,
      days: round(days, 4),
      attemptsPerLeadGeneratorPerDay: ratio(a.activity.attempts, people.leadGenerators * days),
      meetingsPerHunterPerWeek: ratio(a.activity.meetingsHeld, (people.hunters * days * DAY_MS) / WEEK),
      touchpointsPerFarmer: ratio(a.activity.touchpoints, people.farmers),
    },
    lossReasons: { deals: { ...a.lossReasons }, competitors: { ...a.competitors }, leadsDisqualified: { ...a.disqualificationReasons } },
  };
}

interface RoleStaff {
  headcount: number;
  openWork: number;
  capacity: number;
  load: number | null;
}

/** Reps in the department at `to`, by their role now, with their open leads, deals and accounts at `to`. */
function headcountAndLoad(reps: Map<string, RepFact>, open: ReadonlyMap<string, number>, to: number): Record<string, RoleStaff> {
  const before = (at: number | undefined) => at !== undefined && at < to;
  const roles: Record<string, RoleStaff> = {};
  for (const rep of reps.values()) {
    if (rep.joinedAt >= to || before(rep.leftAt)) continue;
    const role = (roles[rep.role] ??= { headcount: 0, openWork: 0, capacity: 0, load: null });
    role.headcount++;
    role.openWork += open.get(rep.id) ?? 0;
    role.capacity += rep.capacity;
    role.load = ratio(role.openWork, role.capacity);
  }
  return roles;
}

/** New-business revenue (hunters + closers) against repeat revenue (farmers + KAMs). */
function balance(team: Accumulator, staff: Record<string, RoleStaff>) {
  const currencies = new Set([...Object.keys(team.newBusinessRevenue), ...Object.keys(team.repeatRevenue)]);
  const share: Record<string, number | null> = {};
  for (const currency of currencies) {
    const newBusiness = team.newBusinessRevenue[currency] ?? 0;
    share[currency] = ratio(newBusiness, newBusiness + (team.repeatRevenue[currency] ?? 0));
  }
  return {
    newBusinessRevenue: { ...team.newBusinessRevenue },
    repeatRevenue: { ...team.repeatRevenue },
    newBusinessShare: share,
    byRole: staff,
  };
}

/**
 * The account base at `from` (opened before it, not churned before it) through the period: churn, the
 * repeat-sale rate, and GRR / NRR over each account's revenue so far (opening revenue plus repeat sales
 * won before `from`): GRR = (base − revenue of the accounts that churned) ÷ base; NRR adds the repeat
 * revenue the base accounts brought in the period.
 */
/** Every plan whose period overlaps [from, to), with what was achieved in its own period up to `to`. */
function planVsActual(facts: DocumentReader, reps: Map<string, RepFact>, from: number, to: number, roles: number) {
  const result = [];
  const plans = [...facts.values<PlanFact>('plans')].filter((plan) => plan.periodStart < to && plan.periodEnd > from);
  for (const plan of plans.sort((a, b) => a.periodStart - b.periodStart || a.id.localeCompare(b.id))) {
    const end = Math.min(plan.periodEnd, to);
    const actual = planAchieved(facts, reps, plan, plan.periodStart, end, roles);
    const elapsed = Math.min(1, Math.max(0, (end - plan.periodStart) / (plan.periodEnd - plan.periodStart)));
    result.push({
      planId: plan.id,
      metric: plan.metric,
      scope: plan.scope,
      periodStart: new Date(plan.periodStart).toISOString(),
      periodEnd: new Date(plan.periodEnd).toISOString(),
      currency: plan.currency ?? null,
      target: plan.target,
      actual,
      attainment: ratio(actual, plan.target),
      remaining: round(Math.max(0, plan.target - actual), 2),
      periodElapsed: round(elapsed, 4),
    });
  }
  return result;
}

/** Open pipeline ÷ what remains of the team's new-business revenue plans running at `to`. */
function pipelineCoverage(openPipeline: MoneyByCurrency, plans: ReturnType<typeof planVsActual>, to: number) {
  const remaining: MoneyByCurrency = {};
  for (const plan of plans) {
    if (plan.metric !== 'new-business-revenue' || plan.scope.kind !== 'team' || plan.currency === null) continue;
    if (!(Date.parse(plan.periodStart) < to && Date.parse(plan.periodEnd) >= to)) continue;
    addMoney(remaining, plan.currency, plan.remaining);
  }
  const currencies = new Set([...Object.keys(openPipeline), ...Object.keys(remaining)]);
  return {
    openPipeline: { ...openPipeline },
    remainingPlan: remaining,
    coverage: Object.fromEntries([...currencies].map((currency) => [currency, ratio(openPipeline[currency] ?? 0, remaining[currency] ?? 0)])),
  };
}

export type KpiReport = ReturnType<typeof computeKpis>;
