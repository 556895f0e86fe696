/**
 * A SQLite read-model store's writer thread (started by SqliteCommitThread): opens the file and runs every
 * `{ id, buildId, changes, checkpoint, eventsApplied }` as one transaction (SqliteBuildCommit), answering
 * `{ id }` or `{ id, error, stale }`.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteBuildCommit } from './sqlite-build-commit';
import { StaleBuildWriterError } from './read-model-store.port';
import type { CommitReply, CommitRequest } from './sqlite-commit-thread';

function serve(port: NonNullable<typeof parentPort>, file: string): void {
  const db = new Database(file, { timeout: 10_000, fileMustExist: true });
  db.pragma('synchronous = NORMAL');
  const commit = new SqliteBuildCommit(db);
  port.on('message', ({ id, buildId, changes, checkpoint, eventsApplied }: CommitRequest) => {
    let reply: CommitReply;
    try {
      commit.run(buildId, changes, checkpoint, eventsApplied);
      reply = { id };
    } catch (error) {
      reply = { id, error: (error as Error).message, stale: error instanceof StaleBuildWriterError };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort, (workerData as { file: string }).file);
