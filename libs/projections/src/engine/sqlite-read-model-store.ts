/**
 * Read models in a SQLite file (the embedded default keeps them in their own file beside the events, so
 * that a rebuild's large write batches never hold the event store's write lock). One process owns a SQLite
 * read-model file: there is no cross-process lock, but the checkpoint guard in commit() still refuses a
 * writer that fell behind another.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GlobalPosition } from '#libs/event-store';
import type { DocumentChange } from './document-state';
import { SqliteBuildCommit, type FlatChanges } from './sqlite-build-commit';
import { SqliteCommitThread } from './sqlite-commit-thread';
import { RetiredSweeps } from './retired-sweeps';
import {
  StaleBuildWriterError,
  positionFromColumns,
  type BuildRecord,
  type BuildStatus,
  type BuildWriter,
  type DocumentAddress,
  type PersistedDocument,
  type ReadModelStore,
} from './read-model-store.port';

interface BuildRow {
  build_id: number;
  projection: string;
  version: number;
  status: BuildStatus;
  checkpoint_commit: number;
  checkpoint_prepare: number;
  events_applied: number;
  created_at: number;
  updated_at: number;
}

const BUILD_COLUMNS =
  'build_id, projection, version, status, checkpoint_commit, checkpoint_prepare, events_applied, created_at, updated_at';
/** Documents read a statement when a build is loaded. */
const LOAD_PAGE = 5000;
/** Documents of a retired build deleted a transaction (a few milliseconds; see sweepRetired). */
const SWEEP_CHUNK = 5000;

export interface SqliteReadModelStoreOptions {
  /**
   * Commit builds on a thread of their own, so that folding the next batch goes on while SQLite writes
   * this one (replay; not for ':memory:'). Default false.
   */
  readonly writerThread?: boolean;
}

