/**
 * A process manager's events handled side by side: at most `limit` at once, never two of one stream at once, and
 * reported done in the order the events came, so that the checkpoint only ever passes events that were handled.
 *
 * One at a time, a manager whose every handling appends waits a round trip per event; under load, on a pool
 * shared with the HTTP commands, that round trip is the pool's queue, and the manager falls behind the events it
 * follows (routing handled ~120 captures/s of 250 on PostgreSQL). Side by side its waits overlap.
 */
import type { StoredEvent } from '#libs/event-store';

/**
 * Events held, running or done, per place: handlings that end behind a slower one wait in the window until it ends
 * (the checkpoint cannot pass it); past this many the window takes no more, so a handling that hangs holds up a
 * bounded number of events, not every event that follows.
 */
export const HELD_PER_PLACE = 64;

interface Entry {
  readonly event: StoredEvent;
  state: 'running' | 'done' | 'failed';
}

export class HandlingWindow {
  /** In the order the events came; the front leaves once done. */
  private readonly entries: Entry[] = [];
  /** The streams of the events running (never two of one stream), so that room() looks at no list. */
  private readonly running = new Set<string>();
  private failure: { readonly error: unknown } | undefined;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly tell: {
      /** Each event once it and every event before it were handled (may throw: the window fails with it). */
      readonly completed: (event: StoredEvent) => void;
      /** The first failure, at once (the runner stops taking events; room() and drain() throw it). */
      readonly failed: (error: unknown) => void;
    },
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a handling window holds at least one event, not ${limit}`);
  }

  /** No handling in flight. */
  get idle(): boolean {
    return this.entries.length === 0;
  }

  /**
   * Waits until an event of `streamId` may start: a place free, none of its stream running, and fewer than
   * HELD_PER_PLACE × limit events held. Throws a failure.
   */
  async room(streamId: string): Promise<void> {
    for (;;) {
      this.throwFailure();
      if (this.running.size < this.limit && !this.running.has(streamId) && this.entries.length < this.limit * HELD_PER_PLACE) return;
      await this.changed();
    }
  }

  /** `handling` of `event` has begun; its end is reported through `completed`, in the events' order. */
  start(event: StoredEvent, handling: Promise<void>): void {
    const entry: Entry = { event, state: 'running' };
    this.entries.push(entry);
    this.running.add(event.streamId);
    handling.then(
      () => {
        entry.state = 'done';
        this.running.delete(event.streamId);
        this.release();
      },
      (error: unknown) => {
        entry.state = 'failed';
        this.running.delete(event.streamId);
        this.fail(error);
      },
    );
  }

  /** Waits for every handling begun to end; throws the first failure. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await this.changed();
    this.throwFailure();
  }

  private release(): void {
    // The front leaves while it is done; a failed event stays, and nothing after it is reported.
    while (this.failure === undefined && this.entries[0]?.state === 'done') {
      const { event } = this.entries.shift()!;
      try {
        this.tell.completed(event);
      } catch (error) {
        this.fail(error);
      }
    }
    this.wake();
  }

  private fail(error: unknown): void {
    if (this.failure === undefined) {
      this.failure = { error };
      this.tell.failed(error);
    }
    this.wake();
  }

  private throwFailure(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
