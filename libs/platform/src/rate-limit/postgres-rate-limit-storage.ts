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
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import pg from 'pg';
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often expired rows are deleted (by every instance: the statement is cheap and idempotent). */
const SWEEP_EVERY_MS = 60_000;

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
   * Counts one request. Alone, it goes to PostgreSQL at once (one round trip); under load, the requests that
   * arrive while earlier ones are on their way go together, in one statement, each caller's requests counted
   * in the order they came.
   */
  increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
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

  /** Deletes the rows of windows and blocks that are over (every minute, by itself). */
  async removeExpired(): Promise<void> {
    if (this.ready === undefined) return;
    await this.pool
      .query(`DELETE FROM ${this.table} WHERE window_ends < now() AND (blocked_until IS NULL OR blocked_until < now())`)
      .catch(() => undefined);
  }

  private pump(): void {
    if (this.sending || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, MAX_BATCH);
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
    for (const group of ordered) settle(group, byKey.get(group.first.key)!);
  }

  private async createTable(): Promise<void> {
    try {
      // The store has made its schema by the first request; a storage opened on its own makes sure.
      await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await this.pool.query(
        `CREATE UNLOGGED TABLE IF NOT EXISTS ${this.table} (
           key text PRIMARY KEY,
           hits integer NOT NULL,
           window_ends timestamptz NOT NULL,
           blocked_until timestamptz,
           base integer NOT NULL DEFAULT 0
         )`,
      );
    } catch (error) {
      // Two instances creating it at once: one of them wins, and the table is there for both.
      if (!['23505', '42P06', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
    }
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
 * ms; one row per key, in key order). A new caller's row opens a window; within it hits count up, and the
 * requests that pass the limit block the caller (until the window ends, or for the block duration); a blocked
 * caller's requests are not counted until the block ends; a window that ended starts again. Hits stop at
 * limit + 1, as they would one request at a time. `base` says what the count was before the batch (-1: blocked
 * already), so that each request learns its place. Every CASE reads the row as it was (c.*), so they agree.
 */
const INCREMENT = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::integer[], $3::integer[], $4::integer[], $5::integer[]) WITH ORDINALITY AS i(key, n, ttl, lim, block, place)
)
INSERT INTO $table AS c (key, hits, window_ends, blocked_until, base)
SELECT key, least(n, lim + 1), now() + ttl * interval '1 millisecond',
       CASE WHEN n > lim THEN now() + (CASE WHEN block > 0 THEN block ELSE ttl END) * interval '1 millisecond' END, 0
FROM input ORDER BY place
ON CONFLICT (key) DO UPDATE SET
  base = CASE WHEN c.blocked_until > now() THEN -1 WHEN c.window_ends <= now() THEN 0 ELSE c.hits END,
  hits = (SELECT CASE
            WHEN c.blocked_until > now() THEN c.hits
            WHEN c.window_ends <= now() THEN least(i.n, i.lim + 1)
            ELSE least(c.hits + i.n, i.lim + 1) END
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
  greatest(0, ceil(extract(epoch FROM window_ends - now())))::integer AS expires_in,
  greatest(0, ceil(extract(epoch FROM coalesce(blocked_until, now()) - now())))::integer AS blocked_for`;
