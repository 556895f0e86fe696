/**
 * Production adapter: PostgreSQL through pg.
 *
 * Concurrent transactions commit out of sequence order: a transaction holding position 7 may commit
 * after another one holding 8, so a reader following positions would pass 7 before it exists and never
 * see it. Each event therefore records its writing transaction's id, readers only take rows below the
 * oldest transaction still in flight (nothing can ever commit there again) and order them by
 * (transaction id, position); checkpoints carry both.
 */
import pg from 'pg';
import { checkExpectedRevision, checkStreamId, prepareAppends, prepareEvents, type PreparedAppend, type PreparedEvent } from '../append-input';
import { SubscriptionSet } from '../catch-up-subscription';
import {
  EventStoreClosedError,
  EventStoreUnavailableError,
  IncompatibleEventStoreError,
  InvalidEventStoreInputError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  NewEvent,
  ReadAllFrom,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { resolveRetry } from '../idempotent-retry';
import type { Page, PageQuery, RowPageReader } from '../page-reader';
import { readAllInPages } from '../read-all';
import { checkReadAllOptions, checkReadStreamOptions } from '../read-options';
import { readStreamInPages } from '../read-stream';
import { refuseNewerSchema } from '../schema-version';
import { WakeSignal } from '../wake-signal';
import { CommitNotifier, Listener, newOrigin } from './postgres-commit-signals';
import { postgresMigrations } from './postgres-migrations';
import { EVENT_COLUMNS, EVENT_TYPES, NUMERIC_TYPES, PostgresPages, isConnectionFailure, type EventQuery } from './postgres-pages';
import { toStoredEvent, type EventColumns } from '../event-columns';
import { ThreadedPageReader, type RawPage } from '../threaded-page-reader';
import { SubjectKeyTakenError, type AppendsWithKeys, type NewSubjectKey } from '../privacy/appends-with-keys';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** The database schema holding the store's tables; created when missing. */
  readonly schema?: string;
  readonly poolSize?: number;
  /**
   * Connections for reading the global order (subscriptions, readAll), apart from the pool that appends
   * and reads streams: under a burst of commands, a subscription's next page must not queue behind them.
   */
  readonly pageReadPoolSize?: number;
  readonly idleRecheckMs?: number;
}

