/**
 * Request counts shared by every instance on one PostgreSQL: one row per (limit, caller) in `rl_counters`,
 * beside the events (the store's database and schema), counted by one upsert (a request alone, or every
 * request that arrived while the last batch was on its way). A fixed window: the first request of a caller
 * opens it for `ttl`; the one that goes over `limit` blocks the caller until the window ends (or for
 * `blockDuration`, when one is given), during which nothing more is counted: the same counts as
 * MemoryRateLimitStorage's. The table is UNLOGGED: counts are worth no WAL, and losing them in a crash only
 * gives callers a fresh window. Keys arrive hashed (rate-limit.guards.ts): no address or user id is stored.
 *
 * When PostgreSQL does not answer, the counts are kept in this process's memory until it does (the app goes
 * on serving what it can, as the read side does), and that is said once in the log.
 *
 * Leases. A caller far from its limit is counted ahead: the statement that counts its requests may also reserve a
 * few more hits of its window for this instance (twice what the caller asked here since its last reservation, at
 * most MAX_LEASE and a sixteenth of the limit), and the caller's next requests are counted against that reservation
 * in memory, without a round trip, until it is used up or the window ends. A reservation is only made while the
 * shared count leaves room for four of them (FREE_LEASES), so a caller near its limit is counted one request at a
 * time again, exactly. A caller is never let through more than its limit a window; what an instance reserved and
 * did not use before the window ended was counted all the same, so a caller that goes on to reach its limit in that
 * window may be refused up to (instances − FREE_LEASES) × MAX_LEASE requests early, and never sooner than that.
 * Small limits (under 32) are never leased. Under load this takes the counting statement off nearly every request.
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import pg from 'pg';
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often expired rows are deleted (by every instance: the statement is cheap and idempotent). */
const SWEEP_EVERY_MS = 60_000;

/**
 * What PostgreSQL answers a statement that raced another instance's same DDL: a unique violation in its catalog, or
 * the schema, table, column or the table's row type already there.
 */
const RACED = ['23505', '42P06', '42P07', '42701', '42710'];

/** The most hits one reservation takes. */
const MAX_LEASE = 64;
/** A reservation is a sixteenth of the limit at most: limits under 32 are never leased. */
const LEASE_SHARE = 16;
/** Reservations are made only while the count leaves room for this many of them. */
const FREE_LEASES = 4;

/** Hits of a caller's window reserved for this instance, counted here until used up or the window ends. */
interface Lease {
  readonly limit: number;
  /** Date.now() at which the window ends. */
  readonly windowEnds: number;
  /** The caller's count as of the last hit taken from the lease (totalHits of the next is one more). */
  hits: number;
  remaining: number;
  /** Hits taken from it: what the caller asked here since the reservation, which sizes the next one. */
  used: number;
}

interface Waiting {
  readonly key: string;
  readonly ttl: number;
  readonly limit: number;
  readonly blockDuration: number;
  readonly resolve: (record: ThrottlerStorageRecord) => void;
}

/** The requests of one caller in one batch. */
interface Group {
  readonly first: Waiting;
  readonly waiting: Waiting[];
}

interface CounterRow {
  readonly key: string;
  /** Hits before this batch's (0 in a new window); -1 when the caller was blocked already. */
  readonly base: number;
  readonly hits: number;
  readonly expires_in: number;
  readonly blocked_for: number;
  /** Hits reserved for this instance by this statement (after the batch's own). */
  readonly leased: number;
  /** Milliseconds until the window ends. */
  readonly window_ms: number;
}

/**
 * One batch in flight at a time: what arrives meanwhile goes in the next one (as a group commit does), so
 * that requests are counted in the order they came and a burst costs a round trip, not one per request.
 */
const MAX_BATCH = 500;

