/**
 * The cohort funnel of computeKpis: of the leads captured in the period, how far each has got since. Given a
 * March worked out by hand, then the figures; then what keeps the kept months and days true as the cohort
 * moves on (a deal won in April changes March's cohort) and what leaves them kept (an absence).
 */
import type { DocumentReader } from '../engine/projection';
import { given, kpiStory, then } from '../testing/kpi-story';
import { computeKpis } from './compute-kpis';

const story = kpiStory();
const MARCH = { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') };

function march() {
  return [
    story.rep('lg-1', 'lead-generator', '2026-01-01T09:00:00Z'),
    story.rep('lg-2', 'lead-generator', '2026-01-01T09:00:00Z'),
    story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z'),
    // L0 was captured in February: March's activity, not March's cohort.
    story.lead('L0', '2026-02-25T10:00:00Z'),
    story.attempt('L0', '2026-03-01T10:00:00Z'),
    story.qualify('L0', '2026-03-02T10:00:00Z'),
    // L1 goes all the way; its win comes in April (see below).
    story.lead('L1', '2026-03-02T10:00:00Z', { source: 'web-form' }),
    story.attempt('L1', '2026-03-02T11:00:00Z'),
    story.qualify('L1', '2026-03-02T12:00:00Z'),
    story.handOff('L1', 'D1', '2026-03-03T10:00:00Z'),
    story.meeting('D1', '2026-03-05T10:00:00Z'),
    story.proposal('D1', 300, '2026-03-06T10:00:00Z'),
    // L2 gets a deal, lost without a meeting.
    story.lead('L2', '2026-03-03T10:00:00Z'),
    story.attempt('L2', '2026-03-03T11:00:00Z'),
    story.qualify('L2', '2026-03-04T10:00:00Z'),
    story.handOff('L2', 'D2', '2026-03-05T10:00:00Z'),
    story.lose('D2', '2026-03-20T10:00:00Z'),
    // L3 is qualified without a logged attempt: it still counts as contacted.
    story.lead('L3', '2026-03-04T10:00:00Z'),
    story.qualify('L3', '2026-03-05T10:00:00Z'),
    // L4 is disqualified; L5 (lg-2) untouched.
    story.lead('L4', '2026-03-05T10:00:00Z'),
    story.attempt('L4', '2026-03-06T10:00:00Z'),
    story.disqualify('L4', '2026-03-07T10:00:00Z'),
    story.lead('L5', '2026-03-10T10:00:00Z', { leadGeneratorId: 'lg-2' }),
  ];
}

const winInApril = () => story.win('D1', 320, '2026-04-10T10:00:00Z');

describe('the cohort funnel', () => {
  it('counts, of the leads captured in the period, every stage up to the furthest each reached', () => {
    const report = computeKpis(given(march(), winInApril()), MARCH);
    expect(report.cohortFunnel.funnel).toEqual({ captured: 5, contacted: 4, qualified: 3, handedOff: 2, dealOpened: 2, meetingHeld: 1, proposalSent: 1, won: 1 });
    expect(report.cohortFunnel.stageConversion).toEqual({
      capturedToContacted: 0.8, contactedToQualified: 0.75, qualifiedToHandedOff: 0.6667, handedOffToDealOpened: 1,
      dealOpenedToMeetingHeld: 0.5, meetingHeldToProposalSent: 1, proposalSentToWon: 1,
    });
    expect(report.cohortFunnel.dropOff).toEqual({
      capturedToContacted: 1, contactedToQualified: 1, qualifiedToHandedOff: 1, handedOffToDealOpened: 0,
      dealOpenedToMeetingHeld: 1, meetingHeldToProposalSent: 0, proposalSentToWon: 0,
    });
    // The activity funnel is left as it was: what reached each stage within March.
    expect(report.funnel).toEqual({ captured: 5, contacted: 4, qualified: 4, handedOff: 2, dealOpened: 2, meetingHeld: 1, proposalSent: 1, won: 0 });
  });

  it('never lets a step exceed 100 %, where the activity funnel can', () => {
    // April: one proposal-less win of a deal whose lead was captured in March, and one new lead.
    const facts = given(march(), winInApril(), story.lead('L6', '2026-04-02T10:00:00Z'));
    const april = computeKpis(facts, { from: MARCH.to, to: Date.parse('2026-05-01T00:00:00Z') });
    expect(april.funnel.won).toBe(1);
    expect(april.stageConversion.proposalSentToWon).toBeNull(); // 1 won ÷ 0 proposals
    expect(april.stageConversion.capturedToContacted).toBe(0);
    for (const report of [april, computeKpis(facts, MARCH)]) {
      for (const rate of Object.values(report.cohortFunnel.stageConversion)) expect(rate === null || rate <= 1).toBe(true);
    }
  });

  it('is the cohort as of the facts given: as of the end of March, the April win is not there', () => {
    const report = computeKpis(given(march()), MARCH);
    expect(report.cohortFunnel.funnel.won).toBe(0);
    expect(report.cohortFunnel.funnel.proposalSent).toBe(1);
  });

  it('is per group: by rep the lead generator\'s leads, by source the lead\'s', () => {
    const facts = given(march(), winInApril());
    const byRep = computeKpis(facts, { ...MARCH, groupBy: 'rep' });
    const cohortOf = (key: string) => byRep.groups.find((group) => group.key === key)?.cohortFunnel.funnel;
    expect(cohortOf('lg-1')).toEqual({ captured: 4, contacted: 4, qualified: 3, handedOff: 2, dealOpened: 2, meetingHeld: 1, proposalSent: 1, won: 1 });
    expect(cohortOf('lg-2')).toEqual({ captured: 1, contacted: 0, qualified: 0, handedOff: 0, dealOpened: 0, meetingHeld: 0, proposalSent: 0, won: 0 });
    // The hunter owns no cohort: its leads are the lead generators'.
    expect(cohortOf('h-1')?.captured ?? 0).toBe(0);
    const bySource = computeKpis(facts, { ...MARCH, groupBy: 'source' });
    expect(bySource.groups.map((group) => [group.key, group.cohortFunnel.funnel.captured, group.cohortFunnel.funnel.won])).toEqual([
      ['manual', 4, 0],
      ['web-form', 1, 1],
    ]);
  });
});

/** The facts, counting the walks over them (holding): a kept piece is one computed without a walk. */
function counting(facts: DocumentReader): DocumentReader & { walks: number } {
  const counted = {
    walks: 0,
    get: <T>(collection: string, key: string) => facts.get<T>(collection, key),
    values: <T>(collection: string) => facts.values<T>(collection),
    overlapping: <T>(collection: string, from: number, to: number) => facts.overlapping<T>(collection, from, to),
    holding: <T>(collection: string, from: number, to: number) => {
      counted.walks++;
      return facts.holding<T>(collection, from, to);
    },
    changeCount: (from: number, to: number) => facts.changeCount(from, to),
    timeFloor: (collection: string) => facts.timeFloor(collection),
    size: (collection: string) => facts.size(collection),
  };
  return counted;
}

describe('kept months and days under the cohort', () => {
  it('recomputes March\'s cohort when a deal of a lead captured in March is won in April', () => {
    const facts = given(march());
    const reader = counting(facts);
    expect(computeKpis(reader, MARCH).cohortFunnel.funnel.won).toBe(0);
    reader.walks = 0;
    computeKpis(reader, MARCH);
    expect(reader.walks).toBe(0); // March is kept
    then(facts, winInApril());
    expect(computeKpis(reader, MARCH).cohortFunnel.funnel.won).toBe(1);
  });

  it('keeps every piece when a rep is marked absent, and recomputes the grouping by role when a role changes', () => {
    const facts = given(march());
    const reader = counting(facts);
    const byRole = () => computeKpis(reader, { ...MARCH, groupBy: 'role' });
    computeKpis(reader, MARCH);
    expect(byRole().groups.map((group) => [group.key, group.cohortFunnel.funnel.captured])).toEqual([['hunter', 0], ['lead-generator', 5]]);
    then(facts, story.absent('lg-2', '2026-05-01T00:00:00.000Z', '2026-04-20T09:00:00Z'));
    reader.walks = 0;
    computeKpis(reader, MARCH);
    byRole();
    expect(reader.walks).toBe(0);
    then(facts, story.roleChanged('lg-2', 'lead-generator', 'hunter', '2026-04-21T09:00:00Z'));
    expect(byRole().groups.map((group) => [group.key, group.cohortFunnel.funnel.captured])).toEqual([['hunter', 1], ['lead-generator', 4]]);
  });
});
