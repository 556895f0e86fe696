/**
 * The plans of a simulated year, read back the way the head of sales reads them: the history folded into
 * the KPI facts in memory (as foldHistory does from a store), then computeKpis for every month.
 */
import { DAY_MS } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';
import { DocumentState, computeKpis, kpiFactsProjection } from '#libs/projections';
import { DepartmentSimulation } from './department-simulation';
import { MonthlyPlanner, Ramp } from './monthly-plans';
import { SeededRandom } from './seeded-random';
import type { RosterEntry } from '#libs/platform';

/** A simulated history's KPI facts, and the simulation. */
function foldedYear(options: { seed: number; end: string }) {
  const simulation = new DepartmentSimulation({ seed: options.seed, months: 12, end: new Date(options.end), leadsPerDay: 30, keyAccountThreshold: 1_000_000 });
  const facts = DocumentState.of(kpiFactsProjection, false);
  const folded = new Set<string>(kpiFactsProjection.eventTypes);
  const revisions = new Map<string, number>();
  let position = 0;
  for (const day of simulation.dayBatches()) {
    for (const append of day) {
      for (const event of append.events) {
        const streamRevision = (revisions.get(append.streamId) ?? -1) + 1;
        revisions.set(append.streamId, streamRevision);
        position++;
        if (!folded.has(event.type)) continue;
        const stored: StoredEvent = {
          eventId: event.eventId!,
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          streamId: append.streamId,
          streamRevision,
          position: { commit: position, prepare: position },
          occurredAt: event.occurredAt!,
          recordedAt: event.occurredAt!,
          data: event.data,
          metadata: event.metadata!,
        };
        kpiFactsProjection.apply(facts, stored);
      }
    }
  }
  return { simulation, facts };
}

