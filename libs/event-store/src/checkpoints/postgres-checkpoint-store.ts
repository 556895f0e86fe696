import pg from 'pg';
import type { ReadAllFrom } from '../event-store.port';
import type { CheckpointStore } from './checkpoint-store.port';
import { checkCheckpointName } from './checkpoint-name';

/** Checkpoints in the store's PostgreSQL schema, beside the events. */
export class PostgresCheckpointStore implements CheckpointStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema = 'public'): Promise<PostgresCheckpointStore> {
    const pool = new pg.Pool({ connectionString, max: 2 });
    pool.on('error', () => undefined);
    const table = `"${schema}".es_checkpoints`;
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
      name text PRIMARY KEY, commit_position xid8 NOT NULL, prepare_position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    return new PostgresCheckpointStore(pool, table);
  }

  async load(name: string): Promise<ReadAllFrom> {
    const { rows } = await this.pool.query<{ commit: string; prepare: string }>(
      `SELECT commit_position::text AS "commit", prepare_position::text AS prepare FROM ${this.table} WHERE name = $1`,
      [checkCheckpointName(name)],
    );
    const row = rows[0];
    return row ? { commit: Number(row.commit), prepare: Number(row.prepare) } : 'start';
  }

  async save(name: string, position: { commit: number; prepare: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} AS c (name, commit_position, prepare_position) VALUES ($1, $2::xid8, $3)
       ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position,
         updated_at = now()
       WHERE (excluded.commit_position, excluded.prepare_position) > (c.commit_position, c.prepare_position)`,
      [checkCheckpointName(name), String(position.commit), position.prepare],
    );
  }

  async reset(name: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE name = $1`, [checkCheckpointName(name)]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
