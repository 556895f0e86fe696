/**
 * Runs a projection that is served from its persisted documents, not from memory: a lookup read model whose
 * documents grow with the history but are read a few at a time (the lead identities imports check duplicates
 * against: a few keyed hashes per lead ever captured). Nothing is loaded at boot, so boot time and memory do not
 * grow with its documents; its checkpoint is read, and the events stored since.
 *
 * The writer of its build (one per deployment: the build's writer lock) reads the events of its types from the
 * checkpoint in batches — up to `batchSize` while catching up; live, what comes within `liveBatchMs` of a batch's
 * first event — fetches the documents the batch's events read (declared by `reads`, one query per collection),
 * folds them and commits the changes with the checkpoint, while the next batch is read (one commit in flight; the
 * next batch reads over its changes). Readers read the persisted documents (`read`), once the checkpoint has passed
 * what they must see (`whenPersistedTo`, `whenCurrent`). Another instance does not fold: it reads what the writer
 * persisted, watches its checkpoint, and tries to become the writer every `lockRetryMs`.
 *
 * Which build: the active build of this version; else one of this version being built (resumed); else a new one,
 * built from the start and activated once it has caught up (readers of a new build wait until then).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { comparePositions, encodePosition, type EventStore, type GlobalPosition, type ReadAllFrom, type StoredEvent, type Subscription } from '#libs/event-store';
import type { DocumentWriter, ProjectionDefinition } from './projection';
import type { BuildRecord, BuildWriter, DocumentAddress, ReadModelStore } from './read-model-store.port';
import { StaleBuildWriterError } from './read-model-store.port';
import type { DocumentChange, DocumentLayer } from './document-state';

export interface StoredProjection {
  readonly definition: ProjectionDefinition;
  /** The documents the fold reads for `event` (fetched before it is applied; its handlers may get() nothing else). */
  readonly reads: (event: StoredEvent) => readonly DocumentAddress[];
}

export interface StoredProjectionOptions {
  /** Events applied and committed together, at most (default 5,000; also the catch-up's page size). */
  readonly batchSize?: number;
  /** How often an instance that is not the writer tries to become it (default 10,000 ms). */
  readonly lockRetryMs?: number;
  /** How often an instance that is not the writer reads the writer's checkpoint while someone waits for it (default 100 ms; 1 s otherwise). */
  readonly pollMs?: number;
  /**
   * Live, how long a batch gathers the events that follow its first before it is applied and committed (default 1000
   * ms; 0: only those already read): one small transaction a second, not one per command, while readers that must see
   * an event (whenCurrent) wait that much longer.
   */
  readonly liveBatchMs?: number;
}

export interface StoredProjectionStatus {
  readonly state: 'starting' | 'catching-up' | 'live' | 'stopped' | 'failed';
  readonly role: 'writer' | 'follower';
  readonly buildId: number | null;
  /** The persisted checkpoint (commit/prepare): what readers see. */
  readonly position: string | null;
  readonly eventsApplied: number;
  readonly error?: string;
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5000;
const IDLE_POLL_MS = 1000;
/** What a race between the next event and the event loop's next turn returns when the turn came first. */
const TURNED = Symbol('turned');
/** ...and when a lock retry's time passed first. */
const TIMED_OUT = Symbol('timed out');

export class StoredProjectionRunner {
  private readonly logger: Logger;
  private readonly definition: ProjectionDefinition;
  private readonly types: ReadonlySet<string>;
  private readonly batchSize: number;
  private build: BuildRecord | undefined;
  private role: 'writer' | 'follower' = 'follower';
  private persisted: ReadAllFrom = 'start';
  private eventsApplied = 0;
  private live = false;
  private stopping = false;
  private failure: Error | undefined;
  /** Why the last attempt failed (it is tried again), until a batch is persisted. */
  private lastError: string | undefined;
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private readonly stopped = new AbortController();
  /** Ends a follower's idle pause between looks at the checkpoint: someone waits for it now. */
  private wakeWatch: (() => void) | undefined;
  /** The writer's subscription has caught up with the store (and nothing came since). */
  private subscriptionLive = false;
  /** Ends the writer's wait for its next event (or for the rest of a batch): its subscription caught up. */
  private wakeWriter: (() => void) | undefined;
  /** The writer's commit in flight (one at a time), and the changes it writes: what the next batch reads over the database. */
  private committing: Promise<void> = Promise.resolve();
  private uncommitted: DocumentLayer | undefined;
  /** Events applied by the writer, its commit in flight included (eventsApplied: as persisted). */
  private applied = 0;
  private waiting: Array<{ position: GlobalPosition; resolve: () => void }> = [];
  private markLive!: () => void;
  private readonly liveOnce = new Promise<void>((resolve) => (this.markLive = resolve));

