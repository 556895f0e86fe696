import type Database from 'better-sqlite3';
import { openSideConnection } from '../sqlite/side-connection';
import type { ReadAllFrom } from '../event-store.port';
import type { GlobalPosition } from '../global-position';
import type { CheckpointStore } from './checkpoint-store.port';
import { checkCheckpointName } from './checkpoint-name';

/** Checkpoints in the embedded default's SQLite file, beside the events (its own connection). */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = openSideConnection(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS es_checkpoints (
      name TEXT PRIMARY KEY, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
  }

  async load(name: string): Promise<ReadAllFrom> {
    const row = this.db
      .prepare('SELECT commit_position AS "commit", prepare_position AS prepare FROM es_checkpoints WHERE name = ?')
      .get(checkCheckpointName(name)) as GlobalPosition | undefined;
    return row ?? 'start';
  }

  async save(name: string, position: GlobalPosition): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO es_checkpoints (name, commit_position, prepare_position, updated_at) VALUES (@name, @commit, @prepare, @now)
         ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position,
           updated_at = excluded.updated_at
         WHERE (excluded.commit_position, excluded.prepare_position) > (es_checkpoints.commit_position, es_checkpoints.prepare_position)`,
      )
      .run({ name: checkCheckpointName(name), commit: position.commit, prepare: position.prepare, now: Date.now() });
  }

  async reset(name: string): Promise<void> {
    this.db.prepare('DELETE FROM es_checkpoints WHERE name = ?').run(checkCheckpointName(name));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
