/**
 * Request counts in this process's memory (the embedded default, and the PostgreSQL counts' stand-in while
 * PostgreSQL does not answer): the same fixed window as the PostgreSQL ones, O(1) a request. The throttler's
 * own in-memory storage keeps every request's time for a sliding window and filters that list at every request:
 * at the limits an internal API needs (thousands a minute) that cost more than the request it guarded
 * (bench:rate-limit measured it at about half the throughput of no limit).
 */
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  hits: number;
  windowEnds: number;
  blockedUntil: number;
}

/** How often counters whose window and block are over are dropped. */
const SWEEP_EVERY_MS = 60_000;

export class MemoryRateLimitStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly clock: () => number = Date.now) {
    this.sweeper = setInterval(() => this.removeExpired(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** A window opens at a caller's first request; the request over `limit` blocks it until the window ends (or for `blockDuration`). */
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.clock();
    let counter = this.counters.get(key);
    if (counter === undefined || (counter.windowEnds <= now && counter.blockedUntil <= now)) {
      counter = { hits: 0, windowEnds: now + ttl, blockedUntil: 0 };
      this.counters.set(key, counter);
    }
    if (counter.blockedUntil <= now) {
      if (counter.windowEnds <= now) {
        counter.hits = 0;
        counter.windowEnds = now + ttl;
      }
      counter.hits += 1;
      if (counter.hits > limit) counter.blockedUntil = blockDuration > 0 ? now + blockDuration : counter.windowEnds;
    }
    const seconds = (until: number) => Math.max(0, Math.ceil((until - now) / 1000));
    const blocked = counter.blockedUntil > now;
    return { totalHits: counter.hits, timeToExpire: seconds(counter.windowEnds), isBlocked: blocked, timeToBlockExpire: blocked ? seconds(counter.blockedUntil) : 0 };
  }

  removeExpired(): void {
    const now = this.clock();
    for (const [key, counter] of this.counters) if (counter.windowEnds <= now && counter.blockedUntil <= now) this.counters.delete(key);
  }

  /** Callers counted now (tests). */
  get size(): number {
    return this.counters.size;
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    this.counters.clear();
  }
}