/** Every plan of every month that ended by the end of the history: [month, plan vs actual]. */
function completedMonths(simulation: DepartmentSimulation, facts: DocumentState) {
  const end = simulation.start.getTime() + simulation.days * DAY_MS;
  const months = [];
  for (let month = 0; ; month++) {
    const from = Date.UTC(simulation.start.getUTCFullYear(), simulation.start.getUTCMonth() + month, 1);
    const to = Date.UTC(simulation.start.getUTCFullYear(), simulation.start.getUTCMonth() + month + 1, 1);
    if (to > end) return months;
    months.push({ month: new Date(from).toISOString().slice(0, 7), plans: computeKpis(facts, { from: Math.max(from, simulation.start.getTime()), to }).planVsActual });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
/** expect(value) from low to high, naming what it is when it is not. */
function expectBetween(what: string, value: number, low: number, high: number): void {
  expect({ what, value, within: value >= low && value <= high }).toEqual({ what, value, within: true });
}
const shareWithin = (values: readonly number[], low: number, high: number) => values.filter((value) => value >= low && value <= high).length / values.length;

describe('the head of sales’ monthly plans', () => {
  const { simulation, facts } = foldedYear({ seed: 42, end: '2026-07-15T00:00:00Z' });
  const months = completedMonths(simulation, facts);
  const plans = months.flatMap(({ plans: each }) => each);

  it('are near what the team and each rep achieve: attainment around 100 %, most within 60–140 %', () => {
    expect(months.map(({ month }) => month)).toEqual([
      '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06',
    ]);
    const attainments = (scope: 'team' | 'rep') => plans.filter((plan) => plan.scope.kind === scope).map((plan) => plan.attainment!);
    for (const scope of ['team', 'rep'] as const) {
      const values = attainments(scope);
      expect(values.every((value) => typeof value === 'number')).toBe(true);
      expectBetween(`${scope} median`, median(values), 0.85, 1.15);
      expectBetween(`${scope} share within 0.6–1.4`, shareWithin(values, 0.6, 1.4), 0.8, 1);
    }
    const all = [...attainments('team'), ...attainments('rep')];
    expect(all.length).toBeGreaterThan(250);
    expectBetween('median', median(all), 0.85, 1.15);
    expect(shareWithin(all, 0.6, 1.4)).toBeGreaterThanOrEqual(0.8);
  });

  it('cover the team and every rep in a planned role, with readable ids, from the first full month on', () => {
    const roles: Record<string, string[]> = { hunter: [], closer: [], 'lead-generator': [], farmer: [], kam: [] };
    for (const rep of facts.values<{ id: string; role: string }>('reps')) roles[rep.role]?.push(rep.id);
    for (const { month, plans: monthPlans } of months.slice(1)) {
      const ids = monthPlans.map((plan) => plan.planId);
      expect(ids).toEqual(expect.arrayContaining([`new-business-${month}`, ...[...roles.hunter!, ...roles.closer!, ...roles['lead-generator']!].map((repId) => `rep-${repId}-${month}`)]));
      expect(ids).toEqual(expect.arrayContaining(roles.hunter!.map((repId) => `rep-${repId}-meetings-${month}`)));
    }
    // Repeat revenue once accounts have had time to buy again: the team's from the third month, every farmer's soon after.
    for (const { month, plans: monthPlans } of months.slice(4)) {
      expect(monthPlans.map((plan) => plan.planId)).toEqual(expect.arrayContaining([`repeat-${month}`, ...roles.farmer!.map((repId) => `rep-${repId}-${month}`)]));
    }
    const byId = new Map(plans.map((plan) => [plan.planId, plan]));
    expect(byId.get('new-business-2025-09')).toMatchObject({ scope: { kind: 'team' }, metric: 'new-business-revenue', currency: 'RUB' });
    expect(byId.get('repeat-2025-12')).toMatchObject({ scope: { kind: 'team' }, metric: 'repeat-revenue', currency: 'RUB' });
    expect(byId.get('rep-hunter-1-2025-09')).toMatchObject({ scope: { kind: 'rep', repId: 'hunter-1' }, metric: 'new-business-revenue', currency: 'RUB' });
    expect(byId.get('rep-hunter-1-meetings-2025-09')).toMatchObject({ metric: 'meetings-held', currency: null });
    expect(byId.get('rep-closer-2-2025-09')).toMatchObject({ metric: 'new-business-revenue' });
    expect(byId.get('rep-lead-generator-3-2025-09')).toMatchObject({ metric: 'leads-qualified', currency: null });
    expect(byId.get('rep-farmer-4-2025-12')).toMatchObject({ metric: 'repeat-revenue' });
    // Whole numbers: revenue to 100,000 RUB, counts to one.
    for (const plan of plans) expect(plan.target % (plan.currency === null ? 1 : 100_000)).toBe(0);
    // Each month's plans cover that month (the first, the rest of it from the first simulated day, where a new
    // team wins nothing yet: no new-business plans then).
    expect(byId.get('rep-lead-generator-1-2025-07')).toMatchObject({ periodStart: '2025-07-15T00:00:00.000Z', periodEnd: '2025-08-01T00:00:00.000Z' });
    expect(byId.has('new-business-2025-07')).toBe(false);
    expect(byId.get('new-business-2026-02')).toMatchObject({ periodStart: '2026-02-01T00:00:00.000Z', periodEnd: '2026-03-01T00:00:00.000Z' });
  });

  it('leave the running month with a plan, a pace and a pipeline to cover it', () => {
    const today = simulation.start.getTime() + simulation.days * DAY_MS; // 2026-07-15
    const report = computeKpis(facts, { from: Date.UTC(2026, 6, 1), to: today });
    const plan = report.planVsActual.find((each) => each.planId === 'new-business-2026-07')!;
    expect(plan.periodElapsed).toBeCloseTo(14 / 31, 3);
    expectBetween('plan.attainment! / plan.periodElapsed', plan.attainment! / plan.periodElapsed, 0.6, 1.4); // on pace
    expectBetween('report.pipelineCoverage.coverage.RUB', report.pipelineCoverage.coverage.RUB!, 0.5, 5);
  });
});

describe('a ramp', () => {
  it('adds up the weights of whole days in closed form', () => {
    const ramp = new Ramp(15, 36);
    const weight = (day: number) => Math.min(1, Math.max(0, (day - 15) / 21));
    for (const [lo, hi] of [[0, 10], [0, 31], [10, 20], [20, 30], [30, 60], [0, 365], [40, 41], [5, 5]] as const) {
      let sum = 0;
      for (let day = lo; day < hi; day++) sum += weight(day);
      expect(ramp.sum(lo, hi)).toBeCloseTo(sum, 9);
    }
  });
});

describe('the planner', () => {
  const rep = (repId: string, role: RosterEntry['role']): RosterEntry => ({ repId, name: repId, role, capacity: 10, available: true, absentUntil: null, absenceReason: null, left: false, load: 0, revision: 0 });
  const estimate = { newBusinessPerDay: 1_000_000, leadsQualifiedPerDay: 10, meetingsHeldPerDay: 8, repeatPerAccountDay: 2_000, closerShare: 0.1 };

  it('plans a new department’s first month from the funnel’s estimate, for the ramp', () => {
    const planner = new MonthlyPlanner(estimate);
    const drafts = planner.plans({
      month: '2025-01', today: 0, periodStart: 0, periodEnd: 31, startMs: Date.UTC(2025, 0, 1),
      reps: [rep('h-anna', 'hunter'), rep('c-kirill', 'closer'), rep('lg-ivan', 'lead-generator'), rep('f-olga', 'farmer'), rep('lg-gone', 'lead-generator')].map((each) =>
        each.repId === 'lg-gone' ? { ...each, left: true } : each,
      ),
      random: new SeededRandom(1),
    });
    const target = (planId: string) => drafts.find((draft) => draft.planId === planId)?.target ?? Number.NaN;
    // Wins from day 15, full from day 36: 5.71 full days' worth of January, times a stretch of 0.92–1.12.
    expectBetween('target(new-business-2025-01)', target('new-business-2025-01'), 0.92 * 5.71e6 - 1e5, 1.12 * 5.71e6 + 1e5);
    expectBetween('target(rep-h-anna-2025-01)', target('rep-h-anna-2025-01'), 0.92 * 0.9 * 5.71e6 - 1e5, 1.12 * 0.9 * 5.71e6 + 1e5);
    expectBetween('target(rep-lg-ivan-2025-01)', target('rep-lg-ivan-2025-01'), 0.92 * 10 * 26.5 - 1, 1.12 * 10 * 26.5 + 1);
    // No accounts yet, no repeat plans; nobody who left is planned.
    expect(drafts.map((draft) => draft.planId)).not.toContain('repeat-2025-01');
    expect(drafts.map((draft) => draft.planId)).not.toContain('rep-f-olga-2025-01');
    expect(drafts.map((draft) => draft.planId)).not.toContain('rep-lg-gone-2025-01');
  });

  it('counts what each rep achieved as the KPIs do: revenue by credit split, meetings by the deal’s closer or hunter', () => {
    const planner = new MonthlyPlanner(estimate);
    const reps = [rep('h-anna', 'hunter'), rep('h-boris', 'hunter'), rep('c-kirill', 'closer'), rep('c-lev', 'closer')];
    for (let day = 40; day < 130; day++) {
      planner.observe('DealOpened', { dealId: `d${day}`, hunterId: 'h-anna' }, day);
      planner.observe('MeetingHeld', { dealId: `d${day}`, meetingId: 'm1' }, day);
      planner.observe('DealHandedOffToCloser', { dealId: `d${day}`, closerId: 'c-kirill' }, day);
      planner.observe('DealWon', {
        dealId: `d${day}`, amount: { amount: 2_000_000, currency: 'RUB' },
        credit: [{ repId: 'h-anna', role: 'hunter', percent: 50 }, { repId: 'c-kirill', role: 'closer', percent: 50 }],
      }, day);
    }
    const drafts = planner.plans({ month: '2025-05', today: 130, periodStart: 130, periodEnd: 160, startMs: 0, reps, random: new SeededRandom(2) });
    const target = (planId: string) => drafts.find((draft) => draft.planId === planId)!.target;
    // 90 days of 1,000,000 a day each for Anna and Kirill (their own rate, drawn a little towards their role's).
    expectBetween('target(rep-h-anna-2025-05) / 30', target('rep-h-anna-2025-05') / 30, 0.92 * 0.75e6, 1.12 * 1e6);
    expect(target('rep-c-kirill-2025-05')).toBeGreaterThan(target('rep-c-lev-2025-05') * 2);
    expectBetween('target(new-business-2025-05) / 30', target('new-business-2025-05') / 30, 0.92 * 1.8e6, 1.12 * 2e6);
    expect(target('rep-h-anna-meetings-2025-05')).toBeGreaterThan(target('rep-h-boris-meetings-2025-05'));
  });
});
