/**
 * The embedded default: one SQLite file through better-sqlite3, in WAL mode, fully synchronous.
 * SQLite lets one writer in at a time and positions are assigned inside the write lock, so commit
 * order is position order and a reader following positions never skips an event.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkExpectedRevision, checkStreamId, prepareAppends, prepareEvents, type PreparedEvent } from '../append-input';
import { SubscriptionSet } from '../catch-up-subscription';
import {
  EventStoreClosedError,
  EventStoreUnavailableError,
  IncompatibleEventStoreError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  ExpectedRevision,
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
import { ThreadedPageReader, type RawPage } from '../threaded-page-reader';
import { WakeSignal } from '../wake-signal';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import { EVENT_COLUMNS, SqlitePages } from './sqlite-pages';
import { toStoredEvent, type EventColumns } from '../event-columns';
import { SubjectKeyTakenError, type AppendsWithKeys, type NewSubjectKey } from '../privacy/appends-with-keys';
import { GroupCommit } from './group-commit';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
  readonly idleRecheckMs?: number;
  readonly busyTimeoutMs?: number;
}

/** Appends by this process wake its subscribers at once, whichever store instance opened the file. */
const signalsByFile = new Map<string, { signal: WakeSignal; users: number }>();

export class SqliteEventStore implements EventStore, RowPageReader, AppendsWithKeys {
  private insertKey: Database.Statement | undefined;
  readonly kind = 'sqlite';
  /** Its pages are read synchronously on this thread: readAll asks for the next one when it needs it. */
  readonly readsAhead = false;
  private readonly db: Database.Database;
  private readonly signal: WakeSignal;
  private readonly subscriptions: SubscriptionSet;
  private readonly pages: SqlitePages;
  private readonly group: GroupCommit;
  private closed = false;
  private readonly statements: {
    findEvent: Database.Statement<[string], EventColumns>;
    streamRevision: Database.Statement<[string], { revision: number | null }>;
    insert: Database.Statement<unknown[]>;
    head: Database.Statement<[], { position: number | null }>;
    streamForwards: Database.Statement<[string, number, number], EventColumns>;
    streamBackwards: Database.Statement<[string, number, number], EventColumns>;
    schemaVersion: Database.Statement<[], { version: number | null }>;
  };