export class SqliteReadModelStore implements ReadModelStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly commits: SqliteBuildCommit | SqliteCommitThread;
  private readonly sweeps = new RetiredSweeps();

  constructor(path: string, options: SqliteReadModelStoreOptions = {}) {
    const file = path === ':memory:' ? path : resolve(path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS rm_builds (
        build_id INTEGER PRIMARY KEY AUTOINCREMENT,
        projection TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        checkpoint_commit INTEGER NOT NULL DEFAULT -1,
        checkpoint_prepare INTEGER NOT NULL DEFAULT -1,
        events_applied INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS rm_builds_one_active ON rm_builds (projection) WHERE status = 'active';
      CREATE TABLE IF NOT EXISTS rm_documents (
        build_id INTEGER NOT NULL,
        collection TEXT NOT NULL,
        key TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (build_id, collection, key)
      ) WITHOUT ROWID;`);
    this.commits = options.writerThread && file !== ':memory:' ? new SqliteCommitThread(file) : new SqliteBuildCommit(this.db);
    // A process that stopped before it had deleted a retired build's documents: finish that now.
    if (this.db.prepare("SELECT 1 FROM rm_documents WHERE build_id IN (SELECT build_id FROM rm_builds WHERE status = 'retired') LIMIT 1").get()) {
      this.sweepRetired();
    }
  }

  /**
   * Deletes the documents of retired builds (RetiredSweeps), SWEEP_CHUNK rows a transaction, giving the event
   * loop back between them: deleting a replaced build inside the activation would hold the file's write lock,
   * and block this thread, for as long as deleting hundreds of thousands of documents takes.
   */
  private sweepRetired(): void {
    this.sweeps.schedule(async () => {
      const retired = this.db.prepare("SELECT build_id FROM rm_builds WHERE status = 'retired'").pluck().all() as number[];
      const chunk = this.db.prepare(
        `DELETE FROM rm_documents WHERE build_id = ? AND (collection, key) IN (SELECT collection, key FROM rm_documents WHERE build_id = ? LIMIT ${SWEEP_CHUNK})`,
      );
      for (const buildId of retired) {
        while (this.db.open && chunk.run(buildId, buildId).changes > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    });
  }

  whenSwept(): Promise<void> {
    return this.sweeps.whenDone();
  }

  async builds(projection?: string): Promise<BuildRecord[]> {
    const rows = (
      projection === undefined
        ? this.db.prepare(`SELECT ${BUILD_COLUMNS} FROM rm_builds ORDER BY build_id`).all()
        : this.db.prepare(`SELECT ${BUILD_COLUMNS} FROM rm_builds WHERE projection = ? ORDER BY build_id`).all(projection)
    ) as BuildRow[];
    return rows.map(toRecord);
  }

  async activeBuild(projection: string): Promise<BuildRecord | undefined> {
    const row = this.db.prepare(`SELECT ${BUILD_COLUMNS} FROM rm_builds WHERE projection = ? AND status = 'active'`).get(projection) as
      | BuildRow
      | undefined;
    return row && toRecord(row);
  }

  async createBuild(projection: string, version: number): Promise<BuildRecord> {
    const now = Date.now();
    const row = this.db
      .prepare(
        `INSERT INTO rm_builds (projection, version, status, created_at, updated_at) VALUES (?, ?, 'building', ?, ?) RETURNING ${BUILD_COLUMNS}`,
      )
      .get(projection, version, now, now) as BuildRow;
    return toRecord(row);
  }

  async loadBuild(buildId: number, onDocument: (collection: string, key: string, document: unknown) => void): Promise<BuildRecord | undefined> {
    // One read transaction: the documents and the checkpoint of the same moment.
    const load = this.db.transaction(() => {
      const row = this.db.prepare(`SELECT ${BUILD_COLUMNS} FROM rm_builds WHERE build_id = ?`).get(buildId) as BuildRow | undefined;
      if (row === undefined) return undefined;
      // Pages in key order (the primary key's): a quarter faster than a row at a time through iterate().
      const page = this.db
        .prepare(`SELECT collection, key, doc FROM rm_documents WHERE build_id = ? AND (collection, key) > (?, ?) ORDER BY collection, key LIMIT ${LOAD_PAGE}`)
        .raw(true);
      let after: [string, string] = ['', ''];
      for (;;) {
        const rows = page.all(buildId, ...after) as Array<[string, string, string]>;
        for (const [collection, key, doc] of rows) onDocument(collection, key, JSON.parse(doc));
        if (rows.length < LOAD_PAGE) break;
        const [collection, key] = rows[rows.length - 1]!;
        after = [collection, key];
      }
      return toRecord(row);
    });
    return load.deferred();
  }

  async readDocuments(buildId: number, collection: string, keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    const rows = this.db
      .prepare('SELECT key, doc FROM rm_documents WHERE build_id = ? AND collection = ? AND key IN (SELECT value FROM json_each(?))')
      .raw(true)
      .all(buildId, collection, JSON.stringify(keys)) as Array<[string, string]>;
    for (const [key, doc] of rows) found.set(key, JSON.parse(doc));
    return found;
  }

  async documentPage(buildId: number, after: DocumentAddress | undefined, limit: number): Promise<PersistedDocument[]> {
    const rows = this.db
      .prepare('SELECT collection, key, doc FROM rm_documents WHERE build_id = ? AND (collection, key) > (?, ?) ORDER BY collection, key LIMIT ?')
      .raw(true)
      .all(buildId, after?.[0] ?? '', after?.[1] ?? '', limit) as Array<[string, string, string]>;
    return rows.map(([collection, key, doc]) => [collection, key, JSON.parse(doc)]);
  }

  async tryWriter(buildId: number): Promise<BuildWriter | undefined> {
    const exists = this.db.prepare('SELECT 1 FROM rm_builds WHERE build_id = ?').get(buildId);
    return exists === undefined ? undefined : new SqliteBuildWriter(this.db, buildId, this.commits, () => this.sweepRetired());
  }

  async close(): Promise<void> {
    await this.sweeps.whenDone();
    if (this.commits instanceof SqliteCommitThread) await this.commits.close();
    if (this.db.open) this.db.close();
  }
}

class SqliteBuildWriter implements BuildWriter {
  readonly healthy = true;

  constructor(
    private readonly db: Database.Database,
    readonly buildId: number,
    /** Where commits run: this connection, or the store's writer thread. */
    private readonly commits: SqliteBuildCommit | SqliteCommitThread,
    /** Deletes the retired builds' documents after an activation, in the background. */
    private readonly afterActivation: () => void,
  ) {}

  async commit(changes: readonly DocumentChange[], checkpoint: GlobalPosition, eventsApplied: number): Promise<void> {
    const flat: FlatChanges = new Array<string | null>(changes.length * 3);
    changes.forEach((change, index) => {
      flat[index * 3] = change.collection;
      flat[index * 3 + 1] = change.key;
      flat[index * 3 + 2] = change.json;
    });
    if (this.commits instanceof SqliteCommitThread) return this.commits.commit(this.buildId, flat, checkpoint, eventsApplied);
    this.commits.run(this.buildId, flat, checkpoint, eventsApplied);
  }

  async activate(): Promise<void> {
    const retired = this.db.transaction(() => {
      const row = this.db.prepare('SELECT projection FROM rm_builds WHERE build_id = ?').get(this.buildId) as { projection: string } | undefined;
      if (row === undefined) throw new StaleBuildWriterError(this.buildId);
      const others = this.db
        .prepare("SELECT build_id FROM rm_builds WHERE projection = ? AND build_id <> ? AND status = 'active'")
        .all(row.projection, this.buildId) as Array<{ build_id: number }>;
      for (const other of others) {
        this.db.prepare("UPDATE rm_builds SET status = 'retired', updated_at = ? WHERE build_id = ?").run(Date.now(), other.build_id);
      }
      this.db.prepare("UPDATE rm_builds SET status = 'active', updated_at = ? WHERE build_id = ?").run(Date.now(), this.buildId);
      return others.length;
    }).immediate();
    if (retired > 0) this.afterActivation();
  }

  async release(): Promise<void> {}
}

function toRecord(row: BuildRow): BuildRecord {
  return {
    buildId: row.build_id,
    projection: row.projection,
    version: row.version,
    status: row.status,
    checkpoint: positionFromColumns(row.checkpoint_commit, row.checkpoint_prepare),
    eventsApplied: row.events_applied,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