interface AppendRow {
  o_outcome: 'written' | 'duplicate' | 'conflict';
  o_revision: number | null;
  o_commit: number | null;
  o_position: number | null;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const UNIQUE_VIOLATION = '23505';

export class PostgresEventStore implements EventStore, RowPageReader, AppendsWithKeys {
  readonly kind = 'postgres';
  private readonly signal = new WakeSignal();
  private readonly subscriptions: SubscriptionSet;
  private readonly table: string;
  private readonly channel: string;
  private readonly pages: PostgresPages;
  private listener: Listener | undefined;
  private readonly notifier: CommitNotifier;
  /** This store's token in its NOTIFYs, by which its Listener knows its own (postgres-commit-signals.ts). */
  private readonly origin = newOrigin();
  /** Queries started and not yet settled: close() lets them finish before it ends the pool. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly pagePool: pg.Pool,
    private readonly schema: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.table = `"${schema}".es_events`;
    this.channel = `es_events_${schema}`;
    this.notifier = new CommitNotifier(pool, this.channel, this.origin);
    this.pages = new PostgresPages(this.table, (config) => this.query(config, pagePool));
    this.subscriptions = new SubscriptionSet(this, this.signal, options.idleRecheckMs ?? 2000, undefined, () =>
      new ThreadedPageReader({ kind: 'postgres', connectionString: options.connectionString, table: this.table }, this),
    );
  }

  /** Connects, brings the schema up to date and checks that the cluster's transaction ids only grew. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) {
      throw new InvalidEventStoreInputError('schema', 'must be a lower-case SQL identifier');
    }
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    const pagePool = new pg.Pool({ connectionString: options.connectionString, max: options.pageReadPoolSize ?? 3 });
    // An idle client losing its connection (a restarted server) must not crash the process.
    pool.on('error', () => undefined);
    pagePool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, pagePool, schema, options);
    try {
      await store.migrate();
      await store.refuseRewoundTransactionIds();
      return store;
    } catch (error) {
      await Promise.all([pool.end(), pagePool.end()]).catch(() => undefined);
      if (error instanceof IncompatibleEventStoreError || error instanceof EventStoreUnavailableError) throw error;
      throw new EventStoreUnavailableError(
        `cannot open the PostgreSQL event store at ${describeTarget(options.connectionString)}: ${(error as Error).message}`,
      );
    }
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    checkStreamId(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareEvents(events);
    const payload = encodeAppendPayload(prepared);
    const row = await this.callAppend(streamId, String(expected), payload);
    switch (row.o_outcome) {
      case 'written':
        this.signal.notify();
        this.notifier.committed();
        return {
          nextExpectedRevision: row.o_revision!,
          position: { commit: row.o_commit!, prepare: row.o_position! },
          written: true,
        };
      case 'duplicate':
        return resolveRetry(streamId, prepared, await this.findEvents(prepared.map((event) => event.eventId)));
      case 'conflict':
        throw new WrongExpectedRevisionError(streamId, expected, row.o_revision ?? 'no-stream');
      default: {
        const unexpected: never = row.o_outcome;
        throw new Error(`es_append returned ${String(unexpected)}`);
      }
    }
  }

  /**
   * As append(), storing new subjects' keys in the same statement (a data-modifying WITH: one transaction, one round
   * trip; see privacy/appends-with-keys.ts). A key already stored fails the statement: SubjectKeyTakenError.
   */
  async appendWithKeys(streamId: string, events: readonly NewEvent[], options: AppendOptions, keys: readonly NewSubjectKey[]): Promise<AppendResult> {
    this.assertOpen();
    checkStreamId(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareEvents(events);
    let row: AppendRow;
    try {
      const { rows } = await this.query<AppendRow>({
        name: `es_append_with_keys_${this.schema}`,
        text: `WITH keys AS (
            INSERT INTO "${this.schema}".privacy_keys (subject_id, wrapped_key, created_at)
            SELECT subject_id, wrapped_key, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM unnest($4::text[], $5::text[]) AS k (subject_id, wrapped_key))
          SELECT * FROM "${this.schema}".es_append($1, $2, $3)`,
        values: [streamId, String(expected), encodeAppendPayload(prepared), keys.map((key) => key.subjectId), keys.map((key) => key.wrappedKey)],
        types: NUMERIC_TYPES,
      });
      row = rows[0]!;
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'privacy_keys_pkey') throw new SubjectKeyTakenError(keys.map((key) => key.subjectId));
      // An event id already stored (a retry): its subject has its key; the caller seals with that one and appends.
      if (isStoredEventId(error)) throw new SubjectKeyTakenError(keys.map((key) => key.subjectId));
      throw error;
    }
    switch (row.o_outcome) {
      case 'written':
        this.signal.notify();
        this.notifier.committed();
        return { nextExpectedRevision: row.o_revision!, position: { commit: row.o_commit!, prepare: row.o_position! }, written: true };
      case 'duplicate':
        return resolveRetry(streamId, prepared, await this.findEvents(prepared.map((event) => event.eventId)));
      case 'conflict':
        throw new WrongExpectedRevisionError(streamId, expected, row.o_revision ?? 'no-stream');
      default: {
        const unexpected: never = row.o_outcome;
        throw new Error(`es_append returned ${String(unexpected)}`);
      }
    }
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const prepared = prepareAppends(appends);
    try {
      return await this.appendManyOnce(prepared);
    } catch (error) {
      if (!isStoredEventId(error)) throw error;
    }
    // Some events were stored before (a retried batch): those appends answer as then, the rest are written.
    const stored = await this.findEvents(prepared.flatMap((append) => append.events.map((event) => event.eventId)));
    const storedIds = new Set(stored.map((event) => event.eventId));
    const retried = prepared.map((append) =>
      append.events.some((event) => storedIds.has(event.eventId)) ? resolveRetry(append.streamId, append.events, stored) : undefined,
    );
    const rest = prepared.filter((_, index) => retried[index] === undefined);
    const written = rest.length === 0 ? [] : await this.appendManyOnce(rest);
    return retried.map((result) => result ?? written.shift()!);
  }

