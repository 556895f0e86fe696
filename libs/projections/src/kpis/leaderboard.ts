/**
 * The team page: every rep in the department during [from, to), by role, with their availability, load and
 * figures. The figures are each rep's group of computeKpis(…, groupBy: 'rep') and their plans its plan
 * against actual, read as they are: the leaderboard and GET /kpis?groupBy=rep cannot disagree.
 */
import { REP_ROLES } from '#libs/contracts';
import type { DocumentReader } from '../engine/projection';
import { computeKpis, type KpiReport } from './compute-kpis';
import { openWorkAt } from './open-work';
import type { RepFact } from './kpi-facts.projection';
import { ratio, round } from './statistics';

interface LeaderboardQuery {
  readonly from: number;
  readonly to: number;
}

type RepGroup = KpiReport['groups'][number];

/** The figure a role is ranked by after plan attainment: what the role is there to produce. */
const HEADLINE: Readonly<Record<string, (figures: RepFigures) => number>> = {
  'lead-generator': (figures) => figures.leadsQualified,
  hunter: (figures) => figures.won,
  closer: (figures) => figures.won,
  farmer: (figures) => figures.touchpoints,
  kam: (figures) => figures.touchpoints,
};

interface RepFigures {
  readonly won: number;
  readonly lost: number;
  readonly winRate: number | null;
  /** Won in the period, by currency, as the group's revenue: new business by the credit split. */
  readonly revenue: { readonly newBusiness: Record<string, number>; readonly repeat: Record<string, number> };
  readonly meetingsHeld: number;
  readonly attempts: number;
  readonly touchpoints: number;
  readonly leadsQualified: number;
  readonly medianCycleDays: number | null;
}

export interface LeaderboardRow {
  readonly repId: string;
  readonly name: string;
  readonly role: string;
  readonly available: boolean;
  readonly absentUntil: string | null;
  readonly capacity: number;
  /** Open leads, deals and accounts at the end of the period. */
  readonly openWork: number;
  /** openWork ÷ capacity. */
  readonly load: number | null;
  readonly figures: RepFigures;
  readonly plans: ReadonlyArray<{ planId: string; metric: string; currency: string | null; target: number; actual: number; attainment: number | null }>;
  /** The mean attainment of the rep's own plans; null without one. */
  readonly planAttainment: number | null;
}

function figuresOf(group: RepGroup | undefined): RepFigures {
  if (group === undefined) {
    return {
      won: 0, lost: 0, winRate: null, revenue: { newBusiness: {}, repeat: {} }, meetingsHeld: 0, attempts: 0, touchpoints: 0, leadsQualified: 0, medianCycleDays: null,
    };
  }
  return {
    won: group.winRate.won,
    lost: group.winRate.lost,
    winRate: group.winRate.rate,
    revenue: { newBusiness: { ...group.revenue.newBusiness }, repeat: { ...group.revenue.repeat } },
    meetingsHeld: group.activity.meetingsHeld,
    attempts: group.activity.attempts,
    touchpoints: group.activity.touchpoints,
    leadsQualified: group.funnel.qualified,
    medianCycleDays: group.salesCycle.medianDays,
  };
}

export function buildLeaderboard(facts: DocumentReader, query: LeaderboardQuery) {
  const { from, to } = query;
  const report = computeKpis(facts, { from, to, groupBy: 'rep' });
  const groups = new Map(report.groups.map((group) => [group.key, group]));
  const openWork = openWorkAt(facts, to);

  const rows: LeaderboardRow[] = [];
  for (const rep of facts.values<RepFact>('reps')) {
    if (rep.joinedAt >= to || (rep.leftAt !== undefined && rep.leftAt < from)) continue;
    const plans = report.planVsActual
      .filter((plan) => plan.scope.kind === 'rep' && plan.scope.repId === rep.id)
      .map(({ planId, metric, currency, target, actual, attainment }) => ({ planId, metric, currency, target, actual, attainment }));
    const attainments = plans.map((plan) => plan.attainment).filter((value): value is number => value !== null);
    const work = openWork.get(rep.id) ?? 0;
    rows.push({
      repId: rep.id,
      name: rep.name,
      role: rep.role,
      available: rep.available,
      absentUntil: rep.absentUntil === undefined ? null : new Date(rep.absentUntil).toISOString(),
      capacity: rep.capacity,
      openWork: work,
      load: ratio(work, rep.capacity),
      figures: figuresOf(groups.get(rep.id)),
      plans,
      planAttainment: attainments.length === 0 ? null : round(attainments.reduce((sum, value) => sum + value, 0) / attainments.length, 4),
    });
  }

  const roleOrder = (role: string) => {
    const index = (REP_ROLES as readonly string[]).indexOf(role);
    return index === -1 ? REP_ROLES.length : index;
  };
  const headline = (row: LeaderboardRow) => HEADLINE[row.role]?.(row.figures) ?? 0;
  rows.sort(
    (a, b) =>
      roleOrder(a.role) - roleOrder(b.role) || a.role.localeCompare(b.role) ||
      (b.planAttainment ?? -1) - (a.planAttainment ?? -1) || headline(b) - headline(a) || a.name.localeCompare(b.name) || a.repId.localeCompare(b.repId),
  );
  const roles: Array<{ role: string; reps: LeaderboardRow[] }> = [];
  for (const row of rows) {
    const last = roles[roles.length - 1];
    if (last?.role === row.role) last.reps.push(row);
    else roles.push({ role: row.role, reps: [row] });
  }
  return { period: report.period, roles };
}

export type Leaderboard = ReturnType<typeof buildLeaderboard>;
