/**
 * A PageReader whose pages are read on a worker thread of its own (page-thread.ts), with its own
 * connection to the database: while a subscriber works through one page on its thread, the next is
 * being read beside it. The thread hands over rows with their JSON still text (a copy of strings, cheap
 * between threads); they are decoded here, on the subscriber's thread, where they are used, each event's
 * metadata when first read (toCatchUpEvent).
 *
 * A subscription catching up a long history asks for one (SubscribeOptions.catchUpThread). If the thread
 * cannot start or stops, pages are read by the store itself, as without one: the thread only ever makes
 * reading faster, never different.
 */
import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError } from './event-store.errors';
import { toCatchUpEvent, type EventColumns } from './event-columns';
import type { ReadAllFrom } from './event-store.port';
import type { GlobalPosition } from './global-position';
import type { Page, PageQuery, PageReader } from './page-reader';
import { PASS_THROUGH_THREAD_LIMITS, workerEntry } from './worker-entry';

/** A page as a thread reads it: rows undecoded. */
export interface RawPage {
  readonly rows: EventColumns[];
  readonly heldBack: boolean;
  readonly scannedTo?: GlobalPosition;
}

/** What the thread opens: the SQLite file (read-only), or a PostgreSQL connection and the quoted es_events table. */
export type PageThreadSource =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly table: string };

export type PageThreadRequest = { readonly id: number; readonly query: PageQuery };
export type PageThreadReply =
  | { readonly id: number; readonly page: RawPage }
  | { readonly id: number; readonly error: string; readonly unavailable: boolean };

export class ThreadedPageReader implements PageReader {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (page: RawPage) => void; reject: (error: Error) => void }>();
  private threadPages = 0;

  constructor(
    source: PageThreadSource,
    /** The store: it reads a page when the thread cannot, and answers readCutoff and headPosition. */
    private readonly store: PageReader,
  ) {
    try {
      const { filename, execArgv } = workerEntry(__dirname, 'page-thread');
      const worker = new Worker(filename, { workerData: source, execArgv, resourceLimits: PASS_THROUGH_THREAD_LIMITS });
      worker.on('message', (reply: PageThreadReply) => this.settle(reply));
      worker.on('error', (error) => this.stopped(error.message));
      worker.on('exit', (code) => this.stopped(`exited with code ${code}`));
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
  }

  async readPage(query: PageQuery): Promise<Page> {
    const worker = this.worker;
    if (worker === undefined) return this.store.readPage(query);
    const id = this.nextId++;
    const raw = await new Promise<RawPage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, query } satisfies PageThreadRequest);
    }).catch((error: Error) => {
      if (error instanceof EventStoreUnavailableError) throw error;
      return undefined; // the thread stopped: read this page here
    });
    if (raw === undefined) return this.store.readPage(query);
    this.threadPages += 1;
    return {
      events: raw.rows.map(toCatchUpEvent),
      heldBack: raw.heldBack,
      ...(raw.scannedTo !== undefined ? { scannedTo: raw.scannedTo } : {}),
    };
  }

  /** Pages the thread has read so far (the rest were read by the store). */
  get pagesFromThread(): number {
    return this.threadPages;
  }

  readCutoff(): Promise<number | undefined> {
    return this.store.readCutoff();
  }

  headPosition(): Promise<ReadAllFrom> {
    return this.store.headPosition();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private settle(reply: PageThreadReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if ('page' in reply) waiter.resolve(reply.page);
    else waiter.reject(reply.unavailable ? new EventStoreUnavailableError(reply.error) : new Error(reply.error));
  }

  /** From now on the store reads every page; the ones asked of the thread are read again there. */
  private stopped(reason: string): void {
    if (this.worker === undefined) return;
    this.worker = undefined;
    for (const waiter of this.pending.values()) waiter.reject(new Error(`the page thread stopped: ${reason}`));
    this.pending.clear();
  }
}
