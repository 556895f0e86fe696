/**
 * How a PostgreSQL store tells live subscribers, in this process and others, that events were committed:
 * a NOTIFY after each commit (CommitNotifier) and one LISTEN connection per store (Listener).
 *
 * A store wakes its own subscribers when it commits; its NOTIFY, which comes back to its own LISTEN connection a
 * few milliseconds later, would wake them all once more for nothing. So each store has an origin, a random token
 * its NOTIFYs carry as their payload, and its Listener passes over the ones it sent itself.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { WakeSignal } from '../wake-signal';

/** At most one NOTIFY this often: commits meanwhile are folded into the next one. */
const NOTIFY_INTERVAL_MS = 5;

const ORIGIN = /^[0-9a-f]{8,64}$/;

/** A new store's origin: random, lower-case hex (safe inside a quoted NOTIFY payload). */
export function newOrigin(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Tells other processes' subscribers that events were committed: NOTIFY after the commit, never inside
 * it (a committing NOTIFY takes a cluster-wide lock until its flush, which would serialise every append).
 * At most one NOTIFY every few milliseconds: commits meanwhile are folded into the next one. A NOTIFY
 * lost in a crash only delays other processes until their idle re-check.
 */
export class CommitNotifier {
  private scheduled: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private lastSentAt = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly origin: string,
  ) {
    if (!ORIGIN.test(origin)) throw new Error(`a commit notifier's origin must be 8 to 64 lower-case hex digits, not ${JSON.stringify(origin)}`);
  }

  committed(): void {
    if (this.scheduled) return;
    const wait = Math.max(0, this.lastSentAt + NOTIFY_INTERVAL_MS - Date.now());
    this.scheduled = setTimeout(() => void this.send(), wait);
  }

  private async send(): Promise<void> {
    await this.sending;
    this.scheduled = undefined;
    this.lastSentAt = Date.now();
    // Its own small transaction, which need not wait for a disk flush: a wake-up is not data.
    this.sending = this.pool
      .query(`BEGIN; SET LOCAL synchronous_commit TO off; NOTIFY "${this.channel}", '${this.origin}'; COMMIT`)
      .then(
        () => undefined,
        () => undefined,
      );
    await this.sending;
  }

  async drain(): Promise<void> {
    if (this.scheduled) {
      clearTimeout(this.scheduled);
      await this.send();
    }
    await this.sending;
  }
}

/**
 * One LISTEN connection per store: every other store's NOTIFY wakes the live subscriptions (the store's own, carrying
 * its origin, is passed over: its commits woke them already). A lost connection is re-opened, and the subscriptions
 * are woken to look for what they missed meanwhile.
 */
export class Listener {
  private client: pg.Client | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly signal: WakeSignal,
    private readonly origin: string,
  ) {
    void this.connect(100);
  }

  private async connect(retryDelayMs: number): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      // A payload-less NOTIFY (a process of an earlier version) wakes them too.
      if (message.payload !== this.origin) this.signal.notify();
    });
    client.on('error', () => this.reconnect(client, 100));
    client.on('end', () => this.reconnect(client, 100));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      this.signal.notify();
    } catch {
      this.reconnect(client, Math.min(retryDelayMs * 2, 5000));
    }
  }

  private reconnect(client: pg.Client, delayMs: number): void {
    if (this.closed || this.retryTimer) return;
    if (this.client === client) this.client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect(delayMs);
    }, delayMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
