/**
 * A SQLite build's commit — the changed documents and the checkpoint in one transaction — on any
 * connection to the read-model file: the store's own, or its writer thread's (sqlite-writer-thread.ts).
 */
import type Database from 'better-sqlite3';
import type { GlobalPosition } from '#libs/event-store';
import { StaleBuildWriterError } from './read-model-store.port';

/** Changes flattened for a thread: collection, key, JSON (null: deleted), then the next document. */
export type FlatChanges = Array<string | null>;

export class SqliteBuildCommit {
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly advance: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      'INSERT INTO rm_documents (build_id, collection, key, doc) VALUES (?, ?, ?, ?) ON CONFLICT (build_id, collection, key) DO UPDATE SET doc = excluded.doc',
    );
    this.remove = db.prepare('DELETE FROM rm_documents WHERE build_id = ? AND collection = ? AND key = ?');
    this.advance = db.prepare(
      `UPDATE rm_builds SET checkpoint_commit = @commit, checkpoint_prepare = @prepare, events_applied = @events, updated_at = @now
       WHERE build_id = @buildId AND status <> 'retired' AND (checkpoint_commit, checkpoint_prepare) < (@commit, @prepare)`,
    );
  }

  /** Throws StaleBuildWriterError (writing nothing) when the build is gone or already at or past `checkpoint`. */
  run(buildId: number, changes: FlatChanges, checkpoint: GlobalPosition, eventsApplied: number): void {
    this.db
      .transaction(() => {
        const moved = this.advance.run({ commit: checkpoint.commit, prepare: checkpoint.prepare, events: eventsApplied, now: Date.now(), buildId });
        if (moved.changes !== 1) throw new StaleBuildWriterError(buildId);
        for (let index = 0; index < changes.length; index += 3) {
          const json = changes[index + 2];
          if (json === null) this.remove.run(buildId, changes[index], changes[index + 1]);
          else this.upsert.run(buildId, changes[index], changes[index + 1], json);
        }
      })
      .immediate();
  }
}
