/**
 * Request counts shared by every instance on one PostgreSQL: one row per (limit, caller) in `rl_counters`,
 * beside the events (the store's database and schema), counted by one upsert per request. A fixed window:
 * the first request of a caller opens it for `ttl`; the one that goes over `limit` blocks the caller until
 * the window ends (or for `blockDuration`, when one is given), during which nothing more is counted. The table is UNLOGGED: counts are worth no WAL, and
 * losing them in a crash only gives callers a fresh window. Keys arrive hashed (rate-limit.guards.ts): no
 * address or user id is stored.
 *
 * When PostgreSQL does not answer, the counts are kept in this process's memory until it does (the app goes
 * on serving what it can, as the read side does), and that is said once in the log.
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import pg from 'pg';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often expired rows are deleted (by every instance: the statement is cheap and idempotent). */
const SWEEP_EVERY_MS = 60_000;

export class PostgresRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly schema: string;
  private readonly table: string;
  private ready: Promise<void> | undefined;
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;
  private readonly sweeper: NodeJS.Timeout;

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

  static open(connectionString: string, schema: string | undefined, poolSize = 4): PostgresRateLimitStorage {
    return new PostgresRateLimitStorage(new pg.Pool({ connectionString, max: poolSize }), schema);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      await (this.ready ??= this.createTable());
      const { rows } = await this.pool.query<{ hits: number; expires_in: number; blocked_for: number }>({
        name: 'rl-increment',
        text: INCREMENT.replaceAll('$table', this.table),
        values: [key, ttl, limit, blockDuration],
      });
      this.recovered();
      const row = rows[0]!;
      return { totalHits: row.hits, timeToExpire: row.expires_in, isBlocked: row.blocked_for > 0, timeToBlockExpire: row.blocked_for };
    } catch (error) {
      this.ready = undefined;
      this.failed(error);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    this.fallback.onApplicationShutdown();
    await this.pool.end().catch(() => undefined);
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
           blocked_until timestamptz
         )`,
      );
    } catch (error) {
      // Two instances creating it at once: one of them wins, and the table is there for both.
      if (!['23505', '42P06', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
    }
  }

  /** Deletes the rows of windows and blocks that are over (every minute, by itself). */
  async removeExpired(): Promise<void> {
    if (this.ready === undefined) return;
    await this.pool
      .query(`DELETE FROM ${this.table} WHERE window_ends < now() AND (blocked_until IS NULL OR blocked_until < now())`)
      .catch(() => undefined);
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

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * One statement: a new caller's row opens a window; within it hits count up, and the hit that passes the
 * limit blocks the caller (until the window ends, or for the block duration); a blocked caller's hits are not
 * counted until the block ends; a window that ended starts again. Every CASE reads the row as it was (c.*),
 * so the branches agree (a limit is at least 1: the first hit is never over it).
 * $1 key, $2 window (ms), $3 limit, $4 block (ms).
 */
const INCREMENT = `
INSERT INTO $table AS c (key, hits, window_ends, blocked_until)
VALUES ($1, 1, now() + $2 * interval '1 millisecond', NULL)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE
    WHEN c.blocked_until > now() THEN c.hits
    WHEN c.window_ends <= now() THEN 1
    ELSE c.hits + 1 END,
  window_ends = CASE
    WHEN c.blocked_until > now() THEN c.window_ends
    WHEN c.window_ends <= now() THEN excluded.window_ends
    ELSE c.window_ends END,
  blocked_until = CASE
    WHEN c.blocked_until > now() THEN c.blocked_until
    WHEN c.window_ends > now() AND c.hits + 1 > $3 THEN
      CASE WHEN $4 > 0 THEN now() + $4 * interval '1 millisecond' ELSE c.window_ends END
    ELSE NULL END
RETURNING
  hits,
  greatest(0, ceil(extract(epoch FROM window_ends - now())))::integer AS expires_in,
  greatest(0, ceil(extract(epoch FROM coalesce(blocked_until, now()) - now())))::integer AS blocked_for`;
