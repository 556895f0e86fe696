import type { StoredEvent, SubscriptionStatus } from '../event-store.port';
import { SubscriptionFeed } from './kurrentdb-subscription-feed';

function event(n: number): StoredEvent {
  return {
    eventId: `id-${n}`,
    type: 'E',
    schemaVersion: 1,
    streamId: 's',
    streamRevision: n,
    position: { commit: n * 100, prepare: n * 100 },
    occurredAt: new Date(0),
    recordedAt: new Date(0),
    data: { n },
    metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'r' } },
  };
}

function feedWith(options: { from?: StoredEvent['position'] | 'start'; batchSize?: number; highWaterMark?: number } = {}) {
  const statuses: SubscriptionStatus[] = [];
  const flow: boolean[] = [];
  const feed = new SubscriptionFeed({
    from: options.from ?? 'start',
    batchSize: options.batchSize ?? 10,
    ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
    onStatus: (status) => statuses.push(status),
    onFlow: (paused) => flow.push(paused),
  });
  const take = async (): Promise<number> => ((await feed.next()).value as StoredEvent).streamRevision;
  return { feed, statuses, flow, take };
}

/** Lets a next() that waits run up to its wait. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the KurrentDB subscription feed', () => {
  it("goes live only once the subscriber has taken what came before the server's caught-up, at that event's position", async () => {
    const { feed, statuses, take } = feedWith();
    feed.push(event(1));
    feed.push(event(2));
    feed.caughtUp();
    expect(await take()).toBe(1);
    expect(feed.status.state).toBe('catching-up');
    expect(await take()).toBe(2);
    expect(statuses).toEqual([]);
    const waiting = feed.next();
    await settle();
    expect(statuses).toEqual([{ state: 'live', position: event(2).position }]);
    feed.push(event(3));
    expect(((await waiting).value as StoredEvent).streamRevision).toBe(3);
    expect(feed.status).toEqual({ state: 'live', position: event(3).position });
  });

  it("falls back to catching-up when the server fell behind, and when a page or more waits to be taken", async () => {
    const { feed, statuses, take } = feedWith({ batchSize: 3 });
    feed.caughtUp();
    const first = feed.next();
    await settle();
    feed.push(event(1));
    feed.push(event(2));
    feed.push(event(3));
    feed.push(event(4));
    await first;
    expect(statuses.map((status) => status.state)).toEqual(['live', 'catching-up']);
    expect([await take(), await take(), await take()]).toEqual([2, 3, 4]);
    void feed.next();
    await settle();
    expect(statuses.map((status) => status.state)).toEqual(['live', 'catching-up', 'live']);
    feed.fellBehind();
    await settle();
    expect(statuses.at(-1)!.state).toBe('catching-up');
    feed.caughtUp();
    await settle();
    expect(statuses.at(-1)).toEqual({ state: 'live', position: event(4).position });
  });

  it('delivers nothing at or before its start, and nothing twice after a resume', async () => {
    const { feed, take } = feedWith({ from: event(2).position });
    feed.push(event(1));
    feed.push(event(2));
    feed.push(event(3));
    feed.push(event(3));
    feed.push(event(2));
    feed.push(event(4));
    expect([await take(), await take()]).toEqual([3, 4]);
    expect(feed.resumeFrom).toEqual(event(4).position);
  });

  it('never takes a position the server names (KurrentDB issue #4970): status and resume point stay at events received', async () => {
    const { feed, statuses, take } = feedWith();
    feed.push(event(1));
    expect(await take()).toBe(1);
    // The server says it caught up "at" the next event's position, which it has not sent yet.
    feed.caughtUp(event(2).position);
    void feed.next();
    await settle();
    expect(statuses).toEqual([{ state: 'live', position: event(1).position }]);
    expect(feed.resumeFrom).toEqual(event(1).position);
    // A subscriber resuming from its checkpoint gets that next event.
    const resumed = feedWith({ from: feed.status.position as StoredEvent['position'] });
    resumed.feed.push(event(2));
    expect(await resumed.take()).toBe(2);
  });

  it('hands over what it received before a failure, then the failure', async () => {
    const { feed, take } = feedWith();
    feed.push(event(1));
    feed.fail(new Error('gone'));
    feed.push(event(2));
    expect(await take()).toBe(1);
    expect(await take()).toBe(2);
    await expect(feed.next()).rejects.toThrow('gone');
  });

  it('ends a waiting subscriber on close, closed once', async () => {
    const { feed, statuses } = feedWith();
    const waiting = feed.next();
    feed.close();
    feed.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(statuses).toEqual([{ state: 'closed', position: 'start' }]);
    feed.push(event(1));
    expect(await feed.next()).toMatchObject({ done: true });
  });

  it('asks the source to pause when it holds its high-water mark, and to resume at half', async () => {
    const { feed, flow, take } = feedWith({ batchSize: 2, highWaterMark: 4 });
    for (let n = 1; n <= 5; n++) feed.push(event(n));
    expect(flow).toEqual([true]);
    expect(feed.isPaused).toBe(true);
    await take();
    await take();
    expect(flow).toEqual([true]);
    await take();
    expect(flow).toEqual([true, false]);
    expect(feed.isPaused).toBe(false);
  });
});
