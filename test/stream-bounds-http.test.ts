/**
 * What one GET /events may hold: a page of at most `limit` events (HISTORY_PAGE_MAX_EVENTS at most), the next
 * page `after` the last line; at most HISTORY_STREAMS_PER_USER streams open per user; and a client that goes
 * away — even one that stopped reading, so that the server waits for its socket to drain — ends the request:
 * the store's read is closed, its slot given back, and nothing more is read. GET /live: at most
 * LIVE_STREAMS_PER_USER open per user.
 */
import { readFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { EventStore, ReadAllOptions, StoredEvent } from '#libs/event-store';
import { EventsController } from '../libs/sales-insights/src/history/events.http';
import { eventually } from './support/eventually';
import { startTestApp, type TestApp } from './support/http-app';

const EVENTS = 6_000;
const PAGE_MAX = 5_000;
const metadata = { correlationId: 'c', causationId: null, actor: { userId: 'test', role: 'service' } } as const;

/** What the loopback sockets may buffer between the app and a client that stopped reading (Linux's limits; 8 MiB elsewhere). */
function socketBufferBytes(): number {
  // tcp_wmem: min, default, max (the sender's buffer grows to max); tcp_rmem's default (a receiver nobody reads stays near it).
  const field = (file: string, index: number): number => {
    try {
      return Number(readFileSync(file, 'utf8').trim().split(/\s+/)[index]) || 0;
    } catch {
      return 0;
    }
  };
  const bytes = field('/proc/sys/net/ipv4/tcp_wmem', 2) + field('/proc/sys/net/ipv4/tcp_rmem', 1);
  return bytes > 0 ? bytes : 8 * 1024 * 1024;
}

/** Wraps the real store's readAll (it still reads): counts the events it hands out and the reads closed. */
function watchReads(store: EventStore): { read: () => number; closed: () => number; restore: () => void } {
  let read = 0;
  let closed = 0;
  const original = store.readAll.bind(store);
  const spy = jest.spyOn(store, 'readAll').mockImplementation((options?: ReadAllOptions) => {
    const iterable = original(options);
    return {
      [Symbol.asyncIterator]() {
        const iterator = iterable[Symbol.asyncIterator]();
        return {
          async next() {
            const next = await iterator.next();
            if (!next.done) read += 1;
            return next;
          },
          async return(value?: unknown) {
            closed += 1;
            return iterator.return ? iterator.return(value) : { done: true as const, value: undefined };
          },
        } as AsyncIterator<StoredEvent>;
      },
    };
  });
  return { read: () => read, closed: () => closed, restore: () => spy.mockRestore() };
}

describe('GET /events bounds', () => {
  let app: TestApp;
  let analyst: string;
  let controller: EventsController;

  beforeAll(async () => {
    app = await startTestApp('sqlite', undefined, { HISTORY_PAGE_MAX_EVENTS: String(PAGE_MAX), LIVE_STREAMS_PER_USER: '2' });
    analyst = await app.token('analyst', 'an-1');
    controller = app.running.app.get(EventsController, { strict: false });
    // A page several times what the sockets between the test and a client that stopped reading can hold: the
    // sender's buffer (it grows up to tcp_wmem's maximum) and the receiver's while nobody reads it (its default).
    const padding = 'x'.repeat(Math.ceil((3 * socketBufferBytes()) / PAGE_MAX));
    for (let batch = 0; batch < EVENTS / 1000; batch++) {
      await app.store.appendMany(
        Array.from({ length: 10 }, (_, stream) => ({
          streamId: `padding-${batch}-${stream}`,
          events: Array.from({ length: 100 }, (__, n) => ({ type: 'HistoryPadding', data: { n, padding }, metadata })),
          expectedRevision: 'no-stream' as const,
        })),
      );
    }
  }, 60_000);
  afterAll(() => app.close());

  const get = (path: string, token = analyst, signal?: AbortSignal) => fetch(`${app.running.url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal });
  const lines = async (response: Response) => (await response.text()).trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { globalPosition: string; eventId: string });

  it('answers at most HISTORY_PAGE_MAX_EVENTS events, and pages on with limit and after', async () => {
    const whole = await lines(await get('/events'));
    expect(whole).toHaveLength(PAGE_MAX);
    const first = await lines(await get('/events?limit=3'));
    expect(first.map((line) => line.eventId)).toEqual(whole.slice(0, 3).map((line) => line.eventId));
    const next = await lines(await get(`/events?limit=4&after=${encodeURIComponent(first[2]!.globalPosition)}`));
    expect(next.map((line) => line.eventId)).toEqual(whole.slice(3, 7).map((line) => line.eventId));
    // The last page of all: shorter than its limit.
    const stored: StoredEvent[] = await app.events();
    const tail = await lines(await get(`/events?after=${encodeURIComponent(`${stored.at(-3)!.position.commit}/${stored.at(-3)!.position.prepare}`)}`));
    expect(tail.map((line) => line.eventId)).toEqual(stored.slice(-2).map((event) => event.eventId));
  });

  it.each([
    ['limit=0', 'limit', /limit: must be an integer from 1 to 5000/],
    ['limit=many', 'limit', /limit: must be an integer from 1 to 5000/],
    [`limit=${PAGE_MAX + 1}`, 'limit', /limit: must be an integer from 1 to 5000/],
    ['after=yesterday', 'after', /^after: /],
  ])('refuses %s with 400 naming %s', async (query, field, message) => {
    const response = await get(`/events?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { field: string; message: string };
    expect(body.field).toBe(field);
    expect(body.message).toMatch(message);
  });

  it('stops reading the store when the client goes away, even while waiting for its socket to drain', async () => {
    const reads = watchReads(app.store);
    try {
      // A client that takes the first chunk and then stops reading its socket (node:http's pause, not fetch: fetch
      // keeps reading into memory, and the kernel's receive buffer then grows to hold a whole page).
      const request = httpGet(`${app.running.url}/events`, { headers: { authorization: `Bearer ${analyst}` } });
      request.on('error', () => undefined);
      const response = await new Promise<IncomingMessage>((resolve) => request.once('response', resolve));
      expect(response.statusCode).toBe(200);
      await new Promise((resolve) => response.once('data', resolve));
      response.pause();
      const abort = { abort: () => request.destroy() };
      // The client reads no more: the server fills the sockets and waits for them to drain.
      let before = -1;
      await eventually(async () => {
        const now = reads.read();
        const still = now === before;
        before = now;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return still && now > 0;
      });
      expect(reads.read()).toBeLessThan(PAGE_MAX);
      expect(controller.openStreams('an-1')).toBe(1);
      expect(reads.closed()).toBe(0);

      abort.abort();
      await eventually(() => controller.openStreams('an-1') === 0 && reads.closed() === 1);
      const atClose = reads.read();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reads.read()).toBe(atClose);
    } finally {
      reads.restore();
    }
  });

  it('lets a user hold HISTORY_STREAMS_PER_USER streams open at once: one more is refused with 429 and Retry-After', async () => {
    const aborts = [new AbortController(), new AbortController()];
    const open = await Promise.all(aborts.map((abort) => get('/events', analyst, abort.signal)));
    expect(open.map((response) => response.status)).toEqual([200, 200]);
    await eventually(() => controller.openStreams('an-1') === 2);

    const refused = await get('/events?limit=1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ code: 'too-many-streams', message: expect.stringContaining('at most 2 GET /events streams') });
    // Another user is not held back by this one.
    const other = await get('/events?limit=1', await app.token('analyst', 'an-2'));
    expect(other.status).toBe(200);
    expect(await lines(other)).toHaveLength(1);

    aborts[0]!.abort();
    await eventually(() => controller.openStreams('an-1') === 1);
    const again = await get('/events?limit=2');
    expect(again.status).toBe(200);
    expect(await lines(again)).toHaveLength(2);
    aborts[1]!.abort();
    await eventually(() => controller.openStreams() === 0);
  });

  it('gives the slot back when a page ends', async () => {
    for (let n = 0; n < 3; n++) expect(await lines(await get('/events?limit=10'))).toHaveLength(10);
    expect(controller.openStreams()).toBe(0);
  });

  it('lets a user hold LIVE_STREAMS_PER_USER GET /live streams at once, and gives a slot back when one closes', async () => {
    const hunter = await app.token('hunter', 'h-anna');
    const aborts = [new AbortController(), new AbortController()];
    const open = await Promise.all(aborts.map((abort) => get('/live', hunter, abort.signal)));
    expect(open.map((response) => [response.status, response.headers.get('content-type')])).toEqual([
      [200, 'text/event-stream; charset=utf-8'],
      [200, 'text/event-stream; charset=utf-8'],
    ]);
    const refused = await get('/live', hunter);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ code: 'too-many-streams', message: expect.stringContaining('at most 2 GET /live streams') });
    aborts[0]!.abort();
    const abort = new AbortController();
    await eventually(async () => {
      const again = await get('/live', hunter, abort.signal);
      if (again.status !== 200) await again.body?.cancel();
      return again.status === 200;
    });
    abort.abort();
    aborts[1]!.abort();
  });
});
