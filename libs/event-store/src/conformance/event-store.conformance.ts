/**
 * One conformance suite for every EventStore adapter: each adapter's spec file calls
 * describeEventStoreConformance with its harness. Nothing here knows which store it runs against.
 */
import { randomUUID } from 'node:crypto';
import {
  EventIdConflictError,
  EventStoreClosedError,
  EventStoreUnavailableError,
  IncompatibleEventStoreError,
  InvalidEventStoreInputError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { EventStore, NewEvent, StoredEvent, SubscriptionStatus } from '../event-store.port';
import { comparePositions } from '../global-position';
import type { ConformanceHarness } from './conformance-harness';
import { eventually } from '../../../../test/support/eventually';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function anEvent(type = 'LeadCaptured', data: unknown = { company: 'ООО «Ромашка»' }, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    type,
    data,
    metadata: { correlationId: 'corr-1', causationId: null, actor: { userId: 'rep-1', role: 'lead-generator' } },
    ...extra,
  };
}

export async function collect<T>(iterable: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  if (limit <= 0) return items;
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}

function ids(events: readonly StoredEvent[]): string[] {
  return events.map((event) => event.eventId);
}

function expectInGlobalOrder(events: readonly StoredEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    expect(comparePositions(events[i - 1]!.position, events[i]!.position)).toBeLessThan(0);
  }
}

async function expectRejected(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  return error as Error;
}

