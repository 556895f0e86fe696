/**
 * Appends that come while the event loop is busy go to the disk together: one transaction, one fsync, each append
 * in a savepoint of its own — one that fails (a conflict, an id already stored) is rolled back and answered alone,
 * the others are committed. better-sqlite3 commits synchronously on the main thread, so without this every append
 * paid a whole fsync of its own, blocking everything else: the largest part of a command's time on SQLite
 * (bench:http). An append waits at most one turn of the event loop for its group; each is answered once its
 * group's commit is on disk, as before.
 */
import type Database from 'better-sqlite3';

interface Queued {
  readonly write: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /**
   * Runs a write in a savepoint (a transaction function called inside a transaction does, in better-sqlite3). Made
   * once: db.transaction() builds four wrapper functions each time, which had cost a sixth of an append's commit.
   */
  private readonly inSavepoint: (write: () => unknown) => unknown;

  constructor(
    private readonly db: Database.Database,
    /** Runs the group in one write transaction (BEGIN IMMEDIATE … COMMIT); throws when it cannot commit. */
    private readonly inWriteTransaction: (work: () => void) => void,
  ) {
    this.inSavepoint = db.transaction((write: () => unknown) => write());
  }

  /** Runs `write` in a savepoint of the next group; resolves with what it returned once the group is committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also before the connection closes). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.inWriteTransaction(() => {
        outcomes.length = 0;
        for (const queued of group) {
          // An error SQLite answers by rolling back the whole transaction (a full disk, an I/O error) fails the
          // group: what follows must not run, nor commit, outside it.
          if (!this.db.inTransaction) throw new Error('the group\'s transaction was rolled back by SQLite');
          try {
            outcomes.push({ ok: true, value: this.inSavepoint(queued.write) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const queued of group) queued.reject(error);
      return;
    }
    group.forEach((queued, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}
