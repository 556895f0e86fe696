/** The leaderboard: the department during the period by role, each rep's figures exactly their group of GET /kpis?groupBy=rep. */
import { given, kpiStory } from '../testing/kpi-story';
import { computeKpis } from './compute-kpis';
import { buildLeaderboard } from './leaderboard';

const story = kpiStory();
const MARCH = { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') };

const facts = given(
  story.rep('lg-1', 'lead-generator', '2026-01-01T09:00:00Z'),
  story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z', 4),
  story.rep('h-2', 'hunter', '2026-01-01T09:00:00Z'),
  story.rep('c-1', 'closer', '2026-01-01T09:00:00Z'),
  story.rep('gone', 'hunter', '2026-01-01T09:00:00Z'),
  story.left('gone', '2026-02-15T09:00:00Z'), // left before March: not on the board
  story.rep('late', 'farmer', '2026-04-02T09:00:00Z'), // joined after March: not on it either
  story.absent('h-2', '2026-04-10T00:00:00.000Z', '2026-03-25T09:00:00Z'),
  story.plan('P1', 'deals-won', { kind: 'rep', repId: 'h-1' }, 4, '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
  story.plan('P2', 'new-business-revenue', { kind: 'rep', repId: 'h-1' }, 1000, '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'RUB'),
  story.plan('P3', 'deals-won', { kind: 'team' }, 10, '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
  story.lead('L1', '2026-03-02T10:00:00Z'),
  story.attempt('L1', '2026-03-02T11:00:00Z'),
  story.qualify('L1', '2026-03-03T10:00:00Z'),
  story.handOff('L1', 'D1', '2026-03-04T10:00:00Z'),
  story.meeting('D1', '2026-03-06T10:00:00Z'),
  story.win('D1', 600, '2026-03-16T10:00:00Z'),
  story.lead('L2', '2026-03-03T10:00:00Z'),
  story.attempt('L2', '2026-03-03T11:00:00Z'),
  story.qualify('L2', '2026-03-04T10:00:00Z'),
  story.handOff('L2', 'D2', '2026-03-05T10:00:00Z'),
  story.toCloser('D2', 'c-1', '2026-03-06T10:00:00Z'),
  story.win('D2', 400, '2026-03-25T10:00:00Z', [{ repId: 'h-1', role: 'hunter', percent: 50 }, { repId: 'c-1', role: 'closer', percent: 50 }]),
  story.lead('L3', '2026-03-10T10:00:00Z'),
  story.qualify('L3', '2026-03-11T10:00:00Z'),
  story.handOff('L3', 'D3', '2026-03-12T10:00:00Z', { hunterId: 'h-2' }),
);

describe('buildLeaderboard', () => {
  const board = buildLeaderboard(facts, MARCH);
  const row = (repId: string) => board.roles.flatMap((role) => role.reps).find((each) => each.repId === repId)!;

  it('lists the department during the period, by role in the roles\' order', () => {
    expect(board.roles.map((role) => [role.role, role.reps.map((rep) => rep.repId)])).toEqual([
      ['lead-generator', ['lg-1']],
      ['hunter', ['h-1', 'h-2']], // h-1 has plans (0.65), h-2 none
      ['closer', ['c-1']],
    ]);
  });

  it('shows availability, capacity and load at the end of the period', () => {
    expect(row('h-2')).toMatchObject({ available: false, absentUntil: '2026-04-10T00:00:00.000Z', capacity: 10, openWork: 1, load: 0.1 });
    expect(row('h-1')).toMatchObject({ available: true, absentUntil: null, capacity: 4, openWork: 0, load: 0 });
    expect(row('lg-1')).toMatchObject({ openWork: 0 });
  });

  it('takes every figure from the per-rep report of GET /kpis', () => {
    const byRep = computeKpis(facts, { ...MARCH, groupBy: 'rep' });
    for (const rep of board.roles.flatMap((role) => role.reps)) {
      const group = byRep.groups.find((each) => each.key === rep.repId)!;
      expect(rep.figures).toEqual({
        won: group.winRate.won, lost: group.winRate.lost, winRate: group.winRate.rate,
        revenue: group.revenue, meetingsHeld: group.activity.meetingsHeld, attempts: group.activity.attempts,
        touchpoints: group.activity.touchpoints, leadsQualified: group.funnel.qualified, medianCycleDays: group.salesCycle.medianDays,
      });
    }
    expect(row('h-1').figures).toMatchObject({ won: 2, winRate: 1, revenue: { newBusiness: { RUB: 800 }, repeat: {} }, meetingsHeld: 1, medianCycleDays: 16 });
    expect(row('c-1').figures.revenue.newBusiness).toEqual({ RUB: 200 });
    expect(row('lg-1').figures).toMatchObject({ attempts: 2, leadsQualified: 3 });
  });

  it('sets each rep against their own plans, and the mean of those', () => {
    expect(row('h-1').plans).toEqual([
      { planId: 'P1', metric: 'deals-won', currency: null, target: 4, actual: 2, attainment: 0.5 },
      { planId: 'P2', metric: 'new-business-revenue', currency: 'RUB', target: 1000, actual: 800, attainment: 0.8 }, // 600 + half of 400
    ]);
    expect(row('h-1').planAttainment).toBe(0.65);
    expect(row('h-2')).toMatchObject({ plans: [], planAttainment: null });
  });
});
