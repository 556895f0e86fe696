/**
 * Property: for any valid history (a simulated department from a random seed and size), any batch size
 * and any point at which the projecting process restarts, the read model built incrementally equals a
 * rebuild from zero, equals the history folded "as of" its last event time, and gives the same KPIs.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, computeKpis, foldHistory, kpiFactsProjection, openReadModelStore, workQueuesProjection } from '#libs/projections';
import { openStore, persisted, plain, rebuilt, simulatedDays, storeUrl, writeDays } from './support/projection-fixtures';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-properties-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let run = 0;

describe('incremental projection = rebuild from zero = as-of at the last event', () => {
  it('holds for random histories, batch sizes and restart points', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }), // seed
        fc.integer({ min: 3, max: 45 }), // days of history
        fc.integer({ min: 1, max: 12 }), // leads a day
        fc.integer({ min: 1, max: 400 }), // batch size
        fc.double({ min: 0, max: 1, noNaN: true }), // where the process restarts
        async (seed, dayCount, leadsPerDay, batchSize, restartAt) => {
          const url = storeUrl('sqlite', folder, `property-${run++}`);
          const store = await openStore(url);
          const readModels = await openReadModelStore(url);
          try {
            const days = simulatedDays(seed, dayCount, leadsPerDay);
            const split = Math.floor(days.length * restartAt);
            // Part of the history, projected and stopped (a restart)...
            await writeDays(store, days.slice(0, split));
            const before = [kpiFactsProjection, workQueuesProjection].map((p) => new ProjectionRunner(p, store, readModels, { batchSize }));
            await Promise.all(before.map((runner) => runner.runToLive()));
            // ...then the rest, followed live by a new process that resumes from the checkpoints.
            const after = [kpiFactsProjection, workQueuesProjection].map((p) => new ProjectionRunner(p, store, readModels, { batchSize }));
            after.forEach((runner) => runner.start());
            await Promise.all(after.map((runner) => runner.whenLive()));
            let last = 0;
            const everything = { from: Date.parse('2024-12-01T00:00:00Z'), to: Date.parse('2026-01-01T00:00:00Z') };
            for (const [index, batch] of days.slice(split).entries()) {
              const results = await store.appendMany(batch);
              await Promise.all(after.map((runner) => runner.whenCaughtUpTo(results.at(-1)!.position)));
              for (const append of batch) for (const event of append.events) last = Math.max(last, event.occurredAt!.getTime());
              // Readers ask while the history grows: the days and months they keep must be dropped as facts in them change.
              computeKpis(after[0]!.documents!, { ...everything, ...(index % 2 === 0 ? {} : { groupBy: 'rep' as const }) });
            }
            for (const event of days.slice(0, split).flat().flatMap((append) => append.events)) last = Math.max(last, event.occurredAt!.getTime());
            await Promise.all(after.map((runner) => runner.stop()));

            for (const projection of [kpiFactsProjection, workQueuesProjection]) {
              const fromZero = await rebuilt(store, projection);
              const incremental = await persisted(readModels, projection);
              expect(incremental.documents).toEqual(fromZero.documents);
              const asOf = await foldHistory(store, projection, { asOf: new Date(last) });
              expect(plain(asOf.documents)).toEqual(fromZero.documents);
            }
            const live = after[0]!.documents!;
            const asOf = await foldHistory(store, kpiFactsProjection, { asOf: new Date(last) });
            for (const groupBy of [undefined, 'rep'] as const) {
              for (const period of [{ from: Date.parse('2025-01-01T00:00:00Z'), to: last + 1 }, everything]) {
                const query = { ...period, ...(groupBy ? { groupBy } : {}) };
                expect(computeKpis(live, query)).toEqual(computeKpis(asOf.documents, query));
              }
            }
          } finally {
            await readModels.close();
            await store.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