export class PostgresRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly schema: string;
  private readonly table: string;
  private ready: Promise<void> | undefined;
  private readonly fallback = new MemoryRateLimitStorage();
  private degraded = false;
  private readonly sweeper: NodeJS.Timeout;
  private waiting: Waiting[] = [];
  private sending = false;
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly pool: pg.Pool,
    schema: string | undefined,
  ) {
    this.schema = quoteIdentifier(schema ?? 'public');
    this.table = `${this.schema}.rl_counters`;
    // Idle connections that break (a PostgreSQL restart) must not crash the process.
    pool.on('error', () => undefined);
    this.sweeper = setInterval(() => void this.removeExpired(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** Two connections: one for the batch in flight, one for the sweep. */
  static open(connectionString: string, schema: string | undefined, poolSize = 2): PostgresRateLimitStorage {
    return new PostgresRateLimitStorage(new pg.Pool({ connectionString, max: poolSize }), schema);
  }

  /**
   * Counts one request: against this instance's reservation for the caller when it holds one (no round trip), else
   * in PostgreSQL — alone at once, or, under load, with the requests that arrive while earlier ones are on their way,
   * in one statement, each caller's requests counted in the order they came.
   */
  increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const leased = this.fromLease(key, limit);
    if (leased !== undefined) return Promise.resolve(leased);
    return new Promise((resolve) => {
      this.waiting.push({ key, ttl, limit, blockDuration, resolve });
      this.pump();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    this.fallback.onApplicationShutdown();
    await this.pool.end().catch(() => undefined);
  }

  /** The count of a request taken from this instance's reservation for the caller, when it holds one. */
  private fromLease(key: string, limit: number): ThrottlerStorageRecord | undefined {
    const lease = this.leases.get(key);
    if (lease === undefined || lease.remaining === 0 || lease.limit !== limit) return undefined;
    const left = lease.windowEnds - Date.now();
    if (left <= 0) {
      this.leases.delete(key);
      return undefined;
    }
    lease.remaining -= 1;
    lease.used += 1;
    lease.hits += 1;
    return { totalHits: lease.hits, timeToExpire: Math.ceil(left / 1000), isBlocked: false, timeToBlockExpire: 0 };
  }

  /**
   * The hits to reserve for a caller with `asked` requests in the batch: twice its recent demand, within bounds; none
   * while it holds hits reserved before (a batch goes out only once the last one's reservations are in).
   */
  private leaseFor(key: string, asked: number, limit: number): number {
    const lease = this.leases.get(key);
    if (lease !== undefined && lease.remaining > 0) return 0;
    const demand = asked + (lease?.used ?? 0);
    return Math.max(0, Math.min(MAX_LEASE, Math.floor(limit / LEASE_SHARE), 2 * demand));
  }

  /** Deletes the rows of windows and blocks that are over (every minute, by itself), and the leases of past windows. */
  async removeExpired(): Promise<void> {
    const now = Date.now();
    for (const [key, lease] of this.leases) if (lease.windowEnds <= now) this.leases.delete(key);
    if (this.ready === undefined) return;
    await this.pool
      .query(`DELETE FROM ${this.table} WHERE window_ends < now() AND (blocked_until IS NULL OR blocked_until < now())`)
      .catch(() => undefined);
  }

  private pump(): void {
    if (this.sending) return;
    // Requests that waited while the last batch brought their caller a reservation are counted against it.
    const batch = this.waiting.splice(0, MAX_BATCH).filter((each) => {
      const leased = this.fromLease(each.key, each.limit);
      if (leased !== undefined) each.resolve(leased);
      return leased === undefined;
    });
    if (batch.length === 0) {
      if (this.waiting.length > 0) this.pump();
      return;
    }
    this.sending = true;
    void this.send(batch).finally(() => {
      this.sending = false;
      this.pump();
    });
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    const groups = new Map<string, Group>();
    for (const each of batch) {
      const group = groups.get(each.key);
      if (group) group.waiting.push(each);
      else groups.set(each.key, { first: each, waiting: [each] });
    }
    // Rows are locked in key order, so that two instances' batches never wait for each other in a circle.
    const ordered = [...groups.values()].sort((a, b) => (a.first.key < b.first.key ? -1 : a.first.key > b.first.key ? 1 : 0));
    let rows: CounterRow[];
    try {
      await (this.ready ??= this.createTable());
      ({ rows } = await this.pool.query<CounterRow>({
        name: 'rl-increment',
        text: INCREMENT.replaceAll('$table', this.table),
        values: [
          ordered.map((group) => group.first.key),
          ordered.map((group) => group.waiting.length),
          ordered.map((group) => Math.round(group.first.ttl)),
          ordered.map((group) => group.first.limit),
          ordered.map((group) => Math.round(group.first.blockDuration)),
          ordered.map((group) => this.leaseFor(group.first.key, group.waiting.length, group.first.limit)),
        ],
      }));
      this.recovered();
    } catch (error) {
      this.ready = undefined;
      this.failed(error);
      for (const each of batch) each.resolve(await this.fallback.increment(each.key, each.ttl, each.limit, each.blockDuration));
      return;
    }
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const now = Date.now();
    for (const group of ordered) {
      const row = byKey.get(group.first.key)!;
      settle(group, row);
      if (row.leased > 0) {
        const hits = row.base + group.waiting.length;
        this.leases.set(group.first.key, { limit: group.first.limit, windowEnds: now + row.window_ms, hits, remaining: row.leased, used: 0 });
      } else if (this.leases.get(group.first.key)?.remaining === 0 || row.base < 0) {
        // Used up (its demand sized this batch's ask), or the caller is blocked: nothing left to take from it.
        this.leases.delete(group.first.key);
      }
    }
  }

  private async createTable(): Promise<void> {
    // Instances starting together make them at once: each statement may find another's work done (or doing), and the
    // schema, table and column are there for all of them afterwards. (One catch around all three once skipped the
    // table when only the schema had been raced for: that batch was counted in memory.)
    const alongside = (sql: string) =>
      this.pool.query(sql).catch((error: unknown) => {
        if (!RACED.includes((error as { code?: string }).code ?? '')) throw error;
      });
    // The store has made its schema by the first request; a storage opened on its own makes sure.
    await alongside(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    await alongside(
      `CREATE UNLOGGED TABLE IF NOT EXISTS ${this.table} (
         key text PRIMARY KEY,
         hits integer NOT NULL,
         window_ends timestamptz NOT NULL,
         blocked_until timestamptz,
         base integer NOT NULL DEFAULT 0,
         leased integer NOT NULL DEFAULT 0
       )`,
    );
    // A table made before leases (rows of one window: a column added to it costs nothing to wait for).
    await alongside(`ALTER TABLE ${this.table} ADD COLUMN IF NOT EXISTS leased integer NOT NULL DEFAULT 0`);
  }

  private failed(error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`the shared request counts cannot be reached (${(error as Error).message}): limiting each instance by its own memory until they can`);
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('the shared request counts are reached again');
  }
}

/** Each request of a caller's group gets its own place in the count: the first ones within the limit, the rest over it. */
function settle(group: Group, row: CounterRow): void {
  const { limit } = group.first;
  group.waiting.forEach((each, index) => {
    const hit = row.base < 0 ? row.hits : row.base + index + 1;
    const blocked = row.base < 0 || hit > limit;
    each.resolve({
      totalHits: Math.min(hit, limit + 1),
      timeToExpire: row.expires_in,
      isBlocked: blocked,
      timeToBlockExpire: blocked ? row.blocked_for : 0,
    });
  });
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * One statement for a batch: per caller ($1 keys, $2 requests in the batch, $3 window in ms, $4 limit, $5 block in
 * ms, $6 hits to reserve for this instance; one row per key, in key order). A new caller's row opens a window;
 * within it hits count up, and the requests that pass the limit block the caller (until the window ends, or for
 * the block duration); a blocked caller's requests are not counted until the block ends; a window that ended starts
 * again. Hits stop at limit + 1, as they would one request at a time. `base` says what the count was before the
 * batch (-1: blocked already), so that each request learns its place. The reservation (`leased`) is made only when,
 * after the batch's own requests, the count leaves room for FREE_LEASES of that size: it never reaches the limit,
 * so it never blocks. Every CASE reads the row as it was (c.*), so they agree.
 */
const INCREMENT = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::integer[], $3::integer[], $4::integer[], $5::integer[], $6::integer[])
    WITH ORDINALITY AS i(key, n, ttl, lim, block, lease, place)
)
INSERT INTO $table AS c (key, hits, window_ends, blocked_until, base, leased)
SELECT key, least(n, lim + 1) + (CASE WHEN lim - n >= ${FREE_LEASES} * lease THEN lease ELSE 0 END), now() + ttl * interval '1 millisecond',
       CASE WHEN n > lim THEN now() + (CASE WHEN block > 0 THEN block ELSE ttl END) * interval '1 millisecond' END, 0,
       CASE WHEN lim - n >= ${FREE_LEASES} * lease THEN lease ELSE 0 END
FROM input ORDER BY place
ON CONFLICT (key) DO UPDATE SET
  base = CASE WHEN c.blocked_until > now() THEN -1 WHEN c.window_ends <= now() THEN 0 ELSE c.hits END,
  leased = (SELECT CASE
            WHEN c.blocked_until > now() THEN 0
            WHEN i.lim - ((CASE WHEN c.window_ends <= now() THEN 0 ELSE c.hits END) + i.n) >= ${FREE_LEASES} * i.lease THEN i.lease
            ELSE 0 END
          FROM input i WHERE i.key = excluded.key),
  hits = (SELECT CASE
            WHEN c.blocked_until > now() THEN c.hits
            ELSE least((CASE WHEN c.window_ends <= now() THEN 0 ELSE c.hits END) + i.n, i.lim + 1)
               + (CASE WHEN i.lim - ((CASE WHEN c.window_ends <= now() THEN 0 ELSE c.hits END) + i.n) >= ${FREE_LEASES} * i.lease THEN i.lease ELSE 0 END)
            END
          FROM input i WHERE i.key = excluded.key),
  window_ends = (SELECT CASE
            WHEN c.blocked_until > now() THEN c.window_ends
            WHEN c.window_ends <= now() THEN now() + i.ttl * interval '1 millisecond'
            ELSE c.window_ends END
          FROM input i WHERE i.key = excluded.key),
  blocked_until = (SELECT CASE
            WHEN c.blocked_until > now() THEN c.blocked_until
            WHEN (CASE WHEN c.window_ends <= now() THEN 0 ELSE c.hits END) + i.n > i.lim THEN
              CASE WHEN i.block > 0 THEN now() + i.block * interval '1 millisecond'
                   WHEN c.window_ends <= now() THEN now() + i.ttl * interval '1 millisecond'
                   ELSE c.window_ends END
            END
          FROM input i WHERE i.key = excluded.key)
RETURNING
  key,
  base,
  hits,
  leased,
  greatest(0, ceil(extract(epoch FROM window_ends - now())))::integer AS expires_in,
  greatest(0, floor(extract(epoch FROM window_ends - now()) * 1000))::integer AS window_ms,
  greatest(0, ceil(extract(epoch FROM coalesce(blocked_until, now()) - now())))::integer AS blocked_for`;
