/**
 * Wakes live subscriptions when something was committed. A version counter rather than a bare event,
 * so that a commit landing between a subscriber's read and its wait is never missed.
 */
export class WakeSignal {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves when the version moved past `since`, after `timeoutMs`, or when `abort` fires. */
  wait(since: number, timeoutMs: number, abort?: AbortSignal): Promise<void> {
    if (this.version !== since || abort?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort?.addEventListener('abort', done, { once: true });
    });
  }
}
