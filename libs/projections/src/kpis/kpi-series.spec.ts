/** The KPI series: ISO weeks and calendar months (UTC), cut at from and to, each bucket exactly computeKpis over it. */
import { at, given, kpiStory } from '../testing/kpi-story';
import { computeKpis } from './compute-kpis';
import { computeKpiSeries, defaultSeriesFrom, intervalStart, seriesBuckets } from './kpi-series';

const story = kpiStory();
const iso = (buckets: ReadonlyArray<{ from: number; to: number; whole: boolean }>) =>
  buckets.map((bucket) => [new Date(bucket.from).toISOString().slice(0, 10), new Date(bucket.to).toISOString().slice(0, 10), bucket.whole]);

describe('series buckets', () => {
  it('starts weeks on Monday 00:00 UTC and months on the 1st', () => {
    // 2026-03-04 is a Wednesday.
    expect(new Date(intervalStart('week', at('2026-03-04T15:00:00Z'))).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(intervalStart('week', at('2026-03-01T23:59:59Z'))).toISOString()).toBe('2026-02-23T00:00:00.000Z'); // a Sunday
    expect(new Date(intervalStart('month', at('2026-03-31T23:59:59Z'))).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('cuts the first and last bucket at from and to', () => {
    expect(iso(seriesBuckets('week', at('2026-03-04T00:00:00Z'), at('2026-03-20T00:00:00Z')))).toEqual([
      ['2026-03-04', '2026-03-09', false],
      ['2026-03-09', '2026-03-16', true],
      ['2026-03-16', '2026-03-20', false],
    ]);
    expect(iso(seriesBuckets('month', at('2026-01-01T00:00:00Z'), at('2026-04-01T00:00:00Z')))).toEqual([
      ['2026-01-01', '2026-02-01', true],
      ['2026-02-01', '2026-03-01', true],
      ['2026-03-01', '2026-04-01', true],
    ]);
  });

  it('defaults to the 12 whole intervals before the one `to` falls in', () => {
    const to = at('2026-03-18T12:00:00Z');
    const months = seriesBuckets('month', defaultSeriesFrom('month', to), to);
    expect(months).toHaveLength(13);
    expect(iso(months)[0]).toEqual(['2025-03-01', '2025-04-01', true]);
    expect(iso(months)[12]).toEqual(['2026-03-01', '2026-03-18', false]);
    expect(seriesBuckets('week', defaultSeriesFrom('week', at('2026-03-16T00:00:00Z')), at('2026-03-16T00:00:00Z'))).toHaveLength(12);
  });
});

describe('computeKpiSeries', () => {
  it('gives each bucket exactly computeKpis over it', () => {
    const facts = given(
      story.rep('lg-1', 'lead-generator', '2026-01-01T09:00:00Z'),
      story.rep('h-1', 'hunter', '2026-01-01T09:00:00Z'),
      story.lead('L1', '2026-03-02T10:00:00Z'),
      story.attempt('L1', '2026-03-03T10:00:00Z'),
      story.qualify('L1', '2026-03-10T10:00:00Z'),
      story.handOff('L1', 'D1', '2026-03-11T10:00:00Z'),
      story.win('D1', 500, '2026-03-17T10:00:00Z'),
      story.lead('L2', '2026-03-18T10:00:00Z'),
    );
    const query = { interval: 'week' as const, from: at('2026-03-04T00:00:00Z'), to: at('2026-03-20T00:00:00Z'), groupBy: 'rep' as const };
    const series = computeKpiSeries(facts, query);
    expect(series.map((bucket) => bucket.report.funnel.captured)).toEqual([0, 0, 1]);
    expect(series.map((bucket) => bucket.report.revenue.newBusiness)).toEqual([{}, {}, { RUB: 500 }]);
    for (const bucket of series) {
      expect(bucket.report).toEqual(computeKpis(facts, { from: Date.parse(bucket.from), to: Date.parse(bucket.to), groupBy: 'rep' }));
    }
  });
});
