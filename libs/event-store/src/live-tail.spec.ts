/**
 * The shared tail behind live subscriptions (live-tail.ts): one read per wake-up for all of them, and
 * every subscriber still gets exactly the events of its filter, in order, however the commits, wake-ups,
 * held-back events and its own batch size fall. The stores' conformance suite runs the same subscriptions
 * on real SQLite and PostgreSQL; here an in-memory log stands in for the page reader so that reads can be
 * counted and commits interleaved at will.
 */
import fc from 'fast-check';
import { SubscriptionSet } from './catch-up-subscription';
import type { EventFilter, ReadAllFrom, StoredEvent, Subscription } from './event-store.port';
import { LiveTail, matches } from './live-tail';
import type { Page, PageQuery, PageReader } from './page-reader';
import { WakeSignal } from './wake-signal';
import { eventually } from '../../../test/support/eventually';

/**
 * Events in global order. Those past `committed` are not committed yet (no read sees them); those past
 * `horizon` are committed but not yet safe to read (held back behind an older transaction still open).
 */
class MemoryLog implements PageReader {
  readonly events: StoredEvent[] = [];
  committed = 0;
  horizon = 0;
  reads = 0;
  /** How long each read takes, in turn (ms); reads overlap commits and each other. */
  delays: readonly number[] = [];
  /** While set, reads that began wait for it before they answer. */
  hold: Promise<void> | undefined;

  append(type: string, streamId: string): void {
    const n = this.events.length + 1;
    this.events.push({
      eventId: `e-${n}`, type, schemaVersion: 1, streamId, streamRevision: n, position: { commit: n, prepare: n },
      occurredAt: new Date(0), recordedAt: new Date(0), data: { n }, metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'r' } },
    });
  }

  async readPage(query: PageQuery): Promise<Page> {
    this.reads += 1;
    // As a database statement does, the read sees the log as it stood when it began.
    const page = this.pageAsOfNow(query);
    const delay = this.delays.length === 0 ? undefined : this.delays[this.reads % this.delays.length]!;
    await new Promise((resolve) => (delay === undefined ? setImmediate(resolve) : setTimeout(resolve, delay)));
    await this.hold;
    return page;
  }

  private pageAsOfNow(query: PageQuery): Page {
    const after = query.after === 'start' ? 0 : query.after.prepare;
    const inScope = this.events.filter((event) => event.position.prepare > after && event.position.prepare <= this.committed && matches(event, query.filter));
    const safe = inScope.filter((event) => event.position.prepare <= this.horizon);
    const events = safe.slice(0, query.limit);
    const heldBack = events.length < query.limit && inScope.length > safe.length;
    const scanned = Math.min(this.horizon, this.events.length);
    const last = events.at(-1)?.position.prepare ?? after;
    return { events, heldBack, ...(query.filter && events.length < query.limit && scanned > last ? { scannedTo: { commit: scanned, prepare: scanned } } : {}) };
  }

  async readCutoff(): Promise<undefined> {
    return undefined;
  }

  async headPosition(): Promise<ReadAllFrom> {
    const head = Math.min(this.horizon, this.events.length);
    return head === 0 ? 'start' : { commit: head, prepare: head };
  }
}

interface Follower {
  readonly subscription: Subscription;
  readonly filter: EventFilter | undefined;
  readonly from: number;
  readonly seen: number[];
  readonly done: Promise<void>;
}

