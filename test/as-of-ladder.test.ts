/**
 * The as-of ladder gives exactly what a fold of the whole history gives (foldHistory), at any moment: the same
 * documents, events applied and last position, on both stores, with rungs by month and by count, when it
 * climbs as the store grows and when events are recorded long after they occurred. And kpi-facts, whose
 * documents the rungs share, never changes one in place.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, StreamAppend } from '#libs/event-store';
import { AsOfLadder, DocumentState, foldHistory, kpiFactsProjection, type FoldedDocuments } from '#libs/projections';
import { openStore, plain, simulatedDays, storeUrl, writeDays, type Kind } from './support/projection-fixtures';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-ladder-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const DAY = 86_400_000;
const endOfDay = (day: number): Date => new Date(day + DAY - 1);
const utcDay = (at: number): number => Math.floor(at / DAY) * DAY;

function comparable(folded: FoldedDocuments) {
  return { eventsApplied: folded.eventsApplied, position: folded.position, documents: plain(folded.documents) };
}

async function expectSameAsWholeFold(store: EventStore, ladder: AsOfLadder, asOf: Date): Promise<void> {
  const [viaLadder, whole] = await Promise.all([ladder.fold(asOf), foldHistory(store, kpiFactsProjection, { asOf })]);
  expect({ asOf: asOf.toISOString(), ...comparable(viaLadder) }).toEqual({ asOf: asOf.toISOString(), ...comparable(whole) });
}

/** Every month's first and last instant in the history, a few days inside, and moments before and after it. */
function momentsOf(batches: readonly StreamAppend[][]): Date[] {
  const times = batches.flat().flatMap((append) => append.events.map((event) => event.occurredAt!.getTime()));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const moments = new Set<number>([first - 1, first, last, last + 1, first + Math.floor((last - first) / 3)]);
  for (let day = utcDay(first); day <= last; day += DAY) {
    const date = new Date(day);
    if (date.getUTCDate() === 1) moments.add(day - 1).add(day);
    if (date.getUTCDate() % 9 === 0) moments.add(day + DAY - 1);
  }
  return [...moments].sort((a, b) => a - b).map((at) => new Date(at));
}

describe.each<Kind>(['sqlite', 'postgres'])('as-of ladder on %s', (kind) => {
  let store: EventStore;
  let batches: StreamAppend[][];

  beforeAll(async () => {
    store = await openStore(storeUrl(kind, folder, `ladder_${kind}`));
    batches = simulatedDays(7, 100, 5);
    await writeDays(store, batches);
  });
  afterAll(() => store.close());

  it('folds each month boundary and days between exactly as the whole history does, with rungs by month and by count', async () => {
    const monthly = new AsOfLadder(store, kpiFactsProjection);
    const small = new AsOfLadder(store, kpiFactsProjection, { rungEvents: 250 });
    expect(monthly.status()).toMatchObject({ state: 'waiting', rungs: 0, eventsApplied: 0, position: 'start' });
    const climbing = Promise.all([monthly.climb(), small.climb()]);
    expect(monthly.status().state).toBe('climbing');
    await climbing;
    expect(monthly.status().state).toBe('ready');
    // 100 days from 2025-01-01: January to April, so a rung where each of February, March and April begins.
    expect(monthly.status().rungs).toBe(3);
    expect(small.status().rungs).toBeGreaterThan(10);
    for (const asOf of momentsOf(batches)) {
      await expectSameAsWholeFold(store, monthly, asOf);
      await expectSameAsWholeFold(store, small, asOf);
    }
  });

  it('climbs as the store grows, and stays exact when events are recorded months after they occurred', async () => {
    const ladder = new AsOfLadder(store, kpiFactsProjection, { rungEvents: 400 });
    await ladder.climb();
    // Late records: January's and February's days again, under new ids (a second department's import).
    const late = batches.slice(10, 50).map((day) =>
      day.map((append) => ({
        ...append,
        streamId: `late-${append.streamId}`,
        expectedRevision: 'any' as const,
        events: append.events.map((event) => ({ ...event, eventId: undefined })),
      })),
    );
    await writeDays(store, late);
    for (const asOf of ['2025-01-10', '2025-01-31', '2025-02-14', '2025-03-01', '2025-04-09'].map((day) => endOfDay(Date.parse(day)))) {
      await expectSameAsWholeFold(store, ladder, asOf);
    }
    expect(ladder.status().eventsApplied).toBe((await foldHistory(store, kpiFactsProjection)).eventsApplied);
  });
});

describe('as-of ladder, any history', () => {
  it('equals the whole fold for random histories recorded out of order, climbing at random points', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }), // seed
        fc.integer({ min: 20, max: 75 }), // days of history
        fc.integer({ min: 50, max: 3000 }), // events a rung at most
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 75, maxLength: 75 }), // days each day is recorded late by
        fc.array(fc.integer({ min: 0, max: 74 }), { minLength: 1, maxLength: 4 }), // days after which the ladder climbs
        fc.array(fc.integer({ min: -2, max: 80 }), { minLength: 3, maxLength: 6 }), // as-of days from the start
        async (seed, dayCount, rungEvents, lateBy, climbAfter, asOfDays) => {
          const store = await openStore(storeUrl('sqlite', folder, `ladder-property-${run++}`));
          try {
            const days = simulatedDays(seed, dayCount, 4);
            // Each day is recorded after those `lateBy` days later than it: the store's order is not time order.
            const order = days.map((_, index) => index).sort((a, b) => a + lateBy[a]! - (b + lateBy[b]!) || a - b);
            const ladder = new AsOfLadder(store, kpiFactsProjection, { rungEvents });
            for (const [written, index] of order.entries()) {
              await store.appendMany(days[index]!.map((append) => ({ ...append, expectedRevision: 'any' as const })));
              if (climbAfter.includes(written)) await ladder.climb();
            }
            const start = Date.parse('2025-01-01T00:00:00Z');
            for (const day of asOfDays) await expectSameAsWholeFold(store, ladder, endOfDay(start + day * DAY));
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('as-of ladder on a store that fails', () => {
  it('says it failed when the store cannot be read', async () => {
    const url = storeUrl('sqlite', folder, 'ladder-closed');
    const store = await openStore(url);
    await writeDays(store, simulatedDays(5, 10, 3));
    await store.close();
    const ladder = new AsOfLadder(store, kpiFactsProjection);
    await expect(ladder.climb()).rejects.toThrow();
    expect(ladder.status()).toMatchObject({ state: 'failed', eventsApplied: 0 });
  });
});

describe('kpi-facts documents', () => {
  it('are never changed in place, so that rungs and folds can share them', async () => {
    /** Deep-freezes every document it stores: a change in place then throws (modules are strict). */
    class FreezingState extends DocumentState {
      override put(collection: string, key: string, document: unknown): void {
        super.put(collection, key, document);
        deepFreeze(this.get(collection, key));
      }
    }
    const state = new FreezingState(kpiFactsProjection.collections, false, kpiFactsProjection.documentFields, kpiFactsProjection.timeFields);
    const store = await openStore(storeUrl('sqlite', folder, 'frozen'));
    try {
      await writeDays(store, simulatedDays(11, 120, 6));
      let applied = 0;
      for await (const event of store.readAll({ filter: { eventTypes: kpiFactsProjection.eventTypes } })) {
        kpiFactsProjection.apply(state, event);
        applied++;
      }
      expect(applied).toBeGreaterThan(5000);
      expect(plain(state)).toEqual(plain((await foldHistory(store, kpiFactsProjection)).documents));
    } finally {
      await store.close();
    }
  });
});

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const field of Object.values(value)) deepFreeze(field);
}