  constructor(
    private readonly projection: StoredProjection,
    private readonly store: Pick<EventStore, 'subscribe' | 'readAll' | 'headPosition'>,
    private readonly readModels: ReadModelStore,
    private readonly options: StoredProjectionOptions = {},
  ) {
    this.definition = projection.definition;
    this.batchSize = options.batchSize ?? 5000;
    this.types = new Set(this.definition.eventTypes);
    this.logger = new Logger(`Projection ${this.definition.name}`);
  }

  start(): void {
    this.running ??= this.loop().catch((error: Error) => {
      this.failure = error;
      this.logger.error(`stopped: ${error.message}`);
      this.releaseWaiting();
    });
  }

  status(): StoredProjectionStatus {
    const state = this.failure ? 'failed' : this.stopping ? 'stopped' : this.build === undefined ? 'starting' : this.live ? 'live' : 'catching-up';
    return {
      state,
      role: this.role,
      buildId: this.build?.buildId ?? null,
      position: this.persisted === 'start' ? null : encodePosition(this.persisted),
      eventsApplied: this.eventsApplied,
      ...(this.failure || this.lastError ? { error: this.failure?.message ?? this.lastError } : {}),
    };
  }

  /** Resolves once its build has caught up with the store (a writer), or is the active one (another instance). */
  whenLive(): Promise<void> {
    return this.liveOnce;
  }

  /** Resolves once the persisted checkpoint is at or past `position` (an event of its types). */
  whenPersistedTo(position: GlobalPosition): Promise<void> {
    if (this.persistedTo(position) || this.stopping || this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push({ position, resolve });
      this.wakeWatch?.();
    });
  }

  /**
   * Resolves once every event of its types the store holds now is persisted (read-your-writes: an import right after
   * a capture finds the captured lead). Looks up the newest such event past the checkpoint.
   */
  async whenCurrent(): Promise<void> {
    await this.whenLive();
    const newest = await newestStoredSince(this.store, this.persisted, this.definition.eventTypes);
    if (newest !== undefined) await this.whenPersistedTo(newest);
  }

  /** Persisted documents of a collection, by key (absent keys are not in the map); empty before a build is chosen. */
  async read(collection: string, keys: readonly string[]): Promise<Map<string, unknown>> {
    const build = this.build;
    if (build === undefined || keys.length === 0) return new Map();
    return this.readModels.readDocuments(build.buildId, collection, keys);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await this.subscription?.close();
    await this.running;
    this.releaseWaiting();
  }

  // ------------------------------------------------------------------------------------------------------

