import type Database from 'better-sqlite3';
import { openSideConnection } from '../sqlite/side-connection';
import type { ReadAllFrom } from '../event-store.port';
import type { GlobalPosition } from '../global-position';
import type { CheckpointStore } from './checkpoint-store.port';
import { checkCheckpointName } from './checkpoint-name';

/**
 * Checkpoints in the embedded default's SQLite file, beside the events (its own connection).
 *
 * Its writes do not wait for the disk (synchronous=NORMAL): a checkpoint is saved after every event a process
 * manager handles and every batch the relay publishes, synchronously on the main thread, and with a flush each
 * it blocked the event loop for a disk round trip per event. What a power cut can cost is a checkpoint a little
 * older than the last one saved: the events after it are handled again, which every reader of a checkpoint
 * tolerates (process managers append under derived ids, the relay's consumers drop ids they have seen). A crash
 * of the process loses nothing (the write-ahead log is in the operating system's hands), and the next fsync of
 * the store's own commits makes it durable anyway.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly loadOne: Database.Statement<[string]>;
  private readonly saveOne: Database.Statement<[{ name: string; commit: number; prepare: number; now: number }]>;
  private readonly resetOne: Database.Statement<[string]>;

  constructor(path: string) {
    this.db = openSideConnection(path);
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS es_checkpoints (
      name TEXT PRIMARY KEY, commit_position INTEGER NOT NULL, prepare_position INTEGER NOT NULL, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
    this.loadOne = this.db.prepare('SELECT commit_position AS "commit", prepare_position AS prepare FROM es_checkpoints WHERE name = ?');
    this.saveOne = this.db.prepare(
      `INSERT INTO es_checkpoints (name, commit_position, prepare_position, updated_at) VALUES (@name, @commit, @prepare, @now)
       ON CONFLICT (name) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position,
         updated_at = excluded.updated_at
       WHERE (excluded.commit_position, excluded.prepare_position) > (es_checkpoints.commit_position, es_checkpoints.prepare_position)`,
    );
    this.resetOne = this.db.prepare('DELETE FROM es_checkpoints WHERE name = ?');
  }

  async load(name: string): Promise<ReadAllFrom> {
    const row = this.loadOne.get(checkCheckpointName(name)) as GlobalPosition | undefined;
    return row ?? 'start';
  }

  async save(name: string, position: GlobalPosition): Promise<void> {
    this.saveOne.run({ name: checkCheckpointName(name), commit: position.commit, prepare: position.prepare, now: Date.now() });
  }

  async reset(name: string): Promise<void> {
    this.resetOne.run(checkCheckpointName(name));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
