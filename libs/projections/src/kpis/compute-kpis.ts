/**
 * The head of sales' KPIs for a period [from, to), computed from the KPI facts (pure: the same facts and
 * query give the same report). Every figure comes with the inputs it was computed from, so that a number
 * can be checked by hand. Stages are counted in the period in which they were first reached (a lead
 * captured in March and qualified in April counts as captured in March and qualified in April).
 */
import type { DocumentReader } from '../engine/projection';
import type { AccountFact, ActivityFact, DealFact, LeadFact, Money, PlanFact, RepFact, RepeatSaleFact } from './kpi-facts.projection';
import { addMoney, mapMoney, median, ratio, round, type MoneyByCurrency } from './statistics';

export const KPI_GROUP_BY = ['rep', 'role', 'source', 'script'] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BY)[number];

export interface KpiQuery {
  /** Inclusive, epoch ms. */
  readonly from: number;
  /** Exclusive, epoch ms. */
  readonly to: number;
  readonly groupBy?: KpiGroupBy;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const seconds = (ms: number) => Math.round(ms / 1000);

export const FUNNEL_STAGES = ['captured', 'contacted', 'qualified', 'handedOff', 'dealOpened', 'meetingHeld', 'proposalSent', 'won'] as const;
type FunnelStage = (typeof FUNNEL_STAGES)[number];

class Accumulator {
  readonly funnel: Record<FunnelStage, number> = {
    captured: 0, contacted: 0, qualified: 0, handedOff: 0, dealOpened: 0, meetingHeld: 0, proposalSent: 0, won: 0,
  };
  readonly speedToLead: number[] = [];
  readonly latency = { leadGeneratorToHunter: [] as number[], hunterToCloser: [] as number[], wonToAccountOpened: [] as number[], wonToFirstFarmerTouch: [] as number[] };
  won = 0;
  lost = 0;
  readonly withCloser = { won: 0, lost: 0 };
  readonly withoutCloser = { won: 0, lost: 0 };
  readonly wonAmount: MoneyByCurrency = {};
  readonly wonCount: Record<string, number> = {};
  readonly newBusinessRevenue: MoneyByCurrency = {};
  readonly repeatRevenue: MoneyByCurrency = {};
  readonly cycleDays: number[] = [];
  openDeals = 0;
  readonly openPipeline: MoneyByCurrency = {};
  readonly activity = { attempts: 0, meetingsHeld: 0, touchpoints: 0 };
  readonly lossReasons: Record<string, number> = {};
  readonly competitors: Record<string, number> = {};
  readonly disqualificationReasons: Record<string, number> = {};
}

type Keys = ReadonlyArray<readonly [key: string, weight: number]>;
const NO_KEYS: Keys = [];

export function computeKpis(facts: DocumentReader, query: KpiQuery) {
  const { from, to, groupBy } = query;
  const inPeriod = (at: number | undefined): at is number => at !== undefined && at >= from && at < to;
  const before = (at: number | undefined): at is number => at !== undefined && at < to;

  const reps = new Map<string, RepFact>();
  for (const rep of facts.values<RepFact>('reps')) reps.set(rep.id, rep);
  const leads = (id: string | undefined) => (id === undefined ? undefined : facts.get<LeadFact>('leads', id));
  const deals = (id: string | undefined) => (id === undefined ? undefined : facts.get<DealFact>('deals', id));
  const accounts = (id: string | undefined) => (id === undefined ? undefined : facts.get<AccountFact>('accounts', id));
  const roleOf = (repId: string | undefined) => (repId === undefined ? 'unassigned' : (reps.get(repId)?.role ?? 'unknown'));

  const team = new Accumulator();
  const groups = new Map<string, Accumulator>();
  const group = (key: string) => {
    let accumulator = groups.get(key);
    if (accumulator === undefined) groups.set(key, (accumulator = new Accumulator()));
    return accumulator;
  };
  const contribute = (keys: Keys, add: (accumulator: Accumulator, weight: number) => void) => {
    add(team, 1);
    if (groupBy === undefined) return;
    if (keys.length === 1) {
      add(group(keys[0]![0]), keys[0]![1]);
      return;
    }
    const merged = new Map<string, number>();
    for (const [key, weight] of keys) merged.set(key, (merged.get(key) ?? 0) + weight);
    for (const [key, weight] of merged) add(group(key), weight);
  };

  const byLead = (lead: LeadFact | undefined, repId: string | undefined): Keys => {
    switch (groupBy) {
      case 'rep': return [[repId ?? 'unassigned', 1]];
      case 'role': return [[roleOf(repId), 1]];
      case 'source': return [[lead?.source ?? 'unknown', 1]];
      case 'script': return [[lead?.script ?? 'none', 1]];
      default: return NO_KEYS;
    }
  };
  const bySourceOrScript = groupBy === 'source' || groupBy === 'script';
  const byDeal = (deal: DealFact): Keys => byLead(bySourceOrScript ? leads(deal.leadId) : undefined, deal.hunterId);
  /** Won or lost deals count for the hunter and (when handed over) the closer; revenue by the credit split. */
  const byClosedDeal = (deal: DealFact): Keys => {
    if (groupBy !== 'rep' && groupBy !== 'role') return byDeal(deal);
    const credit = deal.credit ?? [
      { repId: deal.hunterId, role: 'hunter', percent: deal.closerId ? 50 : 100 },
      ...(deal.closerId ? [{ repId: deal.closerId, role: 'closer', percent: 50 }] : []),
    ];
    return credit.map((share) => [groupBy === 'rep' ? share.repId : roleOf(share.repId), share.percent / 100] as const);
  };
  const byAccount = (account: AccountFact | undefined, repId: string | undefined): Keys => {
    if (!bySourceOrScript) return byLead(undefined, repId);
    const deal = deals(account?.dealId);
    return byLead(leads(deal?.leadId), undefined);
  };

  // Open work at `to` per rep (the load in the balance), counted in the same passes.
  const openWork = new Map<string, number>();
  const addOpenWork = (repId: string | undefined) => repId !== undefined && openWork.set(repId, (openWork.get(repId) ?? 0) + 1);

  // ---- leads
  for (const lead of facts.overlapping<LeadFact>('leads', from, to)) {
    if (lead.capturedAt < to && !before(lead.handedOffAt) && !before(lead.disqualifiedAt)) addOpenWork(lead.leadGeneratorId);
    if (
      !inPeriod(lead.capturedAt) && !inPeriod(lead.firstAttemptAt) && !inPeriod(lead.qualifiedAt) &&
      !inPeriod(lead.handedOffAt) && !inPeriod(lead.disqualifiedAt)
    ) continue;
    const keys = byLead(lead, lead.leadGeneratorId);
    if (inPeriod(lead.capturedAt)) contribute(keys, (a) => a.funnel.captured++);
    if (inPeriod(lead.firstAttemptAt)) {
      const waited = seconds(lead.firstAttemptAt - lead.capturedAt);
      contribute(keys, (a) => {
        a.funnel.contacted++;
        a.speedToLead.push(waited);
      });
    }
    if (inPeriod(lead.qualifiedAt)) contribute(keys, (a) => a.funnel.qualified++);
    if (inPeriod(lead.handedOffAt)) {
      const latency = lead.qualifiedAt === undefined ? undefined : seconds(lead.handedOffAt - lead.qualifiedAt);
      contribute(keys, (a) => {
        a.funnel.handedOff++;
        if (latency !== undefined) a.latency.leadGeneratorToHunter.push(latency);
      });
    }
    if (inPeriod(lead.disqualifiedAt)) {
      const reason = lead.disqualifyReason ?? 'other';
      contribute(keys, (a) => (a.disqualificationReasons[reason] = (a.disqualificationReasons[reason] ?? 0) + 1));
    }
  }

  // ---- deals
  for (const deal of facts.overlapping<DealFact>('deals', from, to)) {
    const open = deal.openedAt < to && !before(deal.wonAt) && !before(deal.lostAt);
    if (open) addOpenWork(deal.closerId ?? deal.hunterId);
    if (
      !open && !inPeriod(deal.openedAt) && !inPeriod(deal.firstMeetingHeldAt) && !inPeriod(deal.proposalSentAt) &&
      !inPeriod(deal.closerFirstActivityAt) && !inPeriod(deal.wonAt) && !inPeriod(deal.lostAt)
    ) continue;
    const keys = byDeal(deal);
    if (inPeriod(deal.openedAt)) contribute(keys, (a) => a.funnel.dealOpened++);
    if (inPeriod(deal.firstMeetingHeldAt)) contribute(keys, (a) => a.funnel.meetingHeld++);
    if (inPeriod(deal.proposalSentAt)) contribute(keys, (a) => a.funnel.proposalSent++);
    if (inPeriod(deal.closerFirstActivityAt) && deal.handedToCloserAt !== undefined) {
      const latency = seconds(deal.closerFirstActivityAt - deal.handedToCloserAt);
      contribute(groupBy === 'rep' ? [[deal.closerId!, 1]] : groupBy === 'role' ? [[roleOf(deal.closerId), 1]] : keys, (a) =>
        a.latency.hunterToCloser.push(latency),
      );
    }
    if (open) {
      const value = deal.proposalAmount ?? deal.estimatedValue;
      contribute(keys, (a) => {
        a.openDeals++;
        addMoney(a.openPipeline, value.currency, value.amount);
      });
    }
    if (inPeriod(deal.wonAt)) {
      const amount = deal.amount as Money;
      const cycle = (deal.wonAt - deal.openedAt) / DAY;
      const closer = deal.closerId !== undefined;
      contribute(byClosedDeal(deal), (a, weight) => {
        a.funnel.won++;
        a.won++;
        (closer ? a.withCloser : a.withoutCloser).won++;
        addMoney(a.wonAmount, amount.currency, amount.amount);
        a.wonCount[amount.currency] = (a.wonCount[amount.currency] ?? 0) + 1;
        addMoney(a.newBusinessRevenue, amount.currency, amount.amount * weight);
        a.cycleDays.push(cycle);
      });
    }
    if (inPeriod(deal.lostAt)) {
      const reason = deal.lossReason ?? 'other';
      const competitor = deal.competitor;
      const closer = deal.closerId !== undefined;
      contribute(byClosedDeal(deal), (a) => {
        a.lost++;
        (closer ? a.withCloser : a.withoutCloser).lost++;
        a.lossReasons[reason] = (a.lossReasons[reason] ?? 0) + 1;
        if (competitor !== undefined) a.competitors[competitor] = (a.competitors[competitor] ?? 0) + 1;
      });
    }
  }

  // ---- accounts and repeat sales
  for (const account of facts.overlapping<AccountFact>('accounts', from, to)) {
    if (account.openedAt < to && !before(account.churnedAt)) addOpenWork(account.ownerId);
    if (account.dealWonAt === undefined || (!inPeriod(account.openedAt) && !inPeriod(account.firstTouchAt))) continue;
    const keys = byAccount(account, account.ownerId);
    if (inPeriod(account.openedAt)) {
      const latency = seconds(account.openedAt - account.dealWonAt);
      contribute(keys, (a) => a.latency.wonToAccountOpened.push(latency));
    }
    if (inPeriod(account.firstTouchAt)) {
      const latency = seconds(account.firstTouchAt - account.dealWonAt);
      contribute(keys, (a) => a.latency.wonToFirstFarmerTouch.push(latency));
    }
  }
  for (const sale of facts.overlapping<RepeatSaleFact>('repeatSales', from, to)) {
    if (!inPeriod(sale.wonAt)) continue;
    const amount = sale.amount as Money;
    contribute(byAccount(accounts(sale.accountId), sale.ownerId), (a) => addMoney(a.repeatRevenue, amount.currency, amount.amount));
  }

  // ---- activity (per rep: grouped by rep or role; by source or script it is only counted for the team)
  for (const activity of facts.overlapping<ActivityFact>('activity', from, to)) {
    if (!inPeriod(activity.day)) continue;
    const keys: Keys = groupBy === 'rep' ? [[activity.repId, 1]] : groupBy === 'role' ? [[roleOf(activity.repId), 1]] : NO_KEYS;
    contribute(keys, (a) => {
      a.activity.attempts += activity.attempts;
      a.activity.meetingsHeld += activity.meetingsHeld;
      a.activity.touchpoints += activity.touchpoints;
    });
  }

  const days = (to - from) / DAY;
  const staff = headcountAndLoad(reps, openWork, to);
  const headcount = (role: string) => staff[role]?.headcount ?? 0;
  const report = (a: Accumulator, repRole?: string) => summarise(a, days, repRole === undefined ? {
    leadGenerators: headcount('lead-generator'),
    hunters: headcount('hunter') + headcount('closer'),
    farmers: headcount('farmer') + headcount('kam'),
  } : perRepHeadcount(repRole));

  const plans = planVsActual(facts, reps, from, to);
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

function summarise(a: Accumulator, days: number, people: { leadGenerators: number; hunters: number; farmers: number }) {
  const stageConversion: Record<string, number | null> = {};
  for (let i = 1; i < FUNNEL_STAGES.length; i++) {
    const previous = FUNNEL_STAGES[i - 1]!;
    const stage = FUNNEL_STAGES[i]!;
    stageConversion[`${previous}To${stage[0]!.toUpperCase()}${stage.slice(1)}`] = ratio(a.funnel[stage], a.funnel[previous]);
  }
  const winRate = ratio(a.won, a.won + a.lost);
  const withCloser = ratio(a.withCloser.won, a.withCloser.won + a.withCloser.lost);
  const withoutCloser = ratio(a.withoutCloser.won, a.withoutCloser.won + a.withoutCloser.lost);
  const averageDealSize = mapMoney(a.wonAmount, (amount, currency) => round(amount / a.wonCount[currency]!, 2));
  const medianCycleDays = median(a.cycleDays);
  const latency = (values: number[]) => ({ count: values.length, medianSeconds: median(values) });
  return {
    funnel: { ...a.funnel },
    stageConversion,
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
      meetingsPerHunterPerWeek: ratio(a.activity.meetingsHeld, (people.hunters * days * DAY) / WEEK),
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
function retention(facts: DocumentReader, from: number, to: number) {
  const base: AccountFact[] = [];
  for (const account of facts.overlapping<AccountFact>('accounts', from, from)) {
    if (account.openedAt < from && (account.churnedAt === undefined || account.churnedAt >= from)) base.push(account);
  }
  const revenue: MoneyByCurrency = {};
  const churnedRevenue: MoneyByCurrency = {};
  const expansion: MoneyByCurrency = {};
  let withRepeatSale = 0;
  let churned = 0;
  for (const account of base) {
    let amount = account.openingRevenue.amount;
    let expanded = false;
    for (const win of account.repeatWins) {
      if (win.at < from) amount += win.amount.amount;
      else if (win.at < to) {
        addMoney(expansion, win.amount.currency, win.amount.amount);
        expanded = true;
      }
    }
    if (expanded) withRepeatSale++;
    addMoney(revenue, account.openingRevenue.currency, amount);
    if (account.churnedAt !== undefined && account.churnedAt < to) {
      churned++;
      addMoney(churnedRevenue, account.openingRevenue.currency, amount);
    }
  }
  return {
    baseAccounts: base.length,
    churnedAccounts: churned,
    churnRate: ratio(churned, base.length),
    accountsWithRepeatSale: withRepeatSale,
    repeatSaleRate: ratio(withRepeatSale, base.length),
    baseRevenue: revenue,
    churnedRevenue,
    expansionRevenue: expansion,
    grr: mapMoney(revenue, (amount, currency) => ratio(amount - (churnedRevenue[currency] ?? 0), amount)),
    nrr: mapMoney(revenue, (amount, currency) => ratio(amount - (churnedRevenue[currency] ?? 0) + (expansion[currency] ?? 0), amount)),
  };
}

/** Every plan whose period overlaps [from, to), with what was achieved in its own period up to `to`. */
function planVsActual(facts: DocumentReader, reps: Map<string, RepFact>, from: number, to: number) {
  const result = [];
  const plans = [...facts.values<PlanFact>('plans')].filter((plan) => plan.periodStart < to && plan.periodEnd > from);
  for (const plan of plans.sort((a, b) => a.periodStart - b.periodStart || a.id.localeCompare(b.id))) {
    const end = Math.min(plan.periodEnd, to);
    const within = (at: number | undefined) => at !== undefined && at >= plan.periodStart && at < end;
    const inScope = (repId: string | undefined): boolean =>
      plan.scope.kind === 'team' ||
      (plan.scope.kind === 'rep' ? repId === plan.scope.repId : repId !== undefined && reps.get(repId)?.role === plan.scope.role);
    let actual = 0;
    switch (plan.metric) {
      case 'new-business-revenue':
      case 'deals-won':
        for (const deal of facts.overlapping<DealFact>('deals', plan.periodStart, end)) {
          if (!within(deal.wonAt) || deal.amount === undefined) continue;
          if (plan.metric === 'new-business-revenue' && plan.currency !== undefined && deal.amount.currency !== plan.currency) continue;
          const shares = deal.credit ?? [{ repId: deal.hunterId, role: 'hunter', percent: 100 }];
          const share = plan.scope.kind === 'team' ? 1 : shares.filter((s) => inScope(s.repId)).reduce((sum, s) => sum + s.percent / 100, 0);
          if (plan.metric === 'deals-won') actual += share > 0 ? 1 : 0;
          else actual += deal.amount.amount * share;
        }
        break;
      case 'repeat-revenue':
        for (const sale of facts.overlapping<RepeatSaleFact>('repeatSales', plan.periodStart, end)) {
          if (!within(sale.wonAt) || sale.amount === undefined || !inScope(sale.ownerId)) continue;
          if (plan.currency !== undefined && sale.amount.currency !== plan.currency) continue;
          actual += sale.amount.amount;
        }
        break;
      case 'leads-qualified':
        for (const lead of facts.overlapping<LeadFact>('leads', plan.periodStart, end)) if (within(lead.qualifiedAt) && inScope(lead.leadGeneratorId)) actual++;
        break;
      case 'meetings-held':
      case 'touchpoints':
        for (const activity of facts.overlapping<ActivityFact>('activity', plan.periodStart, end)) {
          if (within(activity.day) && inScope(activity.repId)) actual += plan.metric === 'touchpoints' ? activity.touchpoints : activity.meetingsHeld;
        }
        break;
    }
    actual = round(actual, 2);
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
