import { EventStoreClosedError } from '../event-store.errors';
import type { StoredEvent } from '../event-store.port';
import { collect } from '../conformance/event-store.conformance';
import { findHead, readAllPages, type AllEvent, type AllPageRead } from './kurrentdb-read-all';

/** A `$all` of `count` events read as KurrentDB reads it: from a position inclusively, in either direction. */
function fakeAll(count: number, streamOf: (n: number) => string = () => 'ns/s') {
  const events = Array.from({ length: count }, (_, n) => ({
    id: `e${n}`,
    streamId: streamOf(n),
    type: 'E',
    revision: BigInt(n),
    created: new Date(1000 * n),
    position: { commit: BigInt(100 + 10 * n), prepare: BigInt(100 + 10 * n) },
  })) as unknown as AllEvent[];
  const reads: Array<{ from: unknown; count: number }> = [];
  const read: AllPageRead = async (from, asked, direction) => {
    reads.push({ from, count: asked });
    const position = (event: AllEvent) => Number(event.position.commit);
    const ordered = direction === 'forwards' ? events : [...events].reverse();
    const start =
      from === 'start' || from === 'end'
        ? 0
        : ordered.findIndex((event) => (direction === 'forwards' ? position(event) >= from.commit : position(event) <= from.commit));
    return start === -1 ? [] : ordered.slice(start, start + asked);
  };
  return { events, read, reads };
}

const decode = (event: AllEvent) => ({ eventId: event.id, position: { commit: Number(event.position.commit), prepare: Number(event.position.prepare) } }) as StoredEvent;
const hooks = { accepts: () => true, decode, checkOpen: () => undefined };
const options = { from: 'start' as const, batchSize: 3, untilPosition: undefined, untilRecordedAt: undefined };

describe('readAll over KurrentDB pages', () => {
  it('reads every event once across pages, though each page starts at the last one read', async () => {
    const all = fakeAll(10);
    const read = await collect(readAllPages(all.read, options, hooks));
    expect(read.map((event) => event.eventId)).toEqual(all.events.map((event) => event.id));
    // The first page asks for a page; the others one more, for the event they start at.
    expect(all.reads.map((call) => call.count)).toEqual([3, 4, 4, 4]);
  });

  it('starts after a checkpoint, exclusive', async () => {
    const all = fakeAll(6);
    const read = await collect(readAllPages(all.read, { ...options, from: { commit: 120, prepare: 120 } }, hooks));
    expect(read.map((event) => event.eventId)).toEqual(['e3', 'e4', 'e5']);
  });

  it('stops after the until position, skips what was recorded after the until time, and leaves out what is not the store’s', async () => {
    const all = fakeAll(10, (n) => (n % 2 ? 'ns/odd' : 'ns/even'));
    const untilPosition = await collect(readAllPages(all.read, { ...options, untilPosition: { commit: 150, prepare: 150 } }, hooks));
    expect(untilPosition.map((event) => event.eventId)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    const asOf = await collect(readAllPages(all.read, { ...options, untilRecordedAt: 3000 }, hooks));
    expect(asOf.map((event) => event.eventId)).toEqual(['e0', 'e1', 'e2', 'e3']);
    const even = await collect(readAllPages(all.read, options, { ...hooks, accepts: (event) => event.streamId === 'ns/even' }));
    expect(even.map((event) => event.eventId)).toEqual(['e0', 'e2', 'e4', 'e6', 'e8']);
  });

  it('ends with the closed error once the store closes mid-read', async () => {
    const all = fakeAll(10);
    let open = true;
    const reading = readAllPages(all.read, options, {
      ...hooks,
      checkOpen: () => {
        if (!open) throw new EventStoreClosedError();
      },
    });
    await reading.next();
    open = false;
    await expect(reading.next()).rejects.toBeInstanceOf(EventStoreClosedError);
  });

  it("finds the head: the newest of the store's events, reading back past others", async () => {
    const all = fakeAll(250, (n) => (n === 7 ? 'ns/ours' : 'elsewhere'));
    expect(await findHead(all.read, (event) => event.streamId === 'ns/ours')).toEqual({ commit: 170, prepare: 170 });
    expect(await findHead(all.read, () => false)).toBe('start');
    expect(await findHead(fakeAll(0).read, () => true)).toBe('start');
  });
});
