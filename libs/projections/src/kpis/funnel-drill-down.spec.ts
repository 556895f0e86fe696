/** The drill-down behind a funnel stage: the very leads and deals computeKpis counted there, newest first. */
import { RUB, given, kpiStory } from '../testing/kpi-story';
import { FUNNEL_STAGES, computeKpis } from './compute-kpis';
import { FUNNEL_VIEWS, funnelDrillDown } from './funnel-drill-down';

const story = kpiStory();
const MARCH = { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') };

const facts = given(
  story.rep('lg-1', 'lead-generator', '2026-01-01T09:00:00Z'),
  story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z'),
  story.rep('c-1', 'closer', '2026-01-01T09:00:00Z'),
  // Captured in February, worked in March: activity, not cohort.
  story.lead('L0', '2026-02-25T10:00:00Z'),
  story.attempt('L0', '2026-03-01T10:00:00Z'),
  story.qualify('L0', '2026-03-02T10:00:00Z', 90),
  story.handOff('L0', 'D0', '2026-03-02T12:00:00Z', { value: 90 }),
  story.proposal('D0', 95, '2026-03-04T10:00:00Z'),
  story.toCloser('D0', 'c-1', '2026-03-05T10:00:00Z'),
  story.win('D0', 99, '2026-03-09T10:00:00Z', [{ repId: 'h-1', role: 'hunter', percent: 50 }, { repId: 'c-1', role: 'closer', percent: 50 }]),
  // Captured in March: one all the way (won in April), one qualified without an attempt, one untouched.
  story.lead('L1', '2026-03-02T10:00:00Z', { value: 40 }),
  story.attempt('L1', '2026-03-02T11:00:00Z'),
  story.qualify('L1', '2026-03-03T10:00:00Z', 50),
  story.handOff('L1', 'D1', '2026-03-04T10:00:00Z', { value: 50 }),
  story.meeting('D1', '2026-03-06T10:00:00Z'),
  story.proposal('D1', 60, '2026-03-07T10:00:00Z'),
  story.win('D1', 58, '2026-04-03T10:00:00Z'),
  story.lead('L2', '2026-03-03T10:00:00Z'),
  story.qualify('L2', '2026-03-05T10:00:00Z', 20),
  story.lead('L3', '2026-03-20T10:00:00Z', { leadGeneratorId: null }),
);

const all = { ...MARCH, limit: 500, offset: 0 };

describe('funnelDrillDown', () => {
  it('has, for every stage of both views, exactly the count of that stage in GET /kpis', () => {
    const report = computeKpis(facts, MARCH);
    for (const stage of FUNNEL_STAGES) {
      expect({ stage, total: funnelDrillDown(facts, { ...all, stage, view: 'activity' }).total }).toEqual({ stage, total: report.funnel[stage] });
      expect({ stage, total: funnelDrillDown(facts, { ...all, stage, view: 'cohort' }).total }).toEqual({ stage, total: report.cohortFunnel.funnel[stage] });
    }
    expect(FUNNEL_VIEWS).toEqual(['activity', 'cohort']);
  });

  it('lists the leads of a lead stage, newest first, with who owns them and their value', () => {
    const contacted = funnelDrillDown(facts, { ...all, stage: 'contacted', view: 'cohort' });
    expect(contacted).toEqual({
      stage: 'contacted', view: 'cohort', total: 2,
      items: [
        // L2 was never attempted: it got past "contacted" when it was qualified.
        { kind: 'lead', id: 'L2', leadId: 'L2', dealId: null, reachedAt: '2026-03-05T10:00:00.000Z', repId: 'lg-1', value: RUB(20) },
        // L1 was handed off: its value is its deal's (the same estimate, kept once).
        { kind: 'lead', id: 'L1', leadId: 'L1', dealId: 'D1', reachedAt: '2026-03-02T11:00:00.000Z', repId: 'lg-1', value: RUB(50) },
      ],
    });
    const captured = funnelDrillDown(facts, { ...all, stage: 'captured', view: 'activity' });
    expect(captured.items.map((item) => [item.id, item.repId])).toEqual([['L3', null], ['L2', 'lg-1'], ['L1', 'lg-1']]);
  });

  it('lists the deals of a deal stage, owned by the closer once handed over, valued by amount, proposal or estimate', () => {
    const won = funnelDrillDown(facts, { ...all, stage: 'won', view: 'activity' });
    expect(won.items).toEqual([
      { kind: 'deal', id: 'D0', leadId: 'L0', dealId: 'D0', reachedAt: '2026-03-09T10:00:00.000Z', repId: 'c-1', value: RUB(99) },
    ]);
    const wonCohort = funnelDrillDown(facts, { ...all, stage: 'won', view: 'cohort' });
    expect(wonCohort.items.map((item) => [item.id, item.reachedAt, item.value])).toEqual([['D1', '2026-04-03T10:00:00.000Z', RUB(58)]]);
    const opened = funnelDrillDown(facts, { ...all, stage: 'dealOpened', view: 'activity' });
    expect(opened.items.map((item) => [item.id, item.repId])).toEqual([['D1', 'h-1'], ['D0', 'c-1']]);
  });

  it('pages with limit and offset, the total unchanged', () => {
    const page = funnelDrillDown(facts, { ...MARCH, stage: 'captured', view: 'activity', limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.id)).toEqual(['L2']);
    expect(funnelDrillDown(facts, { ...MARCH, stage: 'captured', view: 'activity', limit: 10, offset: 5 }).items).toEqual([]);
  });
});