function follow(set: SubscriptionSet, from: number, filter: EventFilter | undefined, batchSize: number, slow = false): Follower {
  const subscription = set.start({ from: from === 0 ? 'start' : { commit: from, prepare: from }, filter, batchSize });
  const seen: number[] = [];
  const done = (async () => {
    for await (const event of subscription) {
      seen.push(event.position.prepare);
      // A slow subscriber asks for its next page later than the others.
      if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  return { subscription, filter, from, seen, done };
}

const live = (follower: Follower): boolean => follower.subscription.status.state === 'live';

describe('the live tail shared by a store’s subscriptions', () => {
  it('answers every live subscription woken by one commit with one read of the store', async () => {
    const log = new MemoryLog();
    const signal = new WakeSignal();
    // Idle re-checks far away: a subscription that missed its wake-up would time the test out.
    const set = new SubscriptionSet(log, signal, 60_000);
    const filters: Array<EventFilter | undefined> = [undefined, { eventTypes: ['A'] }, { eventTypes: ['B'] }, { streamPrefix: 'lead-' }, { eventTypes: ['A', 'B'] }, undefined];
    const followers = filters.map((filter) => follow(set, 0, filter, 100));
    await eventually(() => followers.every(live), { what: () => 'subscriptions going live', timeoutMs: 3_000, everyMs: 2 });
    const readsWhenLive = log.reads;

    for (let round = 0; round < 10; round += 1) {
      log.append(round % 2 === 0 ? 'A' : 'B', round % 3 === 0 ? `lead-${round}` : `deal-${round}`);
      log.horizon = log.committed = log.events.length;
      signal.notify();
      const expected = filters.map((filter) => log.events.filter((event) => matches(event, filter)).length);
      await eventually(() => followers.every((follower, index) => follower.seen.length === expected[index]), { what: () => 'delivery', timeoutMs: 3_000, everyMs: 2 });
      // Let the woken subscriptions settle into waiting again before the next commit.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await set.closeAll();
    await Promise.all(followers.map((follower) => follower.done));

    // Ten commits, six subscriptions: one read each (each subscription alone would make sixty).
    expect(log.reads - readsWhenLive).toBeLessThanOrEqual(12);
    for (const follower of followers) {
      expect(follower.seen).toEqual(log.events.filter((event) => matches(event, follower.filter)).map((event) => event.position.prepare));
    }
  });

  it('answers a caller woken by a commit from a read that began after it, not from one already in flight', async () => {
    const log = new MemoryLog();
    const signal = new WakeSignal();
    const tail = new LiveTail(log, signal);
    const commit = (): void => {
      log.append('A', 'lead-1');
      log.horizon = log.committed = log.events.length;
      signal.notify();
    };
    commit();
    const first = await tail.read({ after: 'start', limit: 10, filter: undefined, seen: signal.current, refreshed: 0 });
    expect(first?.events.map((event) => event.eventId)).toEqual(['e-1']);
    const after = first!.events[0]!.position;

    let release!: () => void;
    log.hold = new Promise((resolve) => (release = resolve));
    // One caller looks again without a wake-up (a held-back or idle re-check): a read begins.
    const recheck = tail.read({ after, limit: 10, filter: undefined, seen: signal.current, refreshed: first!.refresh });
    await new Promise((resolve) => setImmediate(resolve));
    // Then a commit wakes another caller while that read is still in flight.
    commit();
    const woken = tail.read({ after, limit: 10, filter: undefined, seen: signal.current, refreshed: first!.refresh });
    release();
    log.hold = undefined;

    expect((await recheck)?.events).toEqual([]);
    expect((await woken)?.events.map((event) => event.eventId)).toEqual(['e-2']);
  });

  it('delivers each subscriber exactly its events, in order, whatever the commits, wake-ups and held-back events', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 6 }), type: fc.constantFrom('A', 'B', 'C'), stream: fc.constantFrom('lead-1', 'lead-2', 'deal-1') }),
      fc.record({ kind: fc.constant('commit' as const), upTo: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 3 }) }),
      fc.record({
        kind: fc.constant('subscribe' as const),
        filter: fc.constantFrom<EventFilter | undefined>(undefined, { eventTypes: ['A'] }, { eventTypes: ['B', 'C'] }, { streamPrefix: 'lead-' }, { eventTypes: ['C'], streamPrefix: 'deal-' }),
        batchSize: fc.integer({ min: 1, max: 7 }),
        from: fc.double({ min: 0, max: 1, noNaN: true }),
        slow: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 8 }),
        async (steps, pageSize, capacity, delays) => {
        const log = new MemoryLog();
        log.delays = delays;
        const signal = new WakeSignal();
        const set = new SubscriptionSet(log, signal, 60_000, { pageSize, capacity });
        const followers: Follower[] = [follow(set, 0, undefined, 3)];
        for (const each of steps) {
          if (each.kind === 'append') {
            for (let i = 0; i < each.count; i += 1) log.append(each.type, each.stream);
          } else if (each.kind === 'commit') {
            // What was written commits, and some of it becomes safe; a wake-up as a commit gives one.
            log.committed = log.events.length;
            log.horizon = Math.max(log.horizon, Math.round(log.events.length * each.upTo));
            signal.notify();
          } else if (each.kind === 'pause') {
            await new Promise((resolve) => setTimeout(resolve, each.ms));
          } else {
            followers.push(follow(set, Math.floor(log.horizon * each.from), each.filter, each.batchSize, each.slow));
          }
        }
        log.horizon = log.committed = log.events.length;
        signal.notify();
        const expected = (follower: Follower): number[] =>
          log.events.filter((event) => event.position.prepare > follower.from && matches(event, follower.filter)).map((event) => event.position.prepare);
        try {
          await eventually(() => followers.every((follower) => follower.seen.length >= expected(follower).length), { what: () => followers.map((follower) => `${follower.seen.length}/${expected(follower).length}`).join(' '), timeoutMs: 3_000, everyMs: 2 });
          // Nothing more arrives after a pause (no event twice).
          await new Promise((resolve) => setTimeout(resolve, 10));
        } finally {
          await set.closeAll();
          await Promise.all(followers.map((follower) => follower.done));
        }
        for (const follower of followers) expect(follower.seen).toEqual(expected(follower));
        },
      ),
      { numRuns: 60 },
    );
  });
});
