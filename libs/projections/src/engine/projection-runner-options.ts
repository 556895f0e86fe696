/** How a projection runner is set up, and what it reports after each batch it persisted (projection-runner.ts). */
import type { ReadAllFrom } from '#libs/event-store';

export interface ProjectionRunnerOptions {
  /** Events in one catch-up transaction (default 20,000; live, one transaction per commit). */
  readonly batchSize?: number;
  /** How often an instance that is not the writer tries to become it, and checks for a newly activated build. */
  readonly lockRetryMs?: number;
  /** Build new builds even where an active one of this version exists (replay). */
  readonly rebuild?: boolean;
  /**
   * Read the store's pages on a thread of their own while catching up (SubscribeOptions.catchUpThread):
   * the folds run beside the read rather than after it. For long catch-ups (replay); default false.
   */
  readonly catchUpThread?: boolean;
  /**
   * Live, how long what came since the last commit may wait before it is persisted (default 0: at once). For read
   * models whose readers are served from memory and whose persisted copy only shortens the next boot (the app's: the
   * queues and KPIs, the roster): fewer, larger commits, not one per command. A stop persists
   * what is pending.
   */
  readonly liveCommitDelayMs?: number;
  /** Documents a page when a projection loads them behind its fold (ProjectionDefinition.loadInBackground; default 2,000). */
  readonly backgroundLoadPage?: number;
  /** Called after each batch a projection persisted (the CLI's progress bar). */
  readonly onProgress?: (progress: ProjectionProgress) => void;
}

/**
 * How a replay runs (the CLI's `replay`, and the benchmark as it): new builds beside the active ones, the
 * store read on a catch-up thread, and batches of 50,000 events — a document changed many times in a batch
 * is written once, and nobody waits on a new build's progress (larger batches are faster at the same peak
 * RSS). Open its read models with `{ writerThread: true }`.
 */
export const REPLAY_RUNNER_OPTIONS = { rebuild: true, catchUpThread: true, batchSize: 50_000 } as const satisfies ProjectionRunnerOptions;

export interface ProjectionProgress {
  readonly projection: string;
  readonly eventsApplied: number;
  readonly position: ReadAllFrom;
}