  private constructor(
    private readonly file: string,
    options: SqliteEventStoreOptions,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
    this.db.pragma('journal_mode = WAL');
    // An acknowledged append survives a power cut, not just a crash of the process.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.statements = {
      findEvent: this.db.prepare<[string], EventColumns>(`SELECT ${EVENT_COLUMNS} FROM es_events WHERE event_id = ?`).raw(true),
      streamRevision: this.db.prepare('SELECT max(stream_revision) AS revision FROM es_events WHERE stream_id = ?'),
      insert: this.db.prepare(
        `INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      head: this.db.prepare('SELECT max(position) AS position FROM es_events'),
      streamForwards: this.db
        .prepare<[string, number, number], EventColumns>(
          `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`,
        )
        .raw(true),
      streamBackwards: this.db
        .prepare<[string, number, number], EventColumns>(
          `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
        )
        .raw(true),
      schemaVersion: this.db.prepare('SELECT max(version) AS version FROM es_schema'),
    };
    this.pages = new SqlitePages(this.db);
    this.group = new GroupCommit(this.db, (work) => this.inWriteTransaction(work));
    const shared = signalsByFile.get(file) ?? { signal: new WakeSignal(), users: 0 };
    shared.users += 1;
    signalsByFile.set(file, shared);
    this.signal = shared.signal;
    this.subscriptions = new SubscriptionSet(this, this.signal, options.idleRecheckMs ?? 1000, undefined, () =>
      // An in-memory database cannot be opened by another connection: its subscriptions read here.
      file === ':memory:' ? undefined : new ThreadedPageReader({ kind: 'sqlite', file }, this),
    );
  }

  /** Opens (creating if needed) the file and brings its schema up to date. */
  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const file = options.path === ':memory:' ? ':memory:' : resolve(options.path);
    try {
      return new SqliteEventStore(file, options);
    } catch (error) {
      if (error instanceof IncompatibleEventStoreError) throw error;
      throw new IncompatibleEventStoreError(`cannot open the SQLite event store at ${file}: ${(error as Error).message}`);
    }
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    checkStreamId(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareEvents(events);
    const result = await this.writeOptimistically((checkStored) => this.appendInTransaction(streamId, prepared, expected, checkStored));
    if (result.written) this.signal.notify();
    return result;
  }

  /** As append(), storing new subjects' keys in the same transaction (see privacy/appends-with-keys.ts). */
  async appendWithKeys(streamId: string, events: readonly NewEvent[], options: AppendOptions, keys: readonly NewSubjectKey[]): Promise<AppendResult> {
    this.assertOpen();
    checkStreamId(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareEvents(events);
    this.insertKey ??= this.db.prepare('INSERT INTO privacy_keys (subject_id, wrapped_key, created_at) VALUES (?, ?, ?)');
    const insertKey = this.insertKey;
    let result: AppendResult;
    try {
      result = await this.writeOptimistically((checkStored) => {
        const now = Date.now();
        for (const key of keys) insertKey.run(key.subjectId, key.wrappedKey, now);
        return this.appendInTransaction(streamId, prepared, expected, checkStored);
      });
    } catch (error) {
      const { code, message } = error as { code?: unknown; message?: string };
      if (String(code).startsWith('SQLITE_CONSTRAINT') && message?.includes('privacy_keys.subject_id')) throw new SubjectKeyTakenError(keys.map((key) => key.subjectId));
      throw error;
    }
    if (result.written) this.signal.notify();
    return result;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const prepared = prepareAppends(appends);
    const results = await this.writeOptimistically((checkStored) =>
      prepared.map((append) => this.appendInTransaction(append.streamId, append.events, append.expected, checkStored)),
    );
    if (results.some((result) => result.written)) this.signal.notify();
    return results;
  }

  /**
   * Writes assuming the event ids are new (they nearly always are). A retried append shows up as a stale
   * revision or as a stored id caught by the unique index; only then is the whole write redone looking each
   * id up first, so that a retry answers as the first time and a real conflict is reported as one. The write
   * goes to disk with the others of its group (group-commit.ts), each try in a savepoint of its own.
   */
  private writeOptimistically<T>(write: (checkStored: boolean) => T): Promise<T> {
    return this.group.run(() => {
      try {
        return this.db.transaction(() => write(false))();
      } catch (error) {
        const { code, message } = error as { code?: unknown; message?: string };
        const storedId = code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes('es_events.event_id');
        if (!storedId && !(error instanceof WrongExpectedRevisionError)) throw error;
        return this.db.transaction(() => write(true))();
      }
    });
  }

  private inWriteTransaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new EventStoreUnavailableError(
          `the SQLite event store at ${this.file} is held by another writer for longer than the busy timeout`,
        );
      }
      throw error;
    }
  }

  private appendInTransaction(streamId: string, events: PreparedEvent[], expected: ExpectedRevision, checkStored: boolean): AppendResult {
    const stored = checkStored
      ? events.flatMap((event) => {
          const row = this.statements.findEvent.get(event.eventId);
          return row ? [toStoredEvent(row)] : [];
        })
      : [];
    if (stored.length > 0) return resolveRetry(streamId, events, stored);

    const current = this.statements.streamRevision.get(streamId)?.revision ?? -1;
    checkRevision(streamId, expected, current);

    const recordedAt = Date.now();
    let position = 0;
    events.forEach((event, index) => {
      const info = this.statements.insert.run(
        event.eventId,
        streamId,
        current + 1 + index,
        event.type,
        event.schemaVersion,
        event.data,
        event.metadata,
        event.occurredAt,
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    });
    return { nextExpectedRevision: current + events.length, position: { commit: position, prepare: position }, written: true };
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    checkStreamId(streamId);
    const checked = checkReadStreamOptions(options);
    return readStreamInPages(
      async (id, fromRevision, direction, limit) =>
        (direction === 'forwards' ? this.statements.streamForwards : this.statements.streamBackwards)
          .all(id, fromRevision, limit)
          .map(toStoredEvent),
      streamId,
      checked,
    );
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    return readAllInPages(this, checkReadAllOptions(options));
  }

  subscribe(options?: SubscribeOptions): Subscription {
    this.assertOpen();
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

  async readCutoff(): Promise<undefined> {
    return undefined;
  }

  async headPosition(): Promise<ReadAllFrom> {
    const position = this.statements.head.get()?.position;
    return position == null ? 'start' : { commit: position, prepare: position };
  }

  async health(): Promise<EventStoreHealth> {
    try {
      this.assertOpen();
      return { kind: 'sqlite', reachable: true, schemaVersion: this.statements.schemaVersion.get()?.version ?? null };
    } catch (error) {
      return { kind: 'sqlite', reachable: false, schemaVersion: null, error: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already asked for are written (and answered) before the connection goes.
    this.group.flush();
    await this.subscriptions.closeAll();
    this.db.close();
    const shared = signalsByFile.get(this.file);
    if (shared && --shared.users === 0) signalsByFile.delete(this.file);
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS es_schema (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    this.db
      .transaction(() => {
        const found = (this.db.prepare('SELECT max(version) AS version FROM es_schema').get() as { version: number | null })
          .version ?? 0;
        refuseNewerSchema(this.file, found, SQLITE_MIGRATIONS.length);
        SQLITE_MIGRATIONS.slice(found).forEach((sql, index) => {
          this.db.exec(sql);
          this.db.prepare('INSERT INTO es_schema (version, applied_at) VALUES (?, ?)').run(found + index + 1, Date.now());
        });
      })
      .immediate();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function checkRevision(streamId: string, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && current === -1) ||
    (expected === 'exists' && current >= 0) ||
    expected === current;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current === -1 ? 'no-stream' : current);
}
