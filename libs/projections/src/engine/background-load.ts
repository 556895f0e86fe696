/**
 * A build's documents loaded behind its fold, for a projection that declares `loadInBackground` (the KPI facts:
 * hundreds of thousands of documents at a million events, growing with the history). The writer of such a build
 * starts following the store from its checkpoint at once, with no documents in memory, and is live as soon as it
 * has caught up; the documents arrive afterwards, a page at a time between the fold's events and the requests.
 *
 * The fold stays exact: before an event is applied, it is applied once to a probe that records every document it
 * reads that is not in memory yet; those are read from the build first (and the probe run again, as what it reads
 * may depend on them). A page of the load then files a document only where the fold has neither put nor deleted
 * it since (DocumentState.loadBehind): what the fold did is newer than what was persisted.
 *
 * Only the build's writer loads this way: it alone changes the persisted documents, so any of them it has not
 * changed is as of its own position. A follower's build moves on under it (another instance writes it), so a
 * follower loads every document with the checkpoint, in one snapshot, before it follows (projection-builds.ts).
 * Readers that need every document wait for `settled` and `complete` (ProjectionRunner.loadedDocumentsOf).
 */
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { StoredEvent } from '#libs/event-store';
import type { DocumentState } from './document-state';
import type { DocumentWriter, ProjectionDefinition } from './projection';
import type { DocumentAddress, ReadModelStore } from './read-model-store.port';

/** Documents a page: about 10 ms of work on SQLite, so that requests and the fold wait little between pages. */
export const BACKGROUND_PAGE = 2000;
/** Events probed before live after which the pages start anyway (a long catch-up: see begin()). */
const BEGIN_AFTER_PROBES = 2000;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5000;

export interface BackgroundLoadOptions {
  /** Documents a page (default BACKGROUND_PAGE). */
  readonly page?: number;
  /** Whether this process still writes the build (a lost PostgreSQL lock: another may be changing it). */
  readonly stillWriter: () => boolean;
}

export class BackgroundLoad {
  private readonly logger: Logger;
  /** Per collection, the keys the probe asked the build for: those found are in the state, the rest are absent. */
  private readonly asked = new Map<string, Set<string>>();
  private readonly stopped = new AbortController();
  private documentsLoaded = 0;
  private whole = false;
  private running: Promise<void> | undefined;
  private probed = 0;
  private markSettled!: () => void;
  /** Resolves when every document is loaded, or the load was stopped (see `complete`). */
  readonly settled = new Promise<void>((resolve) => (this.markSettled = resolve));

  constructor(
    private readonly definition: ProjectionDefinition,
    private readonly state: DocumentState,
    private readonly readModels: ReadModelStore,
    private readonly buildId: number,
    private readonly options: BackgroundLoadOptions,
  ) {
    this.logger = new Logger(`Projection ${definition.name}`);
    state.loadingBehind();
  }

