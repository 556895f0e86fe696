/** The in-memory request counts: the same fixed window as PostgreSQL's, on a clock the test moves. */
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';

describe('MemoryRateLimitStorage', () => {
  let now = 1_000_000;
  let storage: MemoryRateLimitStorage;
  beforeEach(() => {
    now = 1_000_000;
    storage = new MemoryRateLimitStorage(() => now);
  });
  afterEach(() => storage.onApplicationShutdown());

  it('counts a caller’s requests in its window and blocks the one over the limit until the window ends', async () => {
    const hits = [];
    for (let n = 0; n < 4; n++) hits.push(await storage.increment('a', 60_000, 3, 0));
    expect(hits.map((hit) => [hit.totalHits, hit.isBlocked])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(hits[3]).toMatchObject({ timeToExpire: 60, timeToBlockExpire: 60 });
    now += 20_500;
    // Blocked requests are not counted; Retry-After is what is left of the window.
    expect(await storage.increment('a', 60_000, 3, 0)).toEqual({ totalHits: 4, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    expect(await storage.increment('b', 60_000, 3, 0)).toMatchObject({ totalHits: 1, isBlocked: false });
    now += 40_000;
    expect(await storage.increment('a', 60_000, 3, 0)).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('blocks for blockDuration when one is given, past the window', async () => {
    await storage.increment('a', 1_000, 1, 5_000);
    expect(await storage.increment('a', 1_000, 1, 5_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 5 });
    now += 2_000;
    expect(await storage.increment('a', 1_000, 1, 5_000)).toMatchObject({ isBlocked: true, timeToBlockExpire: 3 });
    now += 3_000;
    expect(await storage.increment('a', 1_000, 1, 5_000)).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('forgets callers whose window and block are over', async () => {
    await storage.increment('brief', 1_000, 5, 0);
    await storage.increment('lasting', 60_000, 5, 0);
    now += 1_001;
    storage.removeExpired();
    expect(storage.size).toBe(1);
    expect(await storage.increment('lasting', 60_000, 5, 0)).toMatchObject({ totalHits: 2 });
  });
});
