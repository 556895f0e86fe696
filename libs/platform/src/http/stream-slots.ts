/**
 * A bound on the streamed answers (GET /events, GET /live) one user holds open in this process: each holds a
 * connection, a read of the store or a timer for as long as the client keeps it. One more than allowed is
 * refused with 429 `too-many-streams` and a Retry-After; a slot is given back when its stream ends, however it
 * ends (finished, the client gone, the app shutting down).
 */
import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** Seconds a refused client is asked to wait: a stream of its own may end by then. */
const RETRY_AFTER_SECONDS = 5;

export class StreamSlots {
  private readonly open = new Map<string, number>();

  /** `what`: the streams, as the refusal names them (e.g. "GET /events streams"). */
  constructor(
    private readonly perUser: number,
    private readonly what: string,
  ) {}

  /** Takes a slot for the user (its release is idempotent), or refuses with 429. */
  take(userId: string, response: Response): () => void {
    const count = this.open.get(userId) ?? 0;
    if (count >= this.perUser) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new HttpException(
        {
          code: 'too-many-streams',
          message: `at most ${this.perUser} ${this.what} may be open at once per user: end one, or try again in ${RETRY_AFTER_SECONDS} s`,
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  /** Streams open now (for /health-style reports and tests). */
  count(userId?: string): number {
    if (userId !== undefined) return this.open.get(userId) ?? 0;
    let total = 0;
    for (const count of this.open.values()) total += count;
    return total;
  }
}
