/**
 * Where the data subjects' keys are kept: tables beside the events (the same SQLite file, the same PostgreSQL
 * schema), never in them, so that destroying a key erases what it encrypted while the events stay immutable.
 * - privacy_meta: the master key's check value and the wrapped lookup key (the HMAC key of duplicate detection);
 * - privacy_keys: one row per subject, its key wrapped by the master key, or NULL and erased_at once erased;
 * - privacy_owners: which subject an aggregate's personal data belongs to (a deal shares its lead's subject).
 *
 * Its writes do not wait for the disk (SQLite synchronous=NORMAL, PostgreSQL synchronous_commit=off): a key is
 * written before the event it seals, into the same write-ahead log, so the event's own durable commit makes the
 * key durable too; a key whose event never committed is harmless. A new lead's capture so pays one flush, not two.
 * A rotation's re-wrap waits for the disk: nothing follows it that would.
 */
import type Database from 'better-sqlite3';
import pg from 'pg';
import { openSideConnection } from '../sqlite/side-connection';

export interface SubjectKeyRow {
  readonly subjectId: string;
  /** The subject's key wrapped by the master key (base64url); null once erased. */
  readonly wrappedKey: string | null;
  /** When it was erased (ms since the epoch), or null. */
  readonly erasedAt: number | null;
}

export interface SubjectKeyTable {
  meta(name: string): Promise<string | undefined>;
  /** Sets a meta value unless one is there; returns the stored value. */
  putMetaIfAbsent(name: string, value: string): Promise<string>;
  keys(subjectIds: readonly string[]): Promise<SubjectKeyRow[]>;
  /** Stores new subjects' keys unless they have one (or a tombstone), in one statement; returns the stored rows. */
  insertKeys(keys: ReadonlyArray<{ readonly subjectId: string; readonly wrappedKey: string }>, at: number): Promise<SubjectKeyRow[]>;
  /** Destroys a subject's key, leaving a tombstone (kept when already erased); returns the stored row. */
  erase(subjectId: string, at: number): Promise<SubjectKeyRow>;
  /** Subjects erased at or after `at` (ms), oldest first. */
  erasedSince(at: number): Promise<SubjectKeyRow[]>;
  subjectsOfOwners(ownerIds: readonly string[]): Promise<Map<string, string>>;
  /** Links an owner to a subject unless it is linked; returns the subject it is linked to. */
  linkOwner(ownerId: string, subjectId: string): Promise<string>;
  /** Every wrapped key and meta value, replaced in one transaction (a master key's rotation). */
  rewrap(rewrapKey: (wrapped: string) => string, meta: ReadonlyMap<string, string>): Promise<number>;
  close(): Promise<void>;
}

/**
 * The tables, in a schema (`"name".`) or none (SQLite). On SQLite the keyed tables are WITHOUT ROWID: a row lives
 * in its primary key's b-tree, so a new lead's key adds one page to its capture's commit, not two (a table and its
 * index); tables made before keep their shape and work the same.
 */
const tables = (schema = '', clustered = ''): string[] => [
  `CREATE TABLE IF NOT EXISTS ${schema}privacy_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${schema}privacy_keys (subject_id TEXT PRIMARY KEY, wrapped_key TEXT, created_at BIGINT NOT NULL, erased_at BIGINT)${clustered}`,
  `CREATE INDEX IF NOT EXISTS privacy_keys_erased ON ${schema}privacy_keys (erased_at) WHERE erased_at IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS ${schema}privacy_owners (owner_id TEXT PRIMARY KEY, subject_id TEXT NOT NULL)${clustered}`,
];

interface KeyRowColumns {
  subject_id: string;
  wrapped_key: string | null;
  erased_at: number | string | null;
}

const toRow = (row: KeyRowColumns): SubjectKeyRow => ({
  subjectId: row.subject_id,
  wrappedKey: row.wrapped_key,
  erasedAt: row.erased_at === null ? null : Number(row.erased_at),
});