  /** All appends in one transaction, each through es_append; a conflict rolls every one back. */
  private async appendManyOnce(appends: readonly PreparedAppend[]): Promise<AppendResult[]> {
    if (this.closed) throw new EventStoreClosedError();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new EventStoreUnavailableError(`PostgreSQL at ${describeTarget(this.options.connectionString)} cannot be reached: ${(error as Error).message}`);
    }
    const results: AppendResult[] = [];
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      for (const append of appends) {
        const { rows } = await client.query<AppendRow>({
          name: `es_append_${this.schema}`,
          text: `SELECT * FROM "${this.schema}".es_append($1, $2, $3)`,
          values: [append.streamId, String(append.expected), encodeAppendPayload(append.events)],
          types: NUMERIC_TYPES,
        });
        const row = rows[0]!;
        if (row.o_outcome === 'conflict') throw new WrongExpectedRevisionError(append.streamId, append.expected, row.o_revision ?? 'no-stream');
        if (row.o_outcome === 'duplicate') {
          results.push(resolveRetry(append.streamId, append.events, await this.findEvents(append.events.map((event) => event.eventId))));
        } else {
          results.push({ nextExpectedRevision: row.o_revision!, position: { commit: row.o_commit!, prepare: row.o_position! }, written: true });
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isConnectionFailure(error)) {
        broken = error as Error;
        throw new EventStoreUnavailableError(`PostgreSQL at ${describeTarget(this.options.connectionString)} cannot be reached: ${(error as Error).message}`);
      }
      throw error;
    } finally {
      // A broken connection is dropped from the pool rather than handed out again.
      client.release(broken);
    }
    if (results.some((result) => result.written)) {
      this.signal.notify();
      this.notifier.committed();
    }
    return results;
  }

  private async callAppend(streamId: string, expected: string, payload: string): Promise<AppendRow> {
    try {
      const { rows } = await this.query<AppendRow>({
        // Named: parsed and planned once per connection.
        name: `es_append_${this.schema}`,
        text: `SELECT * FROM "${this.schema}".es_append($1, $2, $3)`,
        values: [streamId, expected, payload],
        types: NUMERIC_TYPES,
      });
      return rows[0]!;
    } catch (error) {
      // An event id already stored: a retry (or a reused id), which the caller sorts out.
      if (isStoredEventId(error)) {
        return { o_outcome: 'duplicate', o_revision: null, o_commit: null, o_position: null };
      }
      throw error;
    }
  }

  private async findEvents(eventIds: string[]): Promise<StoredEvent[]> {
    const { rows } = await this.query<EventColumns & pg.QueryResultRow>({
      text: `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE event_id = ANY($1::uuid[])`,
      values: [eventIds],
      types: EVENT_TYPES,
      rowMode: 'array',
    });
    return rows.map(toStoredEvent);
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    checkStreamId(streamId);
    return readStreamInPages(
      async (id, fromRevision, direction, limit) => {
        const [comparison, order] = direction === 'forwards' ? ['>=', 'ASC'] : ['<=', 'DESC'];
        const { rows } = await this.query<EventColumns & pg.QueryResultRow>({
          text: `SELECT ${EVENT_COLUMNS} FROM ${this.table}
                 WHERE stream_id = $1 AND stream_revision ${comparison} $2 ORDER BY stream_revision ${order} LIMIT $3`,
          values: [id, fromRevision, limit],
          types: EVENT_TYPES,
          rowMode: 'array',
        });
        return rows.map(toStoredEvent);
      },
      streamId,
      checkReadStreamOptions(options),
    );
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    return readAllInPages(this, checkReadAllOptions(options));
  }

  subscribe(options?: SubscribeOptions): Subscription {
    this.assertOpen();
    this.listener ??= new Listener(this.options.connectionString, this.channel, this.signal, this.origin);
    return this.subscriptions.start(options);
  }

  async readPage(query: PageQuery): Promise<Page> {
    const { rows, ...rest } = await this.readRows(query);
    return { events: rows.map(toStoredEvent), ...rest };
  }

  async readRows(query: PageQuery): Promise<RawPage> {
    this.assertOpen();
    return this.pages.read(query);
  }

  /** The next transaction id: every transaction that began before now has a lower one. */
  async readCutoff(): Promise<number> {
    const { rows } = await this.query<{ next: number }>({
      text: 'SELECT pg_snapshot_xmax(pg_current_snapshot()) AS next',
      types: NUMERIC_TYPES,
    });
    return rows[0]!.next;
  }

