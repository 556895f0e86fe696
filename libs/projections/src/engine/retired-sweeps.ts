import { Logger } from '@nestjs/common';

/**
 * The deletions of retired builds' documents, run one after another in the background. An activation only
 * flips the builds' statuses; the build it replaced is deleted afterwards, a few thousand documents a
 * transaction (and at the next open if the process stopped first). Nobody reads a retired build, so nothing
 * waits for this but the store's close().
 */
export class RetiredSweeps {
  private last: Promise<void> = Promise.resolve();

  /** Runs `sweep` after the ones before it; a failure is logged, and the next open sweeps again. */
  schedule(sweep: () => Promise<void>): void {
    this.last = this.last.then(sweep).catch((error: Error) => {
      new Logger('ReadModels').warn(`could not delete a retired build's documents (retried at the next open): ${error.message}`);
    });
  }

  /** Resolves once every sweep scheduled so far has ended. */
  whenDone(): Promise<void> {
    return this.last;
  }
}
