/**
 * Commits of a SQLite read-model store run on a thread of their own (SqliteReadModelStore's
 * `writerThread` option): the runner folds the next batch while SQLite writes this one. A commit is the
 * same transaction as on the store's own connection (SqliteBuildCommit); the runner already waits for a
 * batch's commit before it activates a build or commits the batch after next.
 */
import { Worker } from 'node:worker_threads';
import { PASS_THROUGH_THREAD_LIMITS, workerEntry } from '#libs/event-store';
import type { GlobalPosition } from '#libs/event-store';
import type { FlatChanges } from './sqlite-build-commit';
import { StaleBuildWriterError } from './read-model-store.port';

export interface CommitRequest {
  readonly id: number;
  readonly buildId: number;
  readonly changes: FlatChanges;
  readonly checkpoint: GlobalPosition;
  readonly eventsApplied: number;
}

export type CommitReply = { readonly id: number } | { readonly id: number; readonly error: string; readonly stale: boolean };

export class SqliteCommitThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void; buildId: number }>();
  private failure: Error | undefined;

  constructor(file: string) {
    const { filename, execArgv } = workerEntry(__dirname, 'sqlite-writer-thread');
    this.worker = new Worker(filename, { workerData: { file }, execArgv, resourceLimits: PASS_THROUGH_THREAD_LIMITS });
    this.worker.on('message', (reply: CommitReply) => this.settle(reply));
    this.worker.on('error', (error) => this.stopped(error));
    this.worker.on('exit', (code) => this.stopped(new Error(`the read-model writer thread exited with code ${code}`)));
  }

  commit(buildId: number, changes: FlatChanges, checkpoint: GlobalPosition, eventsApplied: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, buildId });
      this.worker.postMessage({ id, buildId, changes, checkpoint, eventsApplied } satisfies CommitRequest);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the read-model store is closed');
    await this.worker.terminate();
  }

  private settle(reply: CommitReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (!('error' in reply)) waiter.resolve();
    else waiter.reject(reply.stale ? new StaleBuildWriterError(waiter.buildId) : new Error(reply.error));
  }

  private stopped(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }
}
