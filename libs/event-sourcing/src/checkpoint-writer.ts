/**
 * A process manager's checkpoint, saved behind its work rather than in it.
 *
 * Saved after every event, a checkpoint was a write per event on the manager's path — on PostgreSQL a round trip
 * the next event waited for (a sixth of the queries a lead's capture caused), on SQLite a write on the main
 * thread. Handling is at-least-once anyway (a crash between handling and saving repeats an event, and every
 * handler appends under derived ids): so the newest handled position is saved at once when none was saved
 * lately, else once `everyMs` has passed, and never more than one save at a time. A crash so repeats at most
 * what was handled in the last `everyMs`. A save that fails is thrown at the next event handled (or at flush),
 * so the manager restarts from the checkpoint that was saved, as before.
 */
import type { CheckpointStore, GlobalPosition } from '#libs/event-store';

/** How long a handled position may wait for its save while events keep coming. */
export const CHECKPOINT_EVERY_MS = 100;

export class CheckpointWriter {
  private pending: GlobalPosition | undefined;
  private saving: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private lastSaveAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly checkpoints: Pick<CheckpointStore, 'save'>,
    private readonly name: string,
    private readonly everyMs = CHECKPOINT_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** An event at `position` was handled: its position is saved now or within everyMs. Throws a failed save. */
  handled(position: GlobalPosition): void {
    this.throwFailure();
    this.pending = position;
    this.schedule();
  }

  /**
   * Saves the newest handled position and waits for it (the subscription ended, the runner stops). A failed save
   * is thrown once, and what was pending with it dropped: the manager restarts from the checkpoint that was saved.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.saving;
    this.throwFailure();
    if (this.pending !== undefined) {
      this.saveNow();
      await this.saving;
      this.throwFailure();
    }
  }

  private schedule(): void {
    if (this.saving !== undefined || this.timer !== undefined || this.pending === undefined) return;
    const wait = this.lastSaveAt + this.everyMs - this.now();
    if (wait <= 0) this.saveNow();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.saveNow();
      }, wait);
  }

  private saveNow(): void {
    const position = this.pending;
    if (position === undefined) return;
    this.pending = undefined;
    this.lastSaveAt = this.now();
    this.saving = this.checkpoints
      .save(this.name, position)
      .catch((error: unknown) => {
        // Kept until the manager next hands over an event (or flushes): it restarts from the saved checkpoint.
        this.failure ??= error;
      })
      .finally(() => {
        this.saving = undefined;
        if (this.failure === undefined) this.schedule();
      });
  }

  private throwFailure(): void {
    if (this.failure === undefined) return;
    const failure = this.failure;
    this.failure = undefined;
    this.pending = undefined;
    throw failure;
  }
}