  private async loop(): Promise<void> {
    let retryMs = RETRY_FIRST_MS;
    while (!this.stopping) {
      let writer: BuildWriter | undefined;
      try {
        const build = await this.chooseBuild();
        writer = await this.readModels.tryWriter(build.buildId);
        this.role = writer ? 'writer' : 'follower';
        this.adopt(build);
        if (writer) await this.write(writer);
        else await this.watch();
        retryMs = RETRY_FIRST_MS;
      } catch (error) {
        if (this.stopping) return;
        // The database restarting, a connection lost, another writer ahead: serve what is persisted and try again.
        if (!(error instanceof StaleBuildWriterError)) {
          this.lastError = (error as Error).message;
          this.logger.warn(`${this.lastError}; trying again in ${retryMs} ms`);
        }
        await this.pause(retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      } finally {
        await writer?.release().catch(() => undefined);
      }
    }
  }

  private async chooseBuild(): Promise<BuildRecord> {
    const { name, version } = this.definition;
    const builds = await this.readModels.builds(name);
    const active = builds.find((each) => each.status === 'active');
    if (active?.version === version) return active;
    if (active !== undefined && active.version > version) throw new Error(`the active build of ${name} is version ${active.version}, newer than this code's ${version}`);
    return builds.filter((each) => each.status === 'building' && each.version === version).at(-1) ?? (await this.readModels.createBuild(name, version));
  }

  /** Takes a build record's checkpoint (never going back: a record read before a commit of this process landed). */
  private adopt(build: BuildRecord): void {
    const changed = build.buildId !== this.build?.buildId;
    if (changed || this.persisted === 'start' || (build.checkpoint !== 'start' && comparePositions(build.checkpoint, this.persisted) > 0)) {
      this.persisted = build.checkpoint;
      this.eventsApplied = build.eventsApplied;
    }
    this.build = build;
    // Another instance's build is served as soon as it is active; the writer's own once it has caught up (write()).
    if (this.role === 'follower' && build.status === 'active' && !this.live) this.goLive();
    this.releaseCaughtUp();
  }

  /** The writer: folds the events stored since the checkpoint, a batch at a time, and follows new ones. */
  private async write(writer: BuildWriter): Promise<void> {
    this.subscriptionLive = false;
    const subscription = this.store.subscribe({
      from: this.persisted,
      filter: { eventTypes: this.definition.eventTypes },
      batchSize: this.batchSize,
      onStatus: (status) => {
        this.subscriptionLive = status.state === 'live';
        if (this.subscriptionLive) this.wakeWriter?.();
      },
    });
    this.subscription = subscription;
    this.applied = this.eventsApplied;
    try {
      if (!this.stopping) await this.follow(subscription, writer);
    } finally {
      await subscription.close();
      // A commit still running when a step failed: let it end before the writer is released.
      await this.settled().catch(() => undefined);
      this.committing = Promise.resolve();
      this.uncommitted = undefined;
    }
  }

  /** write()'s loop over its subscription: a batch at a time, until it ends (stop) or a step fails. */
  private async follow(subscription: Subscription, writer: BuildWriter): Promise<void> {
    const events = subscription[Symbol.asyncIterator]();
    let next = events.next();
    for (;;) {
      // Caught up before this wait began (a store with nothing more to read): live now, not at the next wake.
      if (this.subscriptionLive && !this.live) await this.afterBatch(writer);
      // The first event of a batch; or the subscription catching up (a build with nothing more to read goes live
      // then); or a lock retry's time without either (the writer's lock and build are checked).
      let timer: NodeJS.Timeout | undefined;
      const first = await Promise.race([
        next,
        new Promise<typeof TURNED | typeof TIMED_OUT>((resolve) => {
          this.wakeWriter = () => resolve(TURNED);
          timer = setTimeout(resolve, this.options.lockRetryMs ?? 10_000, TIMED_OUT);
        }),
      ]);
      clearTimeout(timer);
      this.wakeWriter = undefined;
      if (first === TIMED_OUT) await this.checkBuild();
      if (first === TURNED || first === TIMED_OUT) {
        // Nothing to read now: the last commit has landed (or its failure is thrown here, and the batch read again).
        await this.settled();
        await this.afterBatch(writer);
        continue;
      }
      if (first.done) return this.settled();
      const batch = [first.value];
      const gatherUntil = Date.now() + (this.options.liveBatchMs ?? 1000);
      next = events.next();
      let ended = false;
      while (batch.length < this.batchSize) {
        const ready = await this.nextOrTurn(next, gatherUntil);
        if (ready === TURNED) break;
        if (ready.done) {
          ended = true;
          break;
        }
        batch.push(ready.value);
        next = events.next();
      }
      await this.applyBatch(batch, writer);
      if (ended) return this.settled();
      await this.afterBatch(writer);
    }
  }

  /**
   * The next event of a batch, or TURNED when the batch should end first: catching up, when the subscription catches
   * up (the events of the catch-up come one by one as their personal data is opened: the batch fills while they do);
   * live, at `gatherUntil` (or, past it, when the event loop turns before the next event: those already read only).
   */
  private async nextOrTurn(next: Promise<IteratorResult<StoredEvent>>, gatherUntil: number): Promise<IteratorResult<StoredEvent> | typeof TURNED> {
    let timer: NodeJS.Timeout | undefined;
    const wait = gatherUntil - Date.now();
    const turn = !this.subscriptionLive
      ? new Promise<typeof TURNED>((resolve) => (this.wakeWriter = () => resolve(TURNED)))
      : wait > 0
        ? new Promise<typeof TURNED>((resolve) => (timer = setTimeout(resolve, wait, TURNED)))
        : new Promise<typeof TURNED>((resolve) => setImmediate(resolve, TURNED));
    try {
      return await Promise.race([next, turn]);
    } finally {
      clearTimeout(timer);
      this.wakeWriter = undefined;
    }
  }

  /** Fetches what the batch reads, folds it, commits its changes with its last event as the checkpoint. */
  private async applyBatch(batch: readonly StoredEvent[], writer: BuildWriter): Promise<void> {
    const build = this.build!;
    const wanted = new Map<string, Set<string>>();
    for (const event of batch) {
      if (!this.types.has(event.type)) continue;
      for (const [collection, key] of this.projection.reads(event)) {
        let keys = wanted.get(collection);
        if (keys === undefined) wanted.set(collection, (keys = new Set()));
        keys.add(key);
      }
    }
    // Read while the batch before may still be committing: its changes lie over what the database answers.
    const documents = new BatchDocuments(this.uncommitted);
    for (const [collection, keys] of wanted) documents.fetched(collection, await this.readModels.readDocuments(build.buildId, collection, [...keys]));
    let applied = this.applied;
    for (const event of batch) {
      if (!this.types.has(event.type)) continue;
      this.definition.apply(documents, event);
      applied += 1;
    }
    const checkpoint = batch.at(-1)!.position;
    const changes = documents.changes();
    const layer = documents.changedLayer();
    this.applied = applied;
    // One commit at a time, in order: this one starts once the one before has landed, and runs while the next
    // batch is read (a failure is thrown by the next wait for it: see settled()).
    await this.committing;
    this.uncommitted = layer;
    const commit = writer.commit(changes, checkpoint, applied).then(() => {
      this.persisted = checkpoint;
      this.eventsApplied = applied;
      this.lastError = undefined;
      if (this.uncommitted === layer) this.uncommitted = undefined;
      this.releaseCaughtUp();
    });
    commit.catch(() => undefined);
    this.committing = commit;
  }

  /** Once every commit started has landed (throws the failure of one that did not). */
  private settled(): Promise<void> {
    return this.committing;
  }

  /** Once caught up: a new build is activated (readers are served from it from then on). */
  private async afterBatch(writer: BuildWriter): Promise<void> {
    if (!writer.healthy) throw new Error(`lost the writer lock of ${this.definition.name}`);
    if (!this.subscriptionLive || this.live) return;
    await this.settled();
    // Its read is filtered in the store, and has looked further than its last event: nothing of its types lies
    // before where it went live. That is its checkpoint, or the next boot would read from its last event again.
    const looked = this.subscription?.status.position;
    if (looked !== undefined && looked !== 'start' && (this.persisted === 'start' || comparePositions(looked, this.persisted) > 0)) {
      await writer.commit([], looked, this.applied);
      this.persisted = looked;
      this.releaseCaughtUp();
    }
    if (this.build!.status === 'building') {
      await writer.activate();
      this.build = { ...this.build!, status: 'active' };
      this.logger.log(`build ${this.build.buildId} (version ${this.definition.version}) caught up and is now active`);
    }
    this.goLive();
  }

  /**
   * A quiet writer's look at its build: still this projection's build, not retired (two instances that created a build
   * at once: the later activation retires the other's, whose documents are then deleted). A busy writer learns it
   * from its next commit, which a retired build refuses.
   */
  private async checkBuild(): Promise<void> {
    const buildId = this.build!.buildId;
    const builds = await this.readModels.builds(this.definition.name);
    const ours = builds.find((each) => each.buildId === buildId);
    if (ours === undefined || ours.status === 'retired') throw new StaleBuildWriterError(buildId);
  }

  /** Another instance writes: follow its checkpoint until this one may become the writer (or the build changes). */
  private async watch(): Promise<void> {
    const buildId = this.build!.buildId;
    const until = Date.now() + (this.options.lockRetryMs ?? 10_000);
    while (!this.stopping && Date.now() < until) {
      await this.pause(this.waiting.length > 0 ? (this.options.pollMs ?? 100) : IDLE_POLL_MS, true);
      const builds = await this.readModels.builds(this.definition.name);
      const ours = builds.find((each) => each.buildId === buildId);
      const active = builds.find((each) => each.status === 'active');
      if (ours === undefined || ours.status === 'retired' || (active !== undefined && active.buildId !== buildId)) return;
      this.adopt(ours);
    }
  }

  private goLive(): void {
    this.live = true;
    this.markLive();
  }

  private persistedTo(position: GlobalPosition): boolean {
    return this.persisted !== 'start' && comparePositions(this.persisted, position) >= 0;
  }

  private releaseCaughtUp(): void {
    if (this.waiting.length === 0) return;
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (this.persistedTo(waiter.position)) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  /** Stopped or failed: nothing more will be persisted by this runner, so nobody is kept waiting. */
  private releaseWaiting(): void {
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  /** Waits `ms`, or until stop(); `wakeable`: or until someone starts waiting for the checkpoint (whenPersistedTo). */
  private async pause(ms: number, wakeable = false): Promise<void> {
    const woken = wakeable ? new Promise<void>((resolve) => (this.wakeWatch = resolve)) : undefined;
    await Promise.race([sleep(ms, undefined, { signal: this.stopped.signal }).catch(() => undefined), ...(woken ? [woken] : [])]);
    this.wakeWatch = undefined;
  }
}

/**
 * The newest event of `eventTypes` the store holds now past `from`, if any: what a reader that must see everything
 * stored so far waits for (read-your-writes; StoredProjectionRunner and the platform's PersistedFollower).
 */
export async function newestStoredSince(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  from: ReadAllFrom,
  eventTypes: readonly string[],
): Promise<GlobalPosition | undefined> {
  const head = await store.headPosition();
  if (head === 'start' || (from !== 'start' && comparePositions(from, head) >= 0)) return undefined;
  let newest: GlobalPosition | undefined;
  for await (const event of store.readAll({ from, until: { position: head }, filter: { eventTypes } })) newest = event.position;
  return newest;
}

/**
 * The documents a batch of a stored projection reads and writes: those fetched for it, under the changes its
 * events made. A document the fold reads that was not fetched is a mistake in the projection's `reads`: an error.
 */
class BatchDocuments implements DocumentWriter {
  private readonly loaded = new Map<string, Map<string, unknown>>();
  private readonly changed = new Map<string, Map<string, unknown>>();

  /** `under`: the changes of the batch before, while they are being committed (they lie over the fetched documents). */
  constructor(private readonly under: DocumentLayer | undefined) {}

  fetched(collection: string, documents: Map<string, unknown>): void {
    this.loaded.set(collection, documents);
  }

  get<T>(collection: string, key: string): T | undefined {
    const changed = this.changed.get(collection);
    if (changed?.has(key)) return changed.get(key) as T | undefined;
    const under = this.under?.get(collection);
    if (under?.has(key)) return under.get(key) as T | undefined;
    const loaded = this.loaded.get(collection);
    if (loaded === undefined) throw new Error(`read ${collection}/${key}, which the projection's reads() did not name`);
    return loaded.get(key) as T | undefined;
  }

  put(collection: string, key: string, document: unknown): void {
    this.changesOf(collection).set(key, document);
  }

  delete(collection: string, key: string): void {
    this.changesOf(collection).set(key, undefined);
  }

  /** The documents changed, as they are now (not serialised). */
  changedLayer(): DocumentLayer {
    return this.changed;
  }

  changes(): DocumentChange[] {
    const changes: DocumentChange[] = [];
    this.changed.forEach((documents, collection) =>
      documents.forEach((document, key) => changes.push({ collection, key, json: document === undefined ? null : JSON.stringify(document) })),
    );
    return changes;
  }

  values(): never {
    return this.unavailable('values');
  }

  overlapping(): never {
    return this.unavailable('overlapping');
  }

  holding(): never {
    return this.unavailable('holding');
  }

  changeCount(): never {
    return this.unavailable('changeCount');
  }

  timeFloor(): never {
    return this.unavailable('timeFloor');
  }

  size(): never {
    return this.unavailable('size');
  }

  private changesOf(collection: string): Map<string, unknown> {
    let documents = this.changed.get(collection);
    if (documents === undefined) this.changed.set(collection, (documents = new Map()));
    return documents;
  }

  private unavailable(method: string): never {
    throw new Error(`${method}() reads a whole collection: a stored projection's fold reads documents by key only`);
  }
}