/** The embedded default's key table, in the store's SQLite file (a connection of its own). */
export class SqliteSubjectKeyTable implements SubjectKeyTable {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSideConnection(path);
    this.db.pragma('synchronous = NORMAL');
    for (const statement of tables('', ' WITHOUT ROWID')) this.db.exec(statement);
  }

  async meta(name: string): Promise<string | undefined> {
    return (this.db.prepare('SELECT value FROM privacy_meta WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  }

  async putMetaIfAbsent(name: string, value: string): Promise<string> {
    this.db.prepare('INSERT INTO privacy_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, value);
    return (await this.meta(name))!;
  }

  async keys(subjectIds: readonly string[]): Promise<SubjectKeyRow[]> {
    if (subjectIds.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT subject_id, wrapped_key, erased_at FROM privacy_keys WHERE subject_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(subjectIds)) as KeyRowColumns[];
    return rows.map(toRow);
  }

  async insertKeys(keys: ReadonlyArray<{ readonly subjectId: string; readonly wrappedKey: string }>, at: number): Promise<SubjectKeyRow[]> {
    const insert = this.db.prepare('INSERT INTO privacy_keys (subject_id, wrapped_key, created_at) VALUES (?, ?, ?) ON CONFLICT (subject_id) DO NOTHING');
    this.db.transaction(() => {
      for (const key of keys) insert.run(key.subjectId, key.wrappedKey, at);
    })();
    return this.keys(keys.map((key) => key.subjectId));
  }

  async erase(subjectId: string, at: number): Promise<SubjectKeyRow> {
    this.db
      .prepare(
        `INSERT INTO privacy_keys (subject_id, wrapped_key, created_at, erased_at) VALUES (?, NULL, ?, ?)
         ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(privacy_keys.erased_at, excluded.erased_at)`,
      )
      .run(subjectId, at, at);
    return (await this.keys([subjectId]))[0]!;
  }

  async erasedSince(at: number): Promise<SubjectKeyRow[]> {
    const rows = this.db
      .prepare('SELECT subject_id, wrapped_key, erased_at FROM privacy_keys WHERE erased_at IS NOT NULL AND erased_at >= ? ORDER BY erased_at')
      .all(at) as KeyRowColumns[];
    return rows.map(toRow);
  }

  async subjectsOfOwners(ownerIds: readonly string[]): Promise<Map<string, string>> {
    if (ownerIds.length === 0) return new Map();
    const rows = this.db
      .prepare('SELECT owner_id, subject_id FROM privacy_owners WHERE owner_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ownerIds)) as Array<{ owner_id: string; subject_id: string }>;
    return new Map(rows.map((row) => [row.owner_id, row.subject_id]));
  }

  async linkOwner(ownerId: string, subjectId: string): Promise<string> {
    this.db.prepare('INSERT INTO privacy_owners (owner_id, subject_id) VALUES (?, ?) ON CONFLICT (owner_id) DO NOTHING').run(ownerId, subjectId);
    return (await this.subjectsOfOwners([ownerId])).get(ownerId)!;
  }

  async rewrap(rewrapKey: (wrapped: string) => string, meta: ReadonlyMap<string, string>): Promise<number> {
    this.db.pragma('synchronous = FULL');
    try {
      return this.rewrapNow(rewrapKey, meta);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private rewrapNow(rewrapKey: (wrapped: string) => string, meta: ReadonlyMap<string, string>): number {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT subject_id, wrapped_key FROM privacy_keys WHERE wrapped_key IS NOT NULL').all() as Array<{ subject_id: string; wrapped_key: string }>;
      const update = this.db.prepare('UPDATE privacy_keys SET wrapped_key = ? WHERE subject_id = ?');
      for (const row of rows) update.run(rewrapKey(row.wrapped_key), row.subject_id);
      const put = this.db.prepare('INSERT INTO privacy_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value');
      for (const [name, value] of meta) put.run(name, value);
      return rows.length;
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Production's key table, in the store's PostgreSQL schema. */
export class PostgresSubjectKeyTable implements SubjectKeyTable {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresSubjectKeyTable> {
    const pool = new pg.Pool({ connectionString, max: 4, options: '-c synchronous_commit=off' });
    pool.on('error', () => undefined);
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      for (const statement of tables(`"${schema}".`)) await pool.query(statement);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresSubjectKeyTable(pool, schema);
  }

  private table(name: 'meta' | 'keys' | 'owners'): string {
    return `"${this.schema}".privacy_${name}`;
  }

  async meta(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>(`SELECT value FROM ${this.table('meta')} WHERE name = $1`, [name]);
    return rows[0]?.value;
  }

  async putMetaIfAbsent(name: string, value: string): Promise<string> {
    await this.pool.query(`INSERT INTO ${this.table('meta')} (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, value]);
    return (await this.meta(name))!;
  }

  async keys(subjectIds: readonly string[]): Promise<SubjectKeyRow[]> {
    if (subjectIds.length === 0) return [];
    const { rows } = await this.pool.query<KeyRowColumns>(
      `SELECT subject_id, wrapped_key, erased_at FROM ${this.table('keys')} WHERE subject_id = ANY($1::text[])`,
      [subjectIds],
    );
    return rows.map(toRow);
  }

  async insertKeys(keys: ReadonlyArray<{ readonly subjectId: string; readonly wrappedKey: string }>, at: number): Promise<SubjectKeyRow[]> {
    // One round trip: the rows this statement inserted, and (its snapshot not seeing those) the ones there before.
    const { rows } = await this.pool.query<KeyRowColumns>(
      `WITH inserted AS (
         INSERT INTO ${this.table('keys')} (subject_id, wrapped_key, created_at)
         SELECT subject_id, wrapped_key, $3 FROM unnest($1::text[], $2::text[]) AS input (subject_id, wrapped_key)
         ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id, wrapped_key, erased_at)
       SELECT * FROM inserted
       UNION ALL SELECT subject_id, wrapped_key, erased_at FROM ${this.table('keys')} WHERE subject_id = ANY($1::text[])`,
      [keys.map((key) => key.subjectId), keys.map((key) => key.wrappedKey), at],
    );
    return rows.map(toRow);
  }

  async erase(subjectId: string, at: number): Promise<SubjectKeyRow> {
    const { rows } = await this.pool.query<KeyRowColumns>(
      `INSERT INTO ${this.table('keys')} AS k (subject_id, wrapped_key, created_at, erased_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(k.erased_at, excluded.erased_at)
       RETURNING subject_id, wrapped_key, erased_at`,
      [subjectId, at],
    );
    return toRow(rows[0]!);
  }

  async erasedSince(at: number): Promise<SubjectKeyRow[]> {
    const { rows } = await this.pool.query<KeyRowColumns>(
      `SELECT subject_id, wrapped_key, erased_at FROM ${this.table('keys')} WHERE erased_at IS NOT NULL AND erased_at >= $1 ORDER BY erased_at`,
      [at],
    );
    return rows.map(toRow);
  }

  async subjectsOfOwners(ownerIds: readonly string[]): Promise<Map<string, string>> {
    if (ownerIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ owner_id: string; subject_id: string }>(
      `SELECT owner_id, subject_id FROM ${this.table('owners')} WHERE owner_id = ANY($1::text[])`,
      [ownerIds],
    );
    return new Map(rows.map((row) => [row.owner_id, row.subject_id]));
  }

  async linkOwner(ownerId: string, subjectId: string): Promise<string> {
    await this.pool.query(`INSERT INTO ${this.table('owners')} (owner_id, subject_id) VALUES ($1, $2) ON CONFLICT (owner_id) DO NOTHING`, [ownerId, subjectId]);
    return (await this.subjectsOfOwners([ownerId])).get(ownerId)!;
  }

  async rewrap(rewrapKey: (wrapped: string) => string, meta: ReadonlyMap<string, string>): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = on');
      const { rows } = await client.query<{ subject_id: string; wrapped_key: string }>(
        `SELECT subject_id, wrapped_key FROM ${this.table('keys')} WHERE wrapped_key IS NOT NULL FOR UPDATE`,
      );
      for (const row of rows) await client.query(`UPDATE ${this.table('keys')} SET wrapped_key = $1 WHERE subject_id = $2`, [rewrapKey(row.wrapped_key), row.subject_id]);
      for (const [name, value] of meta) {
        await client.query(`INSERT INTO ${this.table('meta')} (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [name, value]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
