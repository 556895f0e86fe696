/**
 * The consumer's inbox: the ids of the events a consumer group has handled, kept in the subscribing
 * service's own database and written in the same transaction as the handler's own writes. A redelivered
 * event (Kafka delivers at least once: a consumer that died before committing its offset, a rebalance, a
 * relay that sent a batch twice) finds its id there and is not handled again; a handler that fails rolls
 * its writes and the id back together, so the event is handled again on the next attempt.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface Inbox<Tx> {
  /**
   * In one transaction: records `eventId` for `consumer` and runs `work` with that transaction. Returns false,
   * running nothing, when the id was recorded before. Throws what `work` throws (nothing is kept then).
   */
  once(consumer: string, eventId: string, work: (tx: Tx) => Promise<void> | void): Promise<boolean>;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

function checkTable(table: string): string {
  if (!TABLE_NAME.test(table)) throw new Error(`inbox table "${table}" must be a lower-case SQL identifier (optionally schema.table)`);
  return table;
}

/** The inbox in PostgreSQL; handlers get the transaction's client. */
export class PostgresInbox implements Inbox<pg.PoolClient> {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  static async open(pool: pg.Pool, table = 'sales_event_inbox'): Promise<PostgresInbox> {
    checkTable(table);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
      consumer text NOT NULL, event_id text NOT NULL, handled_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id))`);
    return new PostgresInbox(pool, table);
  }

  async once(consumer: string, eventId: string, work: (tx: pg.PoolClient) => Promise<void> | void): Promise<boolean> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // A concurrent delivery of the same event waits here for the first one's transaction, then skips.
      const { rowCount } = await client.query(`INSERT INTO ${this.table} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [consumer, eventId]);
      if (rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      await work(client);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * The inbox in SQLite (better-sqlite3); handlers get the database, inside the transaction. One handler at a
 * time: the transaction is the connection's, so handlers are run one after another.
 */
export class SqliteInbox implements Inbox<Database.Database> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database.Database,
    private readonly table = 'sales_event_inbox',
  ) {
    checkTable(table);
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      consumer TEXT NOT NULL, event_id TEXT NOT NULL, handled_at INTEGER NOT NULL, PRIMARY KEY (consumer, event_id))`);
  }

  once(consumer: string, eventId: string, work: (tx: Database.Database) => Promise<void> | void): Promise<boolean> {
    const run = this.queue.then(() => this.onceNow(consumer, eventId, work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async onceNow(consumer: string, eventId: string, work: (tx: Database.Database) => Promise<void> | void): Promise<boolean> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const { changes } = this.db
        .prepare(`INSERT OR IGNORE INTO ${this.table} (consumer, event_id, handled_at) VALUES (?, ?, ?)`)
        .run(consumer, eventId, Date.now());
      if (changes === 0) {
        this.db.exec('ROLLBACK');
        return false;
      }
      await work(this.db);
      this.db.exec('COMMIT');
      return true;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
