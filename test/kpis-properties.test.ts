/**
 * Properties of the dashboard's KPI functions over simulated departments (random seed, size and period):
 * the cohort funnel never rises from one stage to the next; a drill-down's total is its stage's count in
 * GET /kpis; a series bucket is GET /kpis for that bucket; the leaderboard is the per-rep report; and a
 * forecast made at a past moment from today's facts equals the one made from the history as it stood then.
 */
import fc from 'fast-check';
import type { StoredEvent } from '#libs/event-store';
import {
  DocumentState, FUNNEL_STAGES, FUNNEL_VIEWS, buildLeaderboard, computeKpiSeries, computeKpis, forecastPeriod, funnelDrillDown, kpiFactsProjection,
  type PeriodForecast,
} from '#libs/projections';
import { simulatedDays } from './support/projection-fixtures';

const DAY = 86_400_000;

/** The simulation's events as the store would give them back, in order. */
function storedEvents(days: ReturnType<typeof simulatedDays>): StoredEvent[] {
  let position = 0;
  return days.flat().flatMap((append) =>
    append.events.map((event, index) => {
      position++;
      const occurredAt = event.occurredAt ?? new Date(0);
      return {
        eventId: `e-${position}`, type: event.type, schemaVersion: 1, streamId: append.streamId, streamRevision: index,
        position: { commit: position, prepare: position }, occurredAt, recordedAt: occurredAt, data: event.data, metadata: event.metadata,
      } as StoredEvent;
    }),
  );
}

/** The kpi-facts documents of the events that had occurred by `asOf` (as GET /kpis?asOf folds them). */
function factsAsOf(events: readonly StoredEvent[], asOf = Number.POSITIVE_INFINITY): DocumentState {
  const documents = DocumentState.of(kpiFactsProjection);
  for (const event of events) if (event.occurredAt.getTime() <= asOf) kpiFactsProjection.apply(documents, event);
  return documents;
}

const history = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  days: fc.integer({ min: 20, max: 75 }),
  leadsPerDay: fc.integer({ min: 2, max: 12 }),
  // Where the period starts and ends, and the forecast is made, as shares of the history.
  start: fc.double({ min: 0, max: 0.7, noNaN: true }),
  length: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
  made: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('the dashboard\'s KPI functions on simulated departments', () => {
  it('agree with computeKpis and with the history as it stood', () => {
    fc.assert(
      fc.property(history, ({ seed, days, leadsPerDay, start, length, made }) => {
        const events = storedEvents(simulatedDays(seed, days, leadsPerDay));
        const first = Date.parse('2025-01-01T00:00:00Z');
        const from = first + Math.round(start * days) * DAY + 3_600_000;
        const to = Math.min(from + Math.max(1, Math.round(length * days)) * DAY, first + days * DAY);
        const facts = factsAsOf(events);

        const report = computeKpis(facts, { from, to });
        const cohort = FUNNEL_STAGES.map((stage) => report.cohortFunnel.funnel[stage]);
        cohort.slice(1).forEach((count, index) => expect(count).toBeLessThanOrEqual(cohort[index]!));
        expect(report.cohortFunnel.funnel.captured).toBe(report.funnel.captured);
        for (const rate of Object.values(report.cohortFunnel.stageConversion)) expect(rate === null || rate <= 1).toBe(true);

        for (const stage of FUNNEL_STAGES) {
          for (const view of FUNNEL_VIEWS) {
            const total = funnelDrillDown(facts, { stage, view, from, to, limit: 1, offset: 0 }).total;
            expect({ stage, view, total }).toEqual({ stage, view, total: view === 'cohort' ? report.cohortFunnel.funnel[stage] : report.funnel[stage] });
          }
        }

        for (const bucket of computeKpiSeries(facts, { interval: 'week', from, to, groupBy: 'rep' })) {
          expect(bucket.report).toEqual(computeKpis(facts, { from: Date.parse(bucket.from), to: Date.parse(bucket.to), groupBy: 'rep' }));
        }

        const byRep = computeKpis(facts, { from, to, groupBy: 'rep' });
        for (const rep of buildLeaderboard(facts, { from, to }).roles.flatMap((role) => role.reps)) {
          const group = byRep.groups.find((each) => each.key === rep.repId);
          expect(rep.figures.won).toBe(group?.winRate.won ?? 0);
          expect(rep.figures.revenue).toEqual(group?.revenue ?? { newBusiness: {}, repeat: {} });
          expect(rep.figures.leadsQualified).toBe(group?.funnel.qualified ?? 0);
        }

        // The simulated department's plans are monthly, set on the 1st in the morning: the forecast is of its
        // first month, made from the 2nd on.
        const month = { from: first, to: Date.parse('2025-02-01T00:00:00Z') };
        const madeAt = month.from + DAY + Math.round(made * (Math.min(days * DAY, month.to - month.from) - DAY));
        const query = { ...month, madeAt, actualUntil: madeAt };
        const comparable = (forecast: PeriodForecast, planIds: ReadonlySet<string>) => ({
          ...forecast,
          plans: forecast.plans.filter((plan) => planIds.has(plan.planId!)),
        });
        const known = forecastPeriod(factsAsOf(events, madeAt), query);
        const now = forecastPeriod(facts, query);
        // Plans set after madeAt were not known then: compare the ones that were.
        const knownIds = new Set(known.plans.map((plan) => plan.planId!));
        expect(known.plans.map((plan) => plan.metric)).toContain('new-business-revenue');
        expect(comparable(now, knownIds)).toEqual(comparable(known, knownIds));
      }),
      // The example: a forecast made at noon, before a meeting held later that day (counted by day, it leaked).
      { numRuns: 12, examples: [[{ seed: 0, days: 20, leadsPerDay: 4, start: 0, length: 0.05, made: 6.5 / 19 }]] },
    );
  });
});
