/**
 * How a cycle of a projection runner persists what it applied: each part's changes and checkpoint in one
 * transaction per batch, a part's commits one after another (a chain of promises), the cycle marked to be
 * redone when one fails or the writer was refused.
 */
import type { Logger } from '@nestjs/common';
import type { Cycle, Part } from './projection-part';
import type { ProjectionRunnerOptions } from './projection-runner-options';
import { StaleBuildWriterError } from './read-model-store.port';

export class CycleCommits {
  /** The cycle must be redone (its subscription is closed): a writer was lost or refused, or a commit failed. */
  again = false;
  /** A commit failed (not a refused writer): the cycle is redone after a pause. */
  commitFailed = false;
  private pendingEvents = 0;
  private flushScheduled = false;

  constructor(
    private readonly cycle: Cycle,
    private readonly batchSize: number,
    private readonly options: ProjectionRunnerOptions,
    private readonly logger: Logger,
  ) {}

  redo(): void {
    this.again = true;
    void this.cycle.subscription?.close();
  }

  /** Counts an event read by the cycle; true when it fills a batch. */
  eventRead(): boolean {
    this.pendingEvents += 1;
    return this.pendingEvents >= this.batchSize;
  }

  /** Commits the batch; resolves once the batch before it is committed. */
  commitBatch(): Promise<void[]> {
    const earlier = this.cycle.parts.map((part) => part.committing);
    void this.flush();
    return Promise.all(earlier);
  }

  /**
   * Commits what was read so far once the commits before it are done and the runner waits for the store again (or,
   * with liveCommitDelayMs, that long after).
   */
  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const delayMs = this.options.liveCommitDelayMs ?? 0;
    void Promise.all(this.cycle.parts.map((part) => part.committing)).then(() =>
      delayMs > 0 ? setTimeout(() => void this.flush(), delayMs).unref() : setImmediate(() => void this.flush()),
    );
  }

  readonly flush = async (): Promise<void> => {
    this.flushScheduled = false;
    this.pendingEvents = 0;
    await Promise.all(this.cycle.parts.map(this.persist));
  };

  private readonly persist = (part: Part): Promise<void> => {
    const writer = part.writer;
    if (writer === undefined || part.pending === 0 || part.position === 'start') return part.committing;
    const changes = part.state.takeChanges();
    const checkpoint = part.position;
    const eventsApplied = part.eventsApplied;
    part.pending = 0;
    part.committing = part.committing.then(async () => {
      if (this.again) return;
      try {
        await writer.commit(changes, checkpoint, eventsApplied);
        part.persisted = checkpoint;
        this.options.onProgress?.({ projection: part.definition.name, eventsApplied, position: checkpoint });
      } catch (error) {
        if (!(error instanceof StaleBuildWriterError)) {
          this.logger.warn(`${part.definition.name}: could not persist a batch: ${(error as Error).message}; reloading`);
          this.commitFailed = true;
        }
        this.redo();
      }
    });
    return part.committing;
  };
}