  /**
   * Starts the pages (again: nothing). The runner starts them once it is live, so that they do not slow what a boot
   * waits for (the other read models' loads, the catch-up since the checkpoint); prepare() starts them during a long
   * catch-up, whose events would otherwise each wait for the documents they read.
   */
  begin(): void {
    if (this.running !== undefined || this.stopped.signal.aborted) return;
    this.running = this.run()
      // Not expected (a page that fails is read again): the state stays incomplete, its readers wait, /health says loading.
      .catch((error: unknown) => this.logger.error(`stopped loading its documents: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.markSettled());
  }

  /** Every persisted document is in the state. */
  get complete(): boolean {
    return this.whole;
  }

  /** Documents the pages have filed so far (not those the fold read first). */
  get loaded(): number {
    return this.documentsLoaded;
  }

  /** Ends the load (its cycle ended): `settled` resolves, and the state is never complete. */
  stop(): void {
    this.stopped.abort();
    if (this.running === undefined) this.markSettled();
  }

  /** Before `event` is applied: reads from the build every document its fold would read that is not loaded yet. */
  async prepare(event: StoredEvent): Promise<void> {
    if (++this.probed === BEGIN_AFTER_PROBES) this.begin();
    for (;;) {
      const probe = new Probe(this.state, this.asked);
      try {
        this.definition.apply(probe, event);
      } catch (error) {
        if (error instanceof ReadBeyondKeysError) throw error;
        // Perhaps for want of a document not loaded yet; if none is missing, the fold itself will say what is wrong.
      }
      if (probe.missing.size === 0) return;
      for (const [collection, keys] of probe.missing) {
        const found = await this.readModels.readDocuments(this.buildId, collection, [...keys]);
        let asked = this.asked.get(collection);
        if (asked === undefined) this.asked.set(collection, (asked = new Set()));
        for (const key of keys) asked.add(key);
        found.forEach((document, key) => this.state.loadBehind(collection, key, document));
      }
    }
  }

  private async run(): Promise<void> {
    const page = this.options.page ?? BACKGROUND_PAGE;
    const began = Date.now();
    let after: DocumentAddress | undefined;
    let retryMs = RETRY_FIRST_MS;
    for (;;) {
      if (this.stopped.signal.aborted || !this.options.stillWriter()) return;
      let documents;
      try {
        documents = await this.readModels.documentPage(this.buildId, after, page);
        retryMs = RETRY_FIRST_MS;
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        this.logger.warn(`loading its documents: ${(error as Error).message}; trying again in ${retryMs} ms`);
        await sleep(retryMs, undefined, { signal: this.stopped.signal }).catch(() => undefined);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
        continue;
      }
      if (this.stopped.signal.aborted || !this.options.stillWriter()) return;
      for (const [collection, key, document] of documents) if (this.state.loadBehind(collection, key, document)) this.documentsLoaded += 1;
      if (documents.length < page) break;
      const last = documents[documents.length - 1]!;
      after = [last[0], last[1]];
      await yieldToEventLoop();
    }
    this.state.loadedBehind();
    this.asked.clear();
    this.whole = true;
    if (this.documentsLoaded > 0) this.logger.log(`loaded ${this.documentsLoaded} documents behind the fold in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }
}

const WRITTEN_DELETED = Symbol('deleted');

/**
 * The documents as the fold of one event would see them, its puts and deletes kept aside: records each document it
 * reads that is neither in the state nor asked of the build yet. A projection's fold reads documents by key only.
 */
class Probe implements DocumentWriter {
  readonly missing = new Map<string, Set<string>>();
  private readonly written = new Map<string, Map<string, unknown>>();

  constructor(
    private readonly state: DocumentState,
    private readonly asked: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  get<T>(collection: string, key: string): T | undefined {
    const written = this.written.get(collection);
    if (written?.has(key)) {
      const document = written.get(key);
      return (document === WRITTEN_DELETED ? undefined : document) as T | undefined;
    }
    if (this.state.has(collection, key)) return this.state.get<T>(collection, key);
    if (this.asked.get(collection)?.has(key) !== true) {
      let missing = this.missing.get(collection);
      if (missing === undefined) this.missing.set(collection, (missing = new Set()));
      missing.add(key);
    }
    return undefined;
  }

  put(collection: string, key: string, document: unknown): void {
    this.writtenIn(collection).set(key, document);
  }

  delete(collection: string, key: string): void {
    this.writtenIn(collection).set(key, WRITTEN_DELETED);
  }

  values<T>(): IterableIterator<T> {
    return byKeyOnly();
  }

  overlapping<T>(): readonly T[] {
    return byKeyOnly();
  }

  holding<T>(): readonly T[] {
    return byKeyOnly();
  }

  changeCount(): number {
    return byKeyOnly();
  }

  timeFloor(): number | undefined {
    return byKeyOnly();
  }

  size(): number {
    return byKeyOnly();
  }

  private writtenIn(collection: string): Map<string, unknown> {
    let written = this.written.get(collection);
    if (written === undefined) this.written.set(collection, (written = new Map()));
    return written;
  }
}

/** A fold that loads its documents in the background looked at more than documents by key. */
export class ReadBeyondKeysError extends Error {
  constructor() {
    super('a projection that loads its documents in the background (loadInBackground) reads them by key only in its fold');
    this.name = 'ReadBeyondKeysError';
  }
}

function byKeyOnly(): never {
  throw new ReadBeyondKeysError();
}