export function describeEventStoreConformance(harness: ConformanceHarness): void {
  describe(`EventStore conformance: ${harness.name}`, () => {
    let store: EventStore;
    const opened: EventStore[] = [];

    async function open(options?: { idleRecheckMs?: number }): Promise<EventStore> {
      const created = await harness.openStore(options);
      opened.push(created);
      return created;
    }

    async function second(of: EventStore, options?: { idleRecheckMs?: number }): Promise<EventStore> {
      const created = await harness.openSecondInstance(of, options);
      opened.push(created);
      return created;
    }

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((each) => each.close()));
    });

    describe('append and read back', () => {
      it('names the newest event as the head: start when empty, then the last event of global order', async () => {
        expect(await store.headPosition()).toBe('start');
        await store.append('head-1', [anEvent(), anEvent()], { expectedRevision: 'no-stream' });
        await store.append('head-2', [anEvent()], { expectedRevision: 'no-stream' });
        const all = await collect(store.readAll());
        expect(await store.headPosition()).toEqual(all.at(-1)!.position);
      });

      it('stores the whole envelope', async () => {
        const occurredAt = new Date('2026-03-01T09:30:00.123Z');
        const before = Date.now();
        const result = await store.append(
          'lead-1',
          [
            anEvent('LeadCaptured', { company: 'ООО «Ромашка»', inn: '7707083893' }, { occurredAt }),
            anEvent('LeadAssigned', { to: 'rep-2' }, { schemaVersion: 3 }),
          ],
          { expectedRevision: 'no-stream' },
        );
        const events = await collect(store.readStream('lead-1'));

        expect(result).toEqual({ nextExpectedRevision: 1, position: events[1]!.position, written: true });
        expect(events).toHaveLength(2);
        const [captured, assigned] = events as [StoredEvent, StoredEvent];
        expect(captured.eventId).toMatch(UUID_V7);
        expect(captured).toMatchObject({
          type: 'LeadCaptured',
          schemaVersion: 1,
          streamId: 'lead-1',
          streamRevision: 0,
          occurredAt,
          data: { company: 'ООО «Ромашка»', inn: '7707083893' },
          metadata: { correlationId: 'corr-1', causationId: null, actor: { userId: 'rep-1', role: 'lead-generator' } },
        });
        expect(assigned).toMatchObject({ type: 'LeadAssigned', schemaVersion: 3, streamRevision: 1 });
        expect(assigned.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(assigned.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
        // Without an occurredAt the event happened when it was appended.
        expect(assigned.occurredAt.getTime()).toBeGreaterThanOrEqual(before);
        expect(assigned.occurredAt.getTime()).toBeLessThanOrEqual(assigned.recordedAt.getTime() + 1000);
        expectInGlobalOrder(events);
      });

      it('keeps a caller-chosen event id and extra metadata', async () => {
        const eventId = randomUUID();
        const metadata = { correlationId: 'c', causationId: 'cmd-7', actor: { userId: 'u', role: 'head-of-sales' }, source: 'csv-import' };
        await store.append('s', [{ ...anEvent(), eventId, metadata }], { expectedRevision: 'any' });
        const [event] = await collect(store.readStream('s'));
        expect(event).toMatchObject({ eventId, metadata });
      });

      it('round-trips Cyrillic, emoji and a large payload exactly', async () => {
        const text = 'Коммерческое предложение для ЗАО «Сибирь» — срок: до 31.12 🚀 ё Ё ъ \u00a0\t\n"\\';
        const large = {
          note: text,
          rows: Array.from({ length: 25_000 }, (_, i) => ({ i, name: `Клиент №${i}`, sum: i * 1.5 })),
          'ключ с пробелом': { 'вложенный': [text, null, true, -0.25, 1e21] },
        };
        expect(JSON.stringify(large).length).toBeGreaterThan(1_000_000);
        await store.append('лид-Ω', [anEvent('NoteAdded', large)], { expectedRevision: 'no-stream' });
        const [fromStream] = await collect(store.readStream('лид-Ω'));
        const [fromAll] = await collect(store.readAll({ filter: { streamPrefix: 'лид-' } }));
        expect(fromStream!.data).toEqual(large);
        expect(fromAll!.data).toEqual(large);
        expect(fromStream!.streamId).toBe('лид-Ω');
      });
    });

    describe('optimistic concurrency', () => {
      it('checks no-stream, exists, a revision and any', async () => {
        await store.append('deal-1', [anEvent('DealOpened')], { expectedRevision: 'no-stream' });
        const noStream = await expectRejected(
          store.append('deal-1', [anEvent('DealOpened')], { expectedRevision: 'no-stream' }),
          WrongExpectedRevisionError,
        );
        expect(noStream).toMatchObject({ streamId: 'deal-1', expectedRevision: 'no-stream', actualRevision: 0 });

        const exists = await expectRejected(
          store.append('deal-2', [anEvent('X')], { expectedRevision: 'exists' }),
          WrongExpectedRevisionError,
        );
        expect(exists).toMatchObject({ actualRevision: 'no-stream' });

        const stale = await expectRejected(
          store.append('deal-1', [anEvent('X')], { expectedRevision: 5 }),
          WrongExpectedRevisionError,
        );
        expect(stale).toMatchObject({ expectedRevision: 5, actualRevision: 0 });

        await expect(store.append('deal-1', [anEvent('MeetingScheduled')], { expectedRevision: 0 })).resolves.toMatchObject({
          nextExpectedRevision: 1,
        });
        await expect(store.append('deal-1', [anEvent('X')], { expectedRevision: 'exists' })).resolves.toMatchObject({
          nextExpectedRevision: 2,
        });
        await expect(store.append('deal-1', [anEvent('X'), anEvent('Y')], { expectedRevision: 'any' })).resolves.toMatchObject({
          nextExpectedRevision: 4,
        });
        await expect(store.append('deal-3', [anEvent('X')], { expectedRevision: 'any' })).resolves.toMatchObject({
          nextExpectedRevision: 0,
        });
        const all = await collect(store.readAll());
        expect(all.map((event) => `${event.streamId}@${event.streamRevision}`)).toEqual([
          'deal-1@0', 'deal-1@1', 'deal-1@2', 'deal-1@3', 'deal-1@4', 'deal-3@0',
        ]);
      });

      it('lets exactly one of 50 concurrent appends at the same revision win', async () => {
        await store.append('deal-race', [anEvent('DealOpened')], { expectedRevision: 'no-stream' });
        const writers = [await second(store), await second(store), store];
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            writers[i % writers.length]!.append('deal-race', [anEvent('DealStageChanged', { writer: i })], { expectedRevision: 0 }),
          ),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const outcome of lost) expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        const events = await collect(store.readStream('deal-race'));
        expect(events.map((event) => event.streamRevision)).toEqual([0, 1]);
      });

      it("keeps a stream contiguous under 50 concurrent 'any' appends", async () => {
        const writers = [await second(store), await second(store), store];
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            writers[i % writers.length]!.append('busy', [anEvent('TouchpointLogged', { i })], { expectedRevision: 'any' }),
          ),
        );
        const events = await collect(store.readStream('busy'));
        expect(events.map((event) => event.streamRevision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
        expect(new Set(events.map((event) => (event.data as { i: number }).i)).size).toBe(50);
      });
    });

    describe('atomic appends', () => {
      it('writes the events of one append next to each other, never interleaved with another append', async () => {
        const writers = [await second(store), store];
        await Promise.all(
          Array.from({ length: 20 }, (_, w) =>
            writers[w % 2]!.append(
              `batch-${w}`,
              [0, 1, 2].map((n) => anEvent('Step', { w, n })),
              { expectedRevision: 'no-stream' },
            ),
          ),
        );
        const all = await collect(store.readAll());
        expect(all).toHaveLength(60);
        expectInGlobalOrder(all);
        for (let i = 0; i < 60; i += 3) {
          const streams = new Set(all.slice(i, i + 3).map((event) => event.streamId));
          expect(streams.size).toBe(1);
          expect(all.slice(i, i + 3).map((event) => event.streamRevision)).toEqual([0, 1, 2]);
        }
      });

      it('writes nothing of an append that is rejected', async () => {
        await store.append('a', [anEvent()], { expectedRevision: 'no-stream' });
        await expectRejected(store.append('a', [anEvent('One'), anEvent('Two')], { expectedRevision: 7 }), WrongExpectedRevisionError);
        await expectRejected(
          store.append('a', [anEvent('One'), anEvent('Two', { bad: 1n })], { expectedRevision: 0 }),
          InvalidEventStoreInputError,
        );
        expect(await collect(store.readAll())).toHaveLength(1);
      });
    });

    describe('appendMany', () => {
      it('writes several streams in one go, in the order given, each at its expected revision', async () => {
        await store.append('b', [anEvent('Before')], { expectedRevision: 'no-stream' });
        const results = await store.appendMany([
          { streamId: 'a', events: [anEvent('A1'), anEvent('A2')], expectedRevision: 'no-stream' },
          { streamId: 'b', events: [anEvent('B2')], expectedRevision: 0 },
          { streamId: 'c', events: [anEvent('C1')], expectedRevision: 'any' },
        ]);
        expect(results.map((result) => [result.nextExpectedRevision, result.written])).toEqual([
          [1, true],
          [1, true],
          [0, true],
        ]);
        const all = await collect(store.readAll());
        expect(all.map((event) => event.type)).toEqual(['Before', 'A1', 'A2', 'B2', 'C1']);
        expect(results[2]!.position).toEqual(all[4]!.position);
      });

      it('writes nothing of any stream when one append conflicts', async () => {
        await store.append('taken', [anEvent()], { expectedRevision: 'no-stream' });
        const error = await expectRejected(
          store.appendMany([
            { streamId: 'fresh', events: [anEvent('F')], expectedRevision: 'no-stream' },
            { streamId: 'taken', events: [anEvent('T')], expectedRevision: 'no-stream' },
          ]),
          WrongExpectedRevisionError,
        );
        expect(error).toMatchObject({ streamId: 'taken', actualRevision: 0 });
        expect(await collect(store.readAll())).toHaveLength(1);
      });

      it('states whether a batch is atomic, and a batch cut short part-way is completed exactly once by running it again', async () => {
        const batch = ['p', 'q', 'r'].map((streamId) => ({
          streamId,
          events: [anEvent(`${streamId.toUpperCase()}1`, { streamId }, { eventId: randomUUID() }), anEvent(`${streamId.toUpperCase()}2`, {}, { eventId: randomUUID() })],
          expectedRevision: 'no-stream' as const,
        }));
        if (harness.guarantees.appendManyAtomic) {
          // One transaction: a batch that fails writes nothing of any stream (a conflict, in the test above), and
          // nothing here can stop it part-way; it is written whole.
          const results = await store.appendMany(batch);
          expect(results.map((result) => result.written)).toEqual([true, true, true]);
          expect(await collect(store.readAll())).toHaveLength(6);
          return;
        }
        // Stream by stream: the connection lost after the first stream's append leaves exactly that stream written.
        const interrupted = await harness.openInterruptedInstance!(store, 1);
        opened.push(interrupted);
        await expectRejected(interrupted.appendMany(batch), EventStoreUnavailableError);
        const prefix = await collect(store.readAll());
        expect(prefix.map((event) => event.type)).toEqual(['P1', 'P2']);
        // The same batch again: the written stream answers as stored, the others are written, every event once.
        const results = await store.appendMany(batch);
        expect(results.map((result) => [result.written, result.nextExpectedRevision])).toEqual([
          [false, 1],
          [true, 1],
          [true, 1],
        ]);
        const all = await collect(store.readAll());
        expect(all.map((event) => event.type)).toEqual(['P1', 'P2', 'Q1', 'Q2', 'R1', 'R2']);
        expect(results[0]!.position).toEqual(prefix[1]!.position);
        expect(results[2]!.position).toEqual(all[5]!.position);
        // And once more: nothing new, the same answers.
        expect(await store.appendMany(batch)).toEqual(results.map((result) => ({ ...result, written: false })));
        expect(await collect(store.readAll())).toHaveLength(6);
      });

      it('refuses a batch whose later stream is seen to conflict before anything is written, on every store', async () => {
        await store.append('late', [anEvent('Taken')], { expectedRevision: 'no-stream' });
        const batch = [
          { streamId: 'early-1', events: [anEvent('E1', {}, { eventId: randomUUID() })], expectedRevision: 'no-stream' as const },
          { streamId: 'early-2', events: [anEvent('E2')], expectedRevision: 'any' as const },
          { streamId: 'late', events: [anEvent('L')], expectedRevision: 5 },
        ];
        const error = await expectRejected(store.appendMany(batch), WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: 'late', expectedRevision: 5, actualRevision: 0 });
        expect((await collect(store.readAll())).map((event) => event.type)).toEqual(['Taken']);
      });

      it('answers a repeated batch as the first time and writes nothing new', async () => {
        const batch = [
          { streamId: 'x', events: [anEvent('X', {}, { eventId: randomUUID() })], expectedRevision: 'no-stream' as const },
          { streamId: 'y', events: [anEvent('Y', {}, { eventId: randomUUID() })], expectedRevision: 'no-stream' as const },
        ];
        const first = await store.appendMany(batch);
        const again = await store.appendMany(batch);
        expect(again).toEqual(first.map((result) => ({ ...result, written: false })));
        expect(await collect(store.readAll())).toHaveLength(2);
      });

      it('refuses bad input naming the append and the field, writing nothing', async () => {
        const cases: Array<[unknown, string]> = [
          [[], 'appends'],
          [[{ streamId: 'a', events: [anEvent()], expectedRevision: 'any' }, { streamId: '', events: [anEvent()], expectedRevision: 'any' }], 'appends[1].streamId'],
          [[{ streamId: 'a', events: [anEvent('A', { n: 1n })], expectedRevision: 'any' }], 'appends[0].events[0].data.n'],
          [[{ streamId: 'a', events: [anEvent()], expectedRevision: 'any' }, { streamId: 'a', events: [anEvent()], expectedRevision: 'any' }], 'appends[1].streamId'],
          [[{ streamId: 'a', events: [anEvent()], expectedRevision: 'soon' }], 'appends[0].expectedRevision'],
        ];
        for (const [appends, field] of cases) {
          const error = await expectRejected(store.appendMany(appends as never), InvalidEventStoreInputError);
          expect((error as InvalidEventStoreInputError).field).toBe(field);
        }
        expect(await collect(store.readAll())).toHaveLength(0);
      });
    });

    describe('idempotent re-append', () => {
      it('returns the original result and writes nothing when the same events are appended again', async () => {
        const events = [anEvent('DealWon', { amount: 1200 }, { eventId: randomUUID() }), anEvent('Note', {}, { eventId: randomUUID() })];
        const first = await store.append('deal-9', events, { expectedRevision: 'no-stream' });
        await store.append('deal-9', [anEvent('Later')], { expectedRevision: 1 });
        const retry = await store.append('deal-9', events, { expectedRevision: 'no-stream' });
        expect(retry).toEqual({ ...first, written: false });
        expect(await collect(store.readAll())).toHaveLength(3);
      });

      it('treats two concurrent retries of one append as one append', async () => {
        const events = [anEvent('LeadQualified', { budget: 10 }, { eventId: randomUUID() })];
        const other = await second(store);
        const results = await Promise.all([
          store.append('lead-r', events, { expectedRevision: 'any' }),
          other.append('lead-r', events, { expectedRevision: 'any' }),
          store.append('lead-r', events, { expectedRevision: 'any' }),
        ]);
        expect(results.filter((result) => result.written)).toHaveLength(1);
        expect(new Set(results.map((result) => result.nextExpectedRevision))).toEqual(new Set([0]));
        expect(await collect(store.readStream('lead-r'))).toHaveLength(1);
      });

      it('refuses a stored id with other content, in another stream, or beside new events', async () => {
        const eventId = randomUUID();
        await store.append('x', [anEvent('A', { v: 1 }, { eventId })], { expectedRevision: 'any' });
        await expectRejected(store.append('x', [anEvent('A', { v: 2 }, { eventId })], { expectedRevision: 'any' }), EventIdConflictError);
        await expectRejected(store.append('x', [anEvent('B', { v: 1 }, { eventId })], { expectedRevision: 'any' }), EventIdConflictError);
        if (harness.guarantees.eventIdsUniqueAcrossStreams) {
          await expectRejected(store.append('y', [anEvent('A', { v: 1 }, { eventId })], { expectedRevision: 'any' }), EventIdConflictError);
        } else {
          // Ids are unique per stream on this store: the same id in another stream is another event there.
          await expect(store.append('y', [anEvent('A', { v: 1 }, { eventId })], { expectedRevision: 'any' })).resolves.toMatchObject({ written: true });
        }
        await expectRejected(
          store.append('x', [anEvent('A', { v: 1 }, { eventId }), anEvent('C')], { expectedRevision: 'any' }),
          EventIdConflictError,
        );
        expect(await collect(store.readStream('x'))).toHaveLength(1);
        expect(await collect(store.readAll())).toHaveLength(harness.guarantees.eventIdsUniqueAcrossStreams ? 1 : 2);
      });
    });

    describe('readStream', () => {
      it('reads from a revision, backwards, with a maximum, across many pages', async () => {
        const total = 1234;
        for (let start = 0; start < total; start += 500) {
          const count = Math.min(500, total - start);
          await store.append(
            'long',
            Array.from({ length: count }, (_, i) => anEvent('Tick', { n: start + i })),
            { expectedRevision: start === 0 ? 'no-stream' : start - 1 },
          );
        }
        await store.append('other', [anEvent()], { expectedRevision: 'no-stream' });
        const all = await collect(store.readStream('long'));
        expect(all.map((event) => (event.data as { n: number }).n)).toEqual(Array.from({ length: total }, (_, i) => i));
        const fromMiddle = await collect(store.readStream('long', { fromRevision: 1000, maxCount: 3 }));
        expect(fromMiddle.map((event) => event.streamRevision)).toEqual([1000, 1001, 1002]);
        const backwards = await collect(store.readStream('long', { direction: 'backwards', maxCount: 502 }));
        expect(backwards.map((event) => event.streamRevision)).toEqual(Array.from({ length: 502 }, (_, i) => total - 1 - i));
        const backFrom = await collect(store.readStream('long', { direction: 'backwards', fromRevision: 1 }));
        expect(backFrom.map((event) => event.streamRevision)).toEqual([1, 0]);
        expect(await collect(store.readStream('long', { maxCount: 0 }))).toEqual([]);
        expect(await collect(store.readStream('nobody'))).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads the global order in pages, from a checkpoint, filtered and bounded', async () => {
        for (let i = 0; i < 25; i++) {
          await store.append(i % 2 ? `deal-${i}` : `lead-${i}`, [anEvent(i % 3 ? 'Odd' : 'Even', { i })], {
            expectedRevision: 'no-stream',
          });
        }
        const all = await collect(store.readAll({ batchSize: 4 }));
        expect(all.map((event) => (event.data as { i: number }).i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
        expectInGlobalOrder(all);

        const afterTen = await collect(store.readAll({ from: all[9]!.position, batchSize: 7 }));
        expect(ids(afterTen)).toEqual(ids(all.slice(10)));

        const leadsOnly = await collect(store.readAll({ filter: { streamPrefix: 'lead-' }, batchSize: 3 }));
        expect(ids(leadsOnly)).toEqual(ids(all.filter((event) => event.streamId.startsWith('lead-'))));

        const evenLeads = await collect(store.readAll({ filter: { streamPrefix: 'lead-', eventTypes: ['Even'] } }));
        expect(ids(evenLeads)).toEqual(ids(all.filter((event) => event.streamId.startsWith('lead-') && event.type === 'Even')));

        const untilPosition = await collect(store.readAll({ until: { position: all[14]!.position }, batchSize: 4 }));
        expect(ids(untilPosition)).toEqual(ids(all.slice(0, 15)));
        expect(await collect(store.readAll({ from: all[24]!.position }))).toEqual([]);
      });

      it('reads as of a recorded-at time', async () => {
        await store.append('early', [anEvent()], { expectedRevision: 'no-stream' });
        const [early] = await collect(store.readAll());
        await new Promise((resolve) => setTimeout(resolve, 20));
        await store.append('late', [anEvent()], { expectedRevision: 'no-stream' });
        const asOf = await collect(store.readAll({ until: { recordedAt: early!.recordedAt } }));
        expect(ids(asOf)).toEqual([early!.eventId]);
        expect(await collect(store.readAll({ until: { recordedAt: new Date(0) } }))).toEqual([]);
      });

      it('stamps one recorded-at time on a whole append, so an as-of read takes all of it or none', async () => {
        await store.append('batch', Array.from({ length: 300 }, (_, n) => anEvent('E', { n })), { expectedRevision: 'no-stream' });
        const all = await collect(store.readAll());
        if (harness.guarantees.oneRecordedAtPerAppend) {
          expect(new Set(all.map((event) => event.recordedAt.getTime())).size).toBe(1);
          expect(await collect(store.readAll({ until: { recordedAt: all[0]!.recordedAt } }))).toHaveLength(300);
        } else {
          // Each event its own time, in order: an as-of read takes a prefix of the append, and all of it by its last time.
          const times = all.map((event) => event.recordedAt.getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
          const asOfFirst = await collect(store.readAll({ until: { recordedAt: all[0]!.recordedAt } }));
          expect(ids(asOfFirst)).toEqual(ids(all.slice(0, asOfFirst.length)));
          expect(asOfFirst.length).toBeGreaterThanOrEqual(1);
          expect(await collect(store.readAll({ until: { recordedAt: all[299]!.recordedAt } }))).toHaveLength(300);
        }
      });

      it('filters by a stream prefix beyond the Basic Multilingual Plane', async () => {
        await store.append('😀-lead-1', [anEvent()], { expectedRevision: 'no-stream' });
        await store.append('😀-deal-1', [anEvent()], { expectedRevision: 'no-stream' });
        const leads = await collect(store.readAll({ filter: { streamPrefix: '😀-lead-' } }));
        expect(leads.map((event) => event.streamId)).toEqual(['😀-lead-1']);
      });

      it('ends a read cut short by close() with EventStoreClosedError', async () => {
        await store.append('s', Array.from({ length: 5 }, () => anEvent()), { expectedRevision: 'no-stream' });
        // Let the append's after-commit work settle, so that close() finds only the read's prefetch running.
        await new Promise((resolve) => setTimeout(resolve, 50));
        const reading = store.readAll({ batchSize: 1 })[Symbol.asyncIterator]();
        await reading.next();
        await store.close();
        let error: unknown;
        try {
          for (let i = 0; i < 5; i++) await reading.next();
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(EventStoreClosedError);
      });

      it('stops early without reading the rest', async () => {
        await store.append('s', Array.from({ length: 30 }, () => anEvent()), { expectedRevision: 'no-stream' });
        expect(await collect(store.readAll({ batchSize: 10 }), 12)).toHaveLength(12);
      });
    });

    describe('subscribe', () => {
      it('catches up, reports live, then delivers new events woken by the commit', async () => {
        // A recheck an hour away: only the commit signal can deliver the live events within the test.
        const subscriber = await second(store, { idleRecheckMs: 3_600_000 });
        await store.append('s', [anEvent('Before', { n: 0 }), anEvent('Before', { n: 1 })], { expectedRevision: 'no-stream' });
        const statuses: SubscriptionStatus[] = [];
        let resolveLive!: () => void;
        const live = new Promise<void>((resolve) => (resolveLive = resolve));
        const subscription = subscriber.subscribe({
          batchSize: 1,
          onStatus: (status) => {
            statuses.push(status);
            if (status.state === 'live') resolveLive();
          },
        });
        const received: StoredEvent[] = [];
        const done = (async () => {
          for await (const event of subscription) {
            received.push(event);
            if (received.length === 4) break;
          }
        })();
        await live;
        expect(received.map((event) => event.type)).toEqual(['Before', 'Before']);
        await store.append('s', [anEvent('After', { n: 2 })], { expectedRevision: 1 });
        await store.append('t', [anEvent('After', { n: 3 })], { expectedRevision: 'no-stream' });
        await done;
        expect(received.map((event) => (event.data as { n: number }).n)).toEqual([0, 1, 2, 3]);
        expect(statuses[0]).toEqual({ state: 'live', position: received[1]!.position });
        expect(subscription.status.state).toBe('closed');
      });

      it("reports falling behind when a burst exceeds a page, and 'end' skips history", async () => {
        await store.append('old', [anEvent('Old')], { expectedRevision: 'no-stream' });
        const statuses: string[] = [];
        const subscription = store.subscribe({ from: 'end', batchSize: 5, onStatus: (status) => statuses.push(status.state) });
        const iterator = subscription[Symbol.asyncIterator]();
        const first = iterator.next();
        // Going live from 'end' takes one read of the head; on a loaded machine that can take longer than a tick.
        await eventually(() => statuses.length > 0, { everyMs: 5 });
        expect(statuses).toEqual(['live']);
        await store.append('burst', Array.from({ length: 12 }, (_, n) => anEvent('Burst', { n })), { expectedRevision: 'no-stream' });
        const received = [(await first).value as StoredEvent];
        while (received.length < 12) received.push((await iterator.next()).value as StoredEvent);
        expect(received.map((event) => (event.data as { n: number }).n)).toEqual(Array.from({ length: 12 }, (_, n) => n));
        const next = iterator.next();
        await eventually(() => statuses.length === 3, { everyMs: 5 });
        await subscription.close();
        expect(await next).toMatchObject({ done: true });
        expect(statuses).toEqual(['live', 'catching-up', 'live', 'closed']);
      });

      it('resumes from a checkpoint after a crash without losing or repeating an event', async () => {
        const writer = await second(store);
        const produced = (async () => {
          for (let i = 0; i < 60; i++) {
            await writer.append(`stream-${i % 7}`, [anEvent('E', { i })], { expectedRevision: 'any' });
          }
        })();
        const seen: StoredEvent[] = [];
        let checkpoint: StoredEvent['position'] | 'start' = 'start';
        // Three "crashes": each consumer takes a few events, stores its checkpoint and dies mid-stream.
        for (const take of [7, 13, 5]) {
          const subscription = store.subscribe({ from: checkpoint, batchSize: 4 });
          for await (const event of subscription) {
            seen.push(event);
            checkpoint = event.position;
            if (seen.length % 20 === take) break;
          }
        }
        await produced;
        const subscription = store.subscribe({ from: checkpoint });
        for await (const event of subscription) {
          seen.push(event);
          if (seen.length === 60) break;
        }
        expect(seen.map((event) => (event.data as { i: number }).i)).toEqual(Array.from({ length: 60 }, (_, i) => i));
        expect(ids(seen)).toEqual(ids(await collect(store.readAll())));
      });

      it('delivers a filtered subscription only matching events', async () => {
        const subscription = store.subscribe({ filter: { eventTypes: ['DealWon'] } });
        await store.append('d1', [anEvent('DealOpened'), anEvent('DealWon', { amount: 1 })], { expectedRevision: 'no-stream' });
        await store.append('d2', [anEvent('DealLost'), anEvent('DealWon', { amount: 2 })], { expectedRevision: 'no-stream' });
        const received = await collect(subscription, 2);
        expect(received.map((event) => event.data)).toEqual([{ amount: 1 }, { amount: 2 }]);
      });
    });

    describe('the gap case: slow writers', () => {
      // A store whose clients never hold a write open has no slow writer to wait for (see openWriters).
      const gap = (): NonNullable<ConformanceHarness['gap']> => {
        if (!harness.gap) throw new Error(`${harness.name} states openWriters '${harness.guarantees.openWriters}' but gives no gap harness`);
        return harness.gap;
      };
      const interleave = harness.guarantees.openWriters === 'interleave';

      if (harness.guarantees.openWriters === 'none') {
        it('has no open writer to wait for: concurrent writers reach a subscriber in the global order, each event once', async () => {
          const writers = [await second(store), await second(store), store];
          const subscription = store.subscribe();
          const received: StoredEvent[] = [];
          const consuming = (async () => {
            for await (const event of subscription) {
              received.push(event);
              if (received.length === 60) break;
            }
          })();
          await Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              writers[i % writers.length]!.append(`w-${i % 5}`, [anEvent('A', { i }), anEvent('B', { i })], { expectedRevision: 'any' }),
            ),
          );
          const all = await collect(store.readAll());
          await consuming;
          expect(all).toHaveLength(60);
          expectInGlobalOrder(all);
          expect(ids(received)).toEqual(ids(all));
          expect(await store.headPosition()).toEqual(all[59]!.position);
        });
        return;
      }

      it('delivers every event exactly once while transactions commit out of order', async () => {
        const statuses: SubscriptionStatus[] = [];
        const subscription = store.subscribe({ onStatus: (status) => statuses.push(status) });
        const received: StoredEvent[] = [];
        const consuming = (async () => {
          for await (const event of subscription) received.push(event);
        })();
        await store.append('first', [anEvent('First')], { expectedRevision: 'no-stream' });
        const [first] = await collect(store.readAll());
        const naiveCheckpoint = (await gap().naiveReadAfter(store, 0)).at(-1)!.sequence;

        const slow = await gap().holdOpenAppend(store, 'slow', anEvent('Slow'));
        if (interleave) {
          // A later writer commits while the earlier one is still open.
          await store.append('fast', [anEvent('Fast')], { expectedRevision: 'no-stream' });
          const naiveFirstPass = await gap().naiveReadAfter(store, naiveCheckpoint);
          await new Promise((resolve) => setTimeout(resolve, 100));
          // Our subscriber holds the fast event back: delivering it now would skip the slow one.
          expect(ids(received)).toEqual([first!.eventId]);
          await slow.commit();
          await eventually(() => received.length === 3, { everyMs: 5 });
          const naiveSecondPass = await gap().naiveReadAfter(store, naiveFirstPass.at(-1)!.sequence);
          const all = await collect(store.readAll());
          expect(received.map((event) => event.type)).toEqual(['First', 'Slow', 'Fast']);
          expect(ids(received)).toEqual(ids(all));
          // The naive sequence reader saw Fast, moved its checkpoint past Slow's number, and never sees Slow.
          const naiveSeen = [...naiveFirstPass, ...naiveSecondPass].map((row) => row.eventId);
          expect(naiveSeen).toEqual([all[2]!.eventId]);
          expect(naiveSeen).not.toContain(all[1]!.eventId);
        } else {
          // The store cannot commit a second writer while the first holds the write lock, so commit order is
          // sequence order and there is no gap for any reader to fall into.
          await expectRejected(store.append('fast', [anEvent('Fast')], { expectedRevision: 'no-stream' }), EventStoreUnavailableError);
          await slow.commit();
          await store.append('fast', [anEvent('Fast')], { expectedRevision: 'no-stream' });
          await eventually(() => received.length === 3, { everyMs: 5 });
          const naiveSeen = await gap().naiveReadAfter(store, naiveCheckpoint);
          expect(received.map((event) => event.type)).toEqual(['First', 'Slow', 'Fast']);
          expect(naiveSeen.map((row) => row.eventId)).toEqual(ids(received.slice(1)));
        }
        await subscription.close();
        await consuming;
        expect(new Set(ids(received)).size).toBe(received.length);
      });

      it('lets readAll wait for a writer that began before it, and return everything in order', async () => {
        await store.append('first', [anEvent('First')], { expectedRevision: 'no-stream' });
        const slow = await gap().holdOpenAppend(store, 'slow', anEvent('Slow'));
        if (!interleave) {
          // Nothing can commit behind the open writer, so readAll has nothing to wait for.
          expect((await collect(store.readAll())).map((event) => event.type)).toEqual(['First']);
          await slow.commit();
          expect((await collect(store.readAll())).map((event) => event.type)).toEqual(['First', 'Slow']);
          return;
        }
        await store.append('fast', [anEvent('Fast')], { expectedRevision: 'no-stream' });
        let finished = false;
        const reading = collect(store.readAll()).finally(() => (finished = true));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(finished).toBe(false);
        await slow.commit();
        expect((await reading).map((event) => event.type)).toEqual(['First', 'Slow', 'Fast']);
      });

      it('skips nothing when a held transaction rolls back', async () => {
        const slow = await gap().holdOpenAppend(store, 'slow', anEvent('Slow'));
        const subscription = store.subscribe();
        if (interleave) {
          await store.append('fast', [anEvent('Fast')], { expectedRevision: 'no-stream' });
          await slow.rollback();
        } else {
          await slow.rollback();
          await store.append('fast', [anEvent('Fast')], { expectedRevision: 'no-stream' });
        }
        const [event] = await collect(subscription, 1);
        expect(event!.type).toBe('Fast');
      });
    });

    describe('bad input', () => {
      const cases: Array<[string, (s: EventStore) => Promise<unknown>, string]> = [
        ['an empty stream id', (s) => s.append('', [anEvent()], { expectedRevision: 'any' }), 'streamId'],
        ['a blank stream id', (s) => s.append('   ', [anEvent()], { expectedRevision: 'any' }), 'streamId'],
        ['a stream id with a control character', (s) => s.append('a\nb', [anEvent()], { expectedRevision: 'any' }), 'streamId'],
        ['a negative revision', (s) => s.append('s', [anEvent()], { expectedRevision: -1 }), 'expectedRevision'],
        ['a fractional revision', (s) => s.append('s', [anEvent()], { expectedRevision: 1.5 }), 'expectedRevision'],
        ['an unknown revision word', (s) => s.append('s', [anEvent()], { expectedRevision: 'latest' as never }), 'expectedRevision'],
        ['no options', (s) => s.append('s', [anEvent()], undefined as never), 'expectedRevision'],
        ['no events', (s) => s.append('s', [], { expectedRevision: 'any' }), 'events'],
        ['a BigInt', (s) => s.append('s', [anEvent('A', { amount: 10n })], { expectedRevision: 'any' }), 'events[0].data.amount'],
        ['a function', (s) => s.append('s', [anEvent('A', { f: () => 1 })], { expectedRevision: 'any' }), 'events[0].data.f'],
        ['a Date', (s) => s.append('s', [anEvent('A', { at: new Date() })], { expectedRevision: 'any' }), 'events[0].data.at'],
        ['NaN', (s) => s.append('s', [anEvent('A', { n: Number.NaN })], { expectedRevision: 'any' }), 'events[0].data.n'],
        ['undefined in an array', (s) => s.append('s', [anEvent('A', { a: [1, undefined] })], { expectedRevision: 'any' }), 'events[0].data.a[1]'],
        ['a circular object', (s) => { const o: Record<string, unknown> = {}; o.self = o; return s.append('s', [anEvent('A', o)], { expectedRevision: 'any' }); }, 'events[0].data.self'],
        ['a NUL character', (s) => s.append('s', [anEvent('A', { t: 'a\u0000b' })], { expectedRevision: 'any' }), 'events[0].data.t'],
        ['a lone surrogate', (s) => s.append('s', [anEvent('A', { t: '\ud800' })], { expectedRevision: 'any' }), 'events[0].data.t'],
        ['no data', (s) => s.append('s', [{ ...anEvent(), data: undefined }], { expectedRevision: 'any' }), 'events[0].data'],
        ['a bad event type', (s) => s.append('s', [anEvent('1 bad type')], { expectedRevision: 'any' }), 'events[0].type'],
        ['a bad event id', (s) => s.append('s', [anEvent('A', {}, { eventId: 'not-a-uuid' })], { expectedRevision: 'any' }), 'events[0].eventId'],
        ['an event id twice', (s) => { const eventId = randomUUID(); return s.append('s', [anEvent('A', {}, { eventId }), anEvent('B', {}, { eventId })], { expectedRevision: 'any' }); }, 'events[1].eventId'],
        ['a bad schema version', (s) => s.append('s', [anEvent('A', {}, { schemaVersion: 0 })], { expectedRevision: 'any' }), 'events[0].schemaVersion'],
        ['an invalid occurredAt', (s) => s.append('s', [anEvent('A', {}, { occurredAt: new Date('nope') })], { expectedRevision: 'any' }), 'events[0].occurredAt'],
        ['metadata without an actor', (s) => s.append('s', [{ ...anEvent(), metadata: { correlationId: 'c', causationId: null } as never }], { expectedRevision: 'any' }), 'events[0].metadata.actor'],
        ['metadata without a correlation id', (s) => s.append('s', [{ ...anEvent(), metadata: { causationId: null, actor: { userId: 'u', role: 'r' } } as never }], { expectedRevision: 'any' }), 'events[0].metadata.correlationId'],
        ['a batch size of zero', (s) => collect(s.readAll({ batchSize: 0 })), 'batchSize'],
        ['a bad checkpoint', (s) => collect(s.readAll({ from: { commit: -1, prepare: 0 } })), 'from'],
        ['an empty type filter', (s) => collect(s.readAll({ filter: { eventTypes: [] } })), 'filter.eventTypes'],
        ['a bad as-of time', (s) => collect(s.readAll({ until: { recordedAt: new Date('x') } })), 'until.recordedAt'],
        ['a negative maxCount', (s) => collect(s.readStream('s', { maxCount: -1 })), 'maxCount'],
        ['a bad direction', (s) => collect(s.readStream('s', { direction: 'sideways' as never })), 'direction'],
        ['a key with NUL', (s) => s.append('s', [anEvent('A', { 'a\u0000b': 1 })], { expectedRevision: 'any' }), 'events[0].data.a\u0000b'],
        ['a key with a lone surrogate', (s) => s.append('s', [anEvent('A', { '\udc00': 1 })], { expectedRevision: 'any' }), 'events[0].data.\udc00'],
        ['a hole in an array', (s) => s.append('s', [anEvent('A', { a: new Array(3) })], { expectedRevision: 'any' }), 'events[0].data.a[0]'],
        ['an occurredAt before the year 1', (s) => s.append('s', [anEvent('A', {}, { occurredAt: new Date(-8.64e15) })], { expectedRevision: 'any' }), 'events[0].occurredAt'],
        ['an as-of time past the year 9999', (s) => collect(s.readAll({ until: { recordedAt: new Date(8.64e15) } })), 'until.recordedAt'],
        ['a stream prefix with NUL', (s) => collect(s.readAll({ filter: { streamPrefix: 'a\u0000' } })), 'filter.streamPrefix'],
        ['an event type filter with NUL', (s) => collect(s.readAll({ filter: { eventTypes: ['A\u0000'] } })), 'filter.eventTypes[0]'],
      ];

      it.each(cases)('refuses %s with a typed error naming the field, and writes nothing', async (_, act, field) => {
        await store.append('s', [anEvent()], { expectedRevision: 'no-stream' });
        const error = await expectRejected(Promise.resolve().then(() => act(store)), InvalidEventStoreInputError);
        expect((error as InvalidEventStoreInputError).field).toBe(field);
        expect(await collect(store.readAll())).toHaveLength(1);
      });

      it('refuses an append larger than the limit in all', async () => {
        const big = 'я'.repeat(3_900_000);
        const events = Array.from({ length: 9 }, (_, i) => anEvent('A', { i, big }));
        const error = await expectRejected(store.append('s', events, { expectedRevision: 'any' }), InvalidEventStoreInputError);
        expect((error as InvalidEventStoreInputError).field).toBe('events');
        expect(await collect(store.readAll())).toHaveLength(0);
      });

      it("refuses an append larger than the store's server takes, naming events, when its limit is below the port's", async () => {
        const limit = harness.guarantees.serverMaxAppendBytes;
        if (limit === undefined) {
          // The port's own limits (the tests above) are the store's.
          expect(limit).toBeUndefined();
          return;
        }
        // Each event well under the port's 8 MiB, together over the server's limit.
        const big = 'x'.repeat(Math.ceil(limit / 3) + 1);
        const events = ['A', 'B', 'C', 'D'].map((type) => anEvent(type, { big }));
        const error = await expectRejected(store.append('s', events, { expectedRevision: 'any' }), InvalidEventStoreInputError);
        expect((error as InvalidEventStoreInputError).field).toBe('events');
        expect(await collect(store.readAll())).toHaveLength(0);
      });

      it('refuses an event larger than the limit', async () => {
        const huge = 'я'.repeat(4_500_000);
        const error = await expectRejected(store.append('s', [anEvent('A', { huge })], { expectedRevision: 'any' }), InvalidEventStoreInputError);
        expect((error as InvalidEventStoreInputError).field).toBe('events[0]');
        expect(await collect(store.readAll())).toHaveLength(0);
      });
    });

    describe('schema', () => {
      it('migrates idempotently and refuses a store written by a newer schema', async () => {
        await store.append('s', [anEvent()], { expectedRevision: 'no-stream' });
        const health = await store.health();
        expect(health).toMatchObject({ kind: store.kind, reachable: true });
        expect(health.schemaVersion).toBeGreaterThanOrEqual(1);
        const again = await second(store);
        expect((await again.health()).schemaVersion).toBe(health.schemaVersion);
        expect(await collect(again.readAll())).toHaveLength(1);

        await harness.recordSchemaVersion(store, health.schemaVersion! + 1);
        const error = await expectRejected(second(store), IncompatibleEventStoreError);
        expect(error.message).toMatch(new RegExp(`schema version ${health.schemaVersion! + 1}.*newer Sales-ops`));
      });
    });
  });
}

