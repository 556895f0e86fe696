/**
 * Read models in PostgreSQL, in the event store's schema. The writer of a build holds a session advisory
 * lock on its own connection and commits through that connection, so a writer whose connection (and so
 * whose lock) is gone cannot write any more; another instance takes the lock and carries on from the
 * build's checkpoint.
 */
import pg from 'pg';
import { InvalidEventStoreInputError, type GlobalPosition } from '#libs/event-store';
import type { DocumentChange } from './document-state';
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
  build_id: string;
  projection: string;
  version: number;
  status: BuildStatus;
  checkpoint_commit: string;
  checkpoint_prepare: string;
  events_applied: string;
  created_at: Date;
  updated_at: Date;
}

const BUILD_COLUMNS =
  'build_id, projection, version, status, checkpoint_commit, checkpoint_prepare, events_applied, created_at, updated_at';
/** Documents of a retired build deleted a statement (see sweepRetired). */
const SWEEP_CHUNK = 5000;

export class PostgresReadModelStore implements ReadModelStore {
  readonly kind = 'postgres' as const;

  private readonly sweeps = new RetiredSweeps();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
    private readonly schema: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresReadModelStore> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new InvalidEventStoreInputError('schema', 'must be a lower-case SQL identifier');
    const pool = new pg.Pool({ connectionString, max: 3 });
    pool.on('error', () => undefined);
    const store = new PostgresReadModelStore(pool, connectionString, schema);
    try {
      await store.migrate();
      // An instance that stopped before it had deleted a retired build's documents: finish that now.
      const { rowCount } = await pool.query(
        `SELECT 1 FROM ${store.s}.rm_documents WHERE build_id IN (SELECT build_id FROM ${store.s}.rm_builds WHERE status = 'retired') LIMIT 1`,
      );
      if (rowCount) store.sweepRetired();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private get s(): string {
    return `"${this.schema}"`;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Instances starting together must not race each other's CREATE TABLE.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('sales-ops:read-model-migrations'))");
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.s}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.rm_builds (
          build_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          projection text NOT NULL,
          version integer NOT NULL,
          status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
          checkpoint_commit bigint NOT NULL DEFAULT -1,
          checkpoint_prepare bigint NOT NULL DEFAULT -1,
          events_applied bigint NOT NULL DEFAULT 0,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX IF NOT EXISTS rm_builds_one_active ON ${this.s}.rm_builds (projection) WHERE status = 'active';
        CREATE TABLE IF NOT EXISTS ${this.s}.rm_documents (
          build_id bigint NOT NULL,
          collection text NOT NULL,
          key text NOT NULL,
          doc json NOT NULL,
          PRIMARY KEY (build_id, collection, key)
        );`);
      // Documents are json, not jsonb: they are only ever written and read whole, never queried into, and
      // json takes the text as it comes (jsonb rebuilt every document into its binary form: a tenth of a
      // PostgreSQL rebuild's time). Read models made before are converted once.
      const { rows } = await client.query<{ data_type: string }>(
        `SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'rm_documents' AND column_name = 'doc'`,
        [this.schema],
      );
      if (rows[0]?.data_type === 'jsonb') await client.query(`ALTER TABLE ${this.s}.rm_documents ALTER COLUMN doc TYPE json USING doc::json`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async builds(projection?: string): Promise<BuildRecord[]> {
    const { rows } =
      projection === undefined
        ? await this.pool.query<BuildRow>(`SELECT ${BUILD_COLUMNS} FROM ${this.s}.rm_builds ORDER BY build_id`)
        : await this.pool.query<BuildRow>(`SELECT ${BUILD_COLUMNS} FROM ${this.s}.rm_builds WHERE projection = $1 ORDER BY build_id`, [projection]);
    return rows.map(toRecord);
  }

  async activeBuild(projection: string): Promise<BuildRecord | undefined> {
    const { rows } = await this.pool.query<BuildRow>(
      `SELECT ${BUILD_COLUMNS} FROM ${this.s}.rm_builds WHERE projection = $1 AND status = 'active'`,
      [projection],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async createBuild(projection: string, version: number): Promise<BuildRecord> {
    const { rows } = await this.pool.query<BuildRow>(
      `INSERT INTO ${this.s}.rm_builds (projection, version, status) VALUES ($1, $2, 'building') RETURNING ${BUILD_COLUMNS}`,
      [projection, version],
    );
    return toRecord(rows[0]!);
  }

  async loadBuild(buildId: number, onDocument: (collection: string, key: string, document: unknown) => void): Promise<BuildRecord | undefined> {
    const client = await this.pool.connect();
    try {
      // One snapshot for the build row and all its documents.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<BuildRow>(`SELECT ${BUILD_COLUMNS} FROM ${this.s}.rm_builds WHERE build_id = $1`, [buildId]);
      if (rows[0] === undefined) return undefined;
      await streamRows(client, `SELECT collection, key, doc FROM ${this.s}.rm_documents WHERE build_id = $1`, [buildId], (row: { collection: string; key: string; doc: unknown }) =>
        onDocument(row.collection, row.key, row.doc),
      );
      return toRecord(rows[0]);
    } finally {
      await client.query('COMMIT').catch(() => undefined);
      client.release();
    }
  }

  async readDocuments(buildId: number, collection: string, keys: readonly string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (keys.length === 0) return found;
    // One probe of the primary key per key, whatever the planner knows of the table: `key = ANY($3)` on a build's
    // fresh rows (no statistics yet) was planned as a scan of the whole collection, 880 ms for 700 keys of 82,000.
    const { rows } = await this.pool.query<{ key: string; doc: unknown }>(
      `SELECT key, doc FROM (SELECT k.key, (SELECT d.doc FROM ${this.s}.rm_documents d WHERE d.build_id = $1 AND d.collection = $2 AND d.key = k.key) AS doc
       FROM unnest($3::text[]) AS k(key)) found WHERE doc IS NOT NULL`,
      [buildId, collection, keys],
    );
    for (const { key, doc } of rows) found.set(key, doc);
    return found;
  }

  async documentPage(buildId: number, after: DocumentAddress | undefined, limit: number): Promise<PersistedDocument[]> {
    const { rows } = await this.pool.query<{ collection: string; key: string; doc: unknown }>(
      `SELECT collection, key, doc FROM ${this.s}.rm_documents WHERE build_id = $1 AND (collection, key) > ($2, $3) ORDER BY collection, key LIMIT $4`,
      [buildId, after?.[0] ?? '', after?.[1] ?? '', limit],
    );
    return rows.map(({ collection, key, doc }) => [collection, key, doc]);
  }

  async tryWriter(buildId: number): Promise<BuildWriter | undefined> {
    const client = new pg.Client({ connectionString: this.connectionString });
    const writer = new PostgresBuildWriter(client, this.s, buildId, () => this.sweepRetired());
    client.on('error', () => writer.lost());
    client.on('end', () => writer.lost());
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), $2::int) AS locked', [
        `sales-ops:read-model:${this.schema}`,
        buildId,
      ]);
      const exists = await client.query(`SELECT 1 FROM ${this.s}.rm_builds WHERE build_id = $1`, [buildId]);
      // A read model is rebuilt from the events: after a crash of PostgreSQL it may lose its last commits and
      // carry on from the checkpoint it kept (documents and checkpoint commit together). Not waiting for the
      // disk also keeps the writer's transactions short, and so the horizon that live readers of the store wait on.
      await client.query('SET synchronous_commit TO off');
      if (rows[0]?.locked && exists.rowCount === 1) return writer;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    return undefined;
  }

  /**
   * Deletes the documents of retired builds (RetiredSweeps), SWEEP_CHUNK rows a statement, each its own short
   * transaction: deleting the replaced build inside the activation kept a transaction open as long as that
   * took, and every live subscriber of the store waits for the oldest open transaction (its horizon).
   */
  private sweepRetired(): void {
    this.sweeps.schedule(async () => {
      const { rows } = await this.pool.query<{ build_id: string }>(`SELECT build_id FROM ${this.s}.rm_builds WHERE status = 'retired'`);
      for (const { build_id: buildId } of rows) {
        for (;;) {
          const { rowCount } = await this.pool.query(
            `DELETE FROM ${this.s}.rm_documents WHERE build_id = $1 AND (collection, key) IN
               (SELECT collection, key FROM ${this.s}.rm_documents WHERE build_id = $1 LIMIT ${SWEEP_CHUNK})`,
            [buildId],
          );
          if (!rowCount) break;
        }
      }
    });
  }

  whenSwept(): Promise<void> {
    return this.sweeps.whenDone();
  }

  async close(): Promise<void> {
    await this.sweeps.whenDone();
    await this.pool.end();
  }
}

class PostgresBuildWriter implements BuildWriter {
  private alive = true;

  constructor(
    private readonly client: pg.Client,
    private readonly s: string,
    readonly buildId: number,
    /** Deletes the retired builds' documents after an activation, in the background. */
    private readonly afterActivation: () => void,
  ) {}

  get healthy(): boolean {
    return this.alive;
  }

  lost(): void {
    this.alive = false;
  }

  async commit(changes: readonly DocumentChange[], checkpoint: GlobalPosition, eventsApplied: number): Promise<void> {
    const upserts = changes.filter((change) => change.json !== null);
    const deletes = changes.filter((change) => change.json === null);
    // One statement, so one round trip and one short transaction: the documents are written only when the
    // checkpoint moved (a writer that fell behind writes nothing and learns it from the count).
    const { rows } = await this.client.query<{ moved: number }>(
      `WITH moved AS (
         UPDATE ${this.s}.rm_builds SET checkpoint_commit = $2, checkpoint_prepare = $3, events_applied = $4, updated_at = now()
         WHERE build_id = $1 AND status <> 'retired' AND (checkpoint_commit, checkpoint_prepare) < ($2, $3)
         RETURNING 1
       ), upserted AS (
         INSERT INTO ${this.s}.rm_documents (build_id, collection, key, doc)
         SELECT $1, t.c, t.k, t.d FROM json_to_recordset($5::json) AS t(c text, k text, d json)
         WHERE EXISTS (SELECT 1 FROM moved)
         ON CONFLICT (build_id, collection, key) DO UPDATE SET doc = excluded.doc
       ), deleted AS (
         DELETE FROM ${this.s}.rm_documents d USING unnest($6::text[], $7::text[]) AS t(c, k)
         WHERE EXISTS (SELECT 1 FROM moved) AND d.build_id = $1 AND d.collection = t.c AND d.key = t.k
       )
       SELECT count(*)::int AS moved FROM moved`,
      [
        this.buildId,
        checkpoint.commit,
        checkpoint.prepare,
        eventsApplied,
        // One JSON array parameter: the documents' JSON goes in as it is (text arrays would escape every quote).
        `[${upserts.map((c) => `{"c":${JSON.stringify(c.collection)},"k":${JSON.stringify(c.key)},"d":${c.json}}`).join(',')}]`,
        deletes.map((c) => c.collection),
        deletes.map((c) => c.key),
      ],
    );
    if (rows[0]?.moved !== 1) throw new StaleBuildWriterError(this.buildId);
  }

  async activate(): Promise<void> {
    let retired = 0;
    await this.inTransaction(async () => {
      const { rows } = await this.client.query<{ projection: string }>(
        `SELECT projection FROM ${this.s}.rm_builds WHERE build_id = $1 FOR UPDATE`,
        [this.buildId],
      );
      if (rows[0] === undefined) throw new StaleBuildWriterError(this.buildId);
      // Serialise activations of one projection.
      await this.client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sales-ops:activate:${this.s}:${rows[0].projection}`]);
      const previous = await this.client.query<{ build_id: string }>(
        `UPDATE ${this.s}.rm_builds SET status = 'retired', updated_at = now()
         WHERE projection = $1 AND status = 'active' AND build_id <> $2 RETURNING build_id`,
        [rows[0].projection, this.buildId],
      );
      await this.client.query(`UPDATE ${this.s}.rm_builds SET status = 'active', updated_at = now() WHERE build_id = $1`, [this.buildId]);
      retired = previous.rowCount ?? 0;
    });
    if (retired > 0) this.afterActivation();
  }

  async release(): Promise<void> {
    this.alive = false;
    await this.client.end().catch(() => undefined);
  }

  private async inTransaction(work: () => Promise<void>): Promise<void> {
    await this.client.query('BEGIN');
    try {
      await work();
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

function toRecord(row: BuildRow): BuildRecord {
  return {
    buildId: Number(row.build_id),
    projection: row.projection,
    version: row.version,
    status: row.status,
    checkpoint: positionFromColumns(row.checkpoint_commit, row.checkpoint_prepare),
    eventsApplied: Number(row.events_applied),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Runs `sql` and hands each row to `onRow` as it arrives, keeping none: one scan in no particular order, the server
 * sending while the rows before are handled (the socket's buffer is the only backlog). Pages through a cursor
 * (FETCH) kept the server idle while each page was handled and the client idle while the next was read: the
 * 531,000 documents of the kpi-facts and lead-identity builds of a 1M-event history took 4.4–4.6 s that way against
 * 2.5–3.3 s streamed (alternating runs). The first error `onRow` throws ends the query with it (the rest of the rows
 * are read and dropped).
 */
function streamRows<Row extends pg.QueryResultRow>(client: pg.PoolClient, sql: string, values: unknown[], onRow: (row: Row) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: unknown;
    const query = client.query(new pg.Query<Row>(sql, values));
    query.on('row', (row: Row) => {
      if (failure !== undefined) return;
      try {
        onRow(row);
      } catch (error) {
        failure = error;
      }
    });
    query.on('error', reject);
    query.on('end', () => (failure === undefined ? resolve() : reject(failure instanceof Error ? failure : new Error(String(failure)))));
  });
}