  /** The newest event that is safe to start after: below the oldest transaction still in flight. */
  async headPosition(): Promise<ReadAllFrom> {
    const { rows } = await this.query<{ transaction_id: number; position: number }>({
      text: `SELECT transaction_id, position FROM ${this.table}
             WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY transaction_id DESC, position DESC LIMIT 1`,
      types: NUMERIC_TYPES,
    });
    const head = rows[0];
    return head ? { commit: head.transaction_id, prepare: head.position } : 'start';
  }

  async health(): Promise<EventStoreHealth> {
    try {
      this.assertOpen();
      const { rows } = await this.query<{ version: number | null }>({
        text: `SELECT max(version) AS version FROM "${this.schema}".es_schema`,
      });
      return { kind: 'postgres', reachable: true, schemaVersion: rows[0]?.version ?? null };
    } catch (error) {
      return { kind: 'postgres', reachable: false, schemaVersion: null, error: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
    await this.listener?.close();
    await this.notifier.drain();
    // pg-pool never settles a query still queued when it ends: let every started one finish first.
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([this.pool.end(), this.pagePool.end()]);
  }

  private async migrate(): Promise<void> {
    const migrations = postgresMigrations(this.schema);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One migrator at a time, whichever process starts first.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sales-ops:event-store:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${this.schema}".es_schema (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM "${this.schema}".es_schema`);
      const found = rows[0]?.version ?? 0;
      refuseNewerSchema(`${describeTarget(this.options.connectionString)} (schema ${this.schema})`, found, migrations.length);
      for (const [index, sql] of migrations.slice(found).entries()) {
        await client.query(sql);
        await client.query(`INSERT INTO "${this.schema}".es_schema (version) VALUES ($1)`, [found + index + 1]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * A logical restore (pg_dump into another cluster) keeps the stored transaction ids while the new
   * cluster counts from a lower one; new events would then sort before old ones and subscribers
   * resuming from a checkpoint would skip them. Refuse to run on such a cluster.
   */
  private async refuseRewoundTransactionIds(): Promise<void> {
    const { rows } = await this.query<{ newest: number | null; next: number }>({
      text: `SELECT (SELECT max(transaction_id) FROM ${this.table}) AS newest,
                    pg_snapshot_xmax(pg_current_snapshot()) AS next`,
      types: NUMERIC_TYPES,
    });
    const { newest, next } = rows[0]!;
    if (newest !== null && newest >= next) {
      throw new IncompatibleEventStoreError(
        `the event store at ${describeTarget(this.options.connectionString)} (schema ${this.schema}) holds events written by ` +
          `transaction ${newest}, but this PostgreSQL cluster's next transaction id is ${next}: its transaction ids went ` +
          'backwards, as after a logical restore (pg_dump/pg_restore) into another cluster. Events written now would sort ' +
          'before stored ones and subscribers would skip them. Restore with a physical backup (pg_basebackup) instead, ' +
          'or advance the cluster past that transaction id before starting Sales-ops.',
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }

  /** A query through a pool; a lost or refused connection becomes EventStoreUnavailableError. */
  private async query<Row extends pg.QueryResultRow>(config: EventQuery, pool = this.pool): Promise<pg.QueryResult<Row>> {
    if (this.closed) throw new EventStoreClosedError();
    const running = pool.query<Row>(config);
    this.inFlight.add(running);
    try {
      return await running;
    } catch (error) {
      if (this.closed) throw new EventStoreClosedError();
      if (isConnectionFailure(error)) {
        throw new EventStoreUnavailableError(
          `PostgreSQL at ${describeTarget(this.options.connectionString)} cannot be reached: ${(error as Error).message}`,
        );
      }
      throw error;
    } finally {
      this.inFlight.delete(running);
    }
  }
}

function isStoredEventId(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION && constraint === 'es_events_event_id_key';
}

/** The events of one append as the JSON array es_append takes; data and metadata are already JSON. */
export function encodeAppendPayload(events: readonly PreparedEvent[]): string {
  return `[${events
    .map(
      (event) =>
        `{"event_id":"${event.eventId}","type":${JSON.stringify(event.type)},"schema_version":${event.schemaVersion},` +
        `"occurred_at":${event.occurredAt},"data":${event.data},"metadata":${event.metadata}}`,
    )
    .join(',')}]`;
}

/** host:port/database of a connection string, without the password. */
function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured PostgreSQL';
  }
}
