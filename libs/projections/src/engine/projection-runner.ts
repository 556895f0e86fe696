/**
 * Runs projections in a process: keeps their documents in memory for readers, follows the store from each
 * build's checkpoint, and, while it is a build's writer, persists the changed documents with the
 * checkpoint in one transaction per batch (catch-up: `batchSize` events, committed while the next batch
 * is read; live: one per commit).
 *
 * Several projections run from one read of the store (one subscription, filtered in memory): rebuilding
 * them all costs one pass over the history. Each keeps its own build, checkpoint and writer; one that is
 * ahead of another skips the events it has already applied.
 *
 * Which build a projection follows: the active build when its version is this code's; else a build of
 * this version still being built (resumed from its checkpoint); else a new one, built from the start
 * beside the active build of another version and activated when it has caught up. Readers are served by a
 * state that is caught up; a state being loaded or rebuilt replaces it only once it has read as far.
 *
 * Who writes: whoever holds the build's writer (on PostgreSQL an advisory lock). Other instances follow
 * the store in memory and serve reads; every `lockRetryMs` they try to become the writer, and one that
 * does reloads the build from the database and carries on from its checkpoint. The writer of an active build
 * looks as often whether another build replaced it (a replay) and then follows that one. A load of the builds
 * that fails (the database restarting, out of connections) is tried again, unless the runner runs to live; a
 * cycle whose commit failed is redone after a pause too.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import {
  comparePositions,
  encodePosition,
  type EventStore,
  type GlobalPosition,
  type ReadAllFrom,
  type StoredEvent,
  type Subscription,
} from '#libs/event-store';
import { DocumentState } from './document-state';
import type { DocumentReader, ProjectionDefinition } from './projection';
import { StaleBuildWriterError, type BuildRecord, type BuildWriter, type ReadModelStore } from './read-model-store.port';

export interface ProjectionRunnerOptions {
  /** Events in one catch-up transaction (default 20,000; live, one transaction per commit). */
  readonly batchSize?: number;
  /** How often an instance that is not the writer tries to become it, and checks for a newly activated build. */
  readonly lockRetryMs?: number;
  /** Build new builds even where an active one of this version exists (replay). */
  readonly rebuild?: boolean;
  /**
   * Read the store's pages on a thread of their own while catching up (SubscribeOptions.catchUpThread):
   * the folds run beside the read rather than after it. For long catch-ups (replay); default false.
   */
  readonly catchUpThread?: boolean;
  /** Called after each batch a projection persisted (the CLI's progress bar). */
  readonly onProgress?: (progress: ProjectionProgress) => void;
}

/**
 * How a replay runs (the CLI's `replay`, and the benchmark as it): new builds beside the active ones, the
 * store read on a catch-up thread, and batches of 50,000 events — a document changed many times in a batch
 * is written once, and nobody waits on a new build's progress (larger batches: faster at the same peak RSS,
 * as bench:projections shows). Open its read models with `{ writerThread: true }`.
 */
export const REPLAY_RUNNER_OPTIONS = { rebuild: true, catchUpThread: true, batchSize: 50_000 } as const satisfies ProjectionRunnerOptions;

export interface ProjectionProgress {
  readonly projection: string;
  readonly eventsApplied: number;
  readonly position: ReadAllFrom;
}

type RunnerRole = 'writer' | 'follower';

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly buildId: number | null;
  readonly buildStatus: 'building' | 'active' | 'memory-only';
  readonly role: RunnerRole;
  readonly state: 'starting' | 'catching-up' | 'live' | 'stopped' | 'failed';
  /** Last event read into the state readers see (commit/prepare). */
  readonly position: string | null;
  /** Last event whose changes are persisted (writer only). */
  readonly persistedPosition: string | null;
  readonly eventsApplied: number;
  readonly error?: string;
}

/** One projection's part of a cycle: its state, build and writer. */
interface Part {
  readonly definition: ProjectionDefinition;
  readonly types: ReadonlySet<string>;
  readonly state: DocumentState;
  build: BuildRecord | undefined;
  writer: BuildWriter | undefined;
  /** Last event read (applied, or skipped as not of its types). */
  position: ReadAllFrom;
  persisted: ReadAllFrom;
  eventsApplied: number;
  /** Events read since the last persisted batch. */
  pending: number;
  committing: Promise<void>;
  lastRecordedAt: Date | undefined;
}

interface Cycle {
  readonly parts: Part[];
  live: boolean;
  subscription?: Subscription;
}

const DEFAULT_BATCH = 20_000;
/**
 * Waits between attempts when the read models' database does not answer (a load of the builds failed) or a
 * commit failed: every step of a cycle on SQLite is synchronous, so a cycle redone at once after a commit
 * that keeps failing (a document the store refuses) would never yield to the event loop.
 */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5000;
/** Events a page while catching up on a thread (see follow()). */
const THREAD_PAGE = 1000;

export class ProjectionRunner {
  private readonly logger: Logger;
  private readonly definitions: readonly ProjectionDefinition[];
  /** Per projection, the part readers are served from. */
  private readonly serving = new Map<string, { part: Part; cycle: Cycle }>();
  private current: Cycle | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Aborted by stop(): ends a wait between attempts (a failed load of the builds, a failed commit). */
  private readonly stopped = new AbortController();
  private failure: Error | undefined;
  private markLive!: () => void;
  private readonly liveOnce = new Promise<void>((resolve) => (this.markLive = resolve));
  private waiting: Array<{ position: GlobalPosition; resolve: () => void }> = [];
  private stopWhenLive = false;

  constructor(
    definitions: ProjectionDefinition | readonly ProjectionDefinition[],
    /** The store, or another source of its events in the same global order (e.g. Kafka: libs/messaging). */
    private readonly store: Pick<EventStore, 'subscribe'>,
    private readonly readModels: ReadModelStore | undefined,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.definitions = Array.isArray(definitions) ? definitions : [definitions as ProjectionDefinition];
    if (this.definitions.length === 0) throw new Error('a projection runner needs at least one projection');
    this.logger = new Logger(`Projection ${this.definitions.map((d) => d.name).join('+')}`);
  }

  /** The documents readers see (of the first projection); undefined until its first state has caught up. */
  get documents(): DocumentReader | undefined {
    return this.documentsOf(this.definitions[0]!.name);
  }

  documentsOf(projection: string): DocumentReader | undefined {
    return this.serving.get(projection)?.part.state;
  }

  start(): void {
    if (this.running) return;
    this.running = this.loop().catch((error: Error) => {
      this.failure = error;
      this.logger.error(`stopped: ${error.message}`);
    });
  }

  /** Runs until every build has caught up with the store, persisted and (a new build) activated; then stops. */
  async runToLive(): Promise<ProjectionStatus[]> {
    this.stopWhenLive = true;
    this.start();
    await Promise.race([this.liveOnce, this.running]);
    if (this.failure) throw this.failure;
    await this.stop();
    return this.statuses();
  }

  whenLive(): Promise<void> {
    return this.liveOnce;
  }

  /** Resolves once readers of every projection see every event up to `position`. */
  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    if (this.servedUpTo(position)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
  }

  /** The status of the first projection (the only one, for a runner of one). */
  status(): ProjectionStatus {
    return this.statusOf(this.definitions[0]!.name);
  }

  statuses(): ProjectionStatus[] {
    return this.definitions.map((definition) => this.statusOf(definition.name));
  }

  statusOf(projection: string): ProjectionStatus {
    const definition = this.definitions.find((each) => each.name === projection);
    if (definition === undefined) throw new Error(`this runner does not run ${projection}`);
    const served = this.serving.get(projection);
    const part = served?.part ?? this.current?.parts.find((each) => each.definition.name === projection);
    const state = this.failure
      ? 'failed'
      : this.stopping
        ? 'stopped'
        : part === undefined
          ? 'starting'
          : served?.cycle.live
            ? 'live'
            : 'catching-up';
    return {
      projection,
      version: definition.version,
      buildId: part?.build?.buildId ?? null,
      buildStatus: part?.build === undefined ? 'memory-only' : part.build.status === 'active' ? 'active' : 'building',
      role: part?.writer ? 'writer' : 'follower',
      state,
      position: part === undefined || part.position === 'start' ? null : encodePosition(part.position),
      persistedPosition: part === undefined || part.persisted === 'start' ? null : encodePosition(part.persisted),
      eventsApplied: part?.eventsApplied ?? 0,
      ...(this.failure ? { error: this.failure.message } : {}),
    };
  }

  /** Seconds the state readers see of `projection` trails the newest event it has read (0 when live). */
  secondsBehind(projection = this.definitions[0]!.name, now = Date.now()): number {
    const served = this.serving.get(projection);
    if (served?.cycle.live) return 0;
    const at = (served?.part ?? this.current?.parts.find((each) => each.definition.name === projection))?.lastRecordedAt;
    return at === undefined ? 0 : Math.max(0, (now - at.getTime()) / 1000);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await this.current?.subscription?.close();
    await this.running;
    for (const part of this.current?.parts ?? []) await part.writer?.release();
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  // ------------------------------------------------------------------------------------------------------

  private async loop(): Promise<void> {
    let retryMs = RETRY_FIRST_MS;
    const backOff = async (): Promise<void> => {
      await this.pause(retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
    while (!this.stopping) {
      const cycle: Cycle = { parts: [], live: false };
      this.current = cycle;
      try {
        for (const definition of this.definitions) cycle.parts.push(await this.preparePart(definition));
      } catch (error) {
        for (const part of cycle.parts) await part.writer?.release();
        // A run to live (the CLI's replay) reports it; a running service keeps serving what it has and tries
        // again: the read models' database restarting or out of connections must not end its projections.
        if (this.stopWhenLive || this.stopping) throw error;
        this.logger.warn(`could not load the builds: ${(error as Error).message}; trying again in ${retryMs} ms`);
        await backOff();
        continue;
      }
      // A new build or a reload: the old state is served until this one has read as far (see follow()).
      const outcome = await this.follow(cycle);
      for (const part of cycle.parts) {
        await part.writer?.release();
        part.writer = undefined;
      }
      if (outcome === 'done' || this.stopping) return;
      if (outcome === 'commit-failed') await backOff();
      else retryMs = RETRY_FIRST_MS;
    }
  }

  /** Waits `ms`, or until stop(). */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopped.signal }).catch(() => undefined);
  }

  /** Picks the build a projection follows, loads its documents and tries to become its writer. */
  private async preparePart(definition: ProjectionDefinition): Promise<Part> {
    const { readModels } = this;
    if (readModels === undefined) return this.newPart(definition, undefined, undefined);
    let build: BuildRecord | undefined;
    const builds = await readModels.builds(definition.name);
    const active = builds.find((each) => each.status === 'active');
    if (active?.version === definition.version && !this.options.rebuild) build = active;
    else {
      build = builds.filter((each) => each.status === 'building' && each.version === definition.version).at(-1);
      if (build === undefined && active !== undefined && active.version > definition.version) {
        this.logger.warn(
          `${definition.name}: the active build is version ${active.version}, newer than this code's ${definition.version}: serving from memory only`,
        );
        return this.newPart(definition, undefined, undefined);
      }
      build ??= await readModels.createBuild(definition.name, definition.version);
    }
    const writer = await readModels.tryWriter(build.buildId);
    const part = this.newPart(definition, build, writer);
    let loaded: BuildRecord | undefined;
    try {
      loaded = await readModels.loadBuild(build.buildId, (collection, key, document) => part.state.load(collection, key, document));
    } catch (error) {
      await writer?.release();
      throw error;
    }
    if (loaded === undefined) {
      await writer?.release();
      return this.preparePart(definition);
    }
    part.build = loaded;
    part.position = part.persisted = loaded.checkpoint;
    part.eventsApplied = loaded.eventsApplied;
    return part;
  }

  private newPart(definition: ProjectionDefinition, build: BuildRecord | undefined, writer: BuildWriter | undefined): Part {
    return {
      definition,
      types: new Set(definition.eventTypes),
      state: DocumentState.of(definition, writer !== undefined),
      build,
      writer,
      position: 'start',
      persisted: 'start',
      eventsApplied: 0,
      pending: 0,
      committing: Promise.resolve(),
      lastRecordedAt: undefined,
    };
  }

  /**
   * Applies events until stopped ('done'; also once live when running to live), or until the cycle must
   * be redone ('again'): a writer was lost or refused, a follower can now write, another build was activated;
   * 'commit-failed' when a commit failed (redone after a pause).
   */
  private async follow(cycle: Cycle): Promise<'done' | 'again' | 'commit-failed'> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH;
    let again = false;
    let commitFailed = false;
    let pendingEvents = 0;
    let flushScheduled = false;

    const redo = (): void => {
      again = true;
      void cycle.subscription?.close();
    };

    const persist = (part: Part): Promise<void> => {
      const writer = part.writer;
      if (writer === undefined || part.pending === 0 || part.position === 'start') return part.committing;
      const changes = part.state.takeChanges();
      const checkpoint = part.position;
      const eventsApplied = part.eventsApplied;
      part.pending = 0;
      part.committing = part.committing.then(async () => {
        if (again) return;
        try {
          await writer.commit(changes, checkpoint, eventsApplied);
          part.persisted = checkpoint;
          this.options.onProgress?.({ projection: part.definition.name, eventsApplied, position: checkpoint });
        } catch (error) {
          if (!(error instanceof StaleBuildWriterError)) {
            this.logger.warn(`${part.definition.name}: could not persist a batch: ${(error as Error).message}; reloading`);
            commitFailed = true;
          }
          redo();
        }
      });
      return part.committing;
    };

    const flush = async (): Promise<void> => {
      flushScheduled = false;
      pendingEvents = 0;
      await Promise.all(cycle.parts.map(persist));
    };

    const goneLive = async (): Promise<void> => {
      await flush();
      if (again) return;
      for (const part of cycle.parts) {
        if (part.writer && part.build && part.build.status === 'building') {
          await part.writer.activate();
          part.build = { ...part.build, status: 'active' };
          this.logger.log(`${part.definition.name}: build ${part.build.buildId} (version ${part.definition.version}) caught up and is now active`);
        }
      }
      cycle.live = true;
      for (const part of cycle.parts) this.serve(part, cycle);
      this.markLive();
      if (this.stopWhenLive) void cycle.subscription?.close();
    };

    let statusChanges: Promise<void> = Promise.resolve();
    // One read for every projection: from the checkpoint furthest behind, filtered in memory (a type
    // filter in the store would cost more than it saves for projections that read nearly every type).
    const from = cycle.parts.reduce<ReadAllFrom>(
      (earliest, part) => (earliest === 'start' || part.position === 'start' || comparePositions(part.position, earliest) < 0 ? part.position : earliest),
      cycle.parts[0]!.position,
    );
    const subscription = this.store.subscribe({
      from,
      // Pages a thread reads are small: each event is decoded when its page arrives, and a page of 1,000
      // is folded before the young generation fills up, so its events die young (larger pages outlive it).
      batchSize: Math.min(batchSize, this.options.catchUpThread ? THREAD_PAGE : 5000),
      catchUpThread: this.options.catchUpThread ?? false,
      onStatus: (status) => {
        if (status.state === 'live' && !cycle.live) statusChanges = statusChanges.then(goneLive);
        if (status.state === 'catching-up') cycle.live = false;
      },
    });
    cycle.subscription = subscription;
    if (this.stopping) void subscription.close();

    const timer = setInterval(() => {
      void this.shouldRedo(cycle).then((must) => must && redo());
    }, this.options.lockRetryMs ?? 2000);

    try {
      for await (const event of subscription) {
        for (const part of cycle.parts) this.applyEvent(part, event);
        pendingEvents += 1;
        if (pendingEvents >= batchSize) {
          // Commit this batch while the next one is read and applied; wait only for the batch before it,
          // so that at most two batches of changes are in memory.
          const earlier = cycle.parts.map((part) => part.committing);
          void flush();
          await Promise.all(earlier);
        } else if (cycle.live && !flushScheduled) {
          // Live: what a commit brought is committed as soon as the runner waits for the store again (if the
          // batch before is still being committed, this one grows until that is done). Catching up, a batch
          // is committed when full (and when the runner has caught up).
          flushScheduled = true;
          void Promise.all(cycle.parts.map((part) => part.committing)).then(() => setImmediate(() => void flush()));
        }
        for (const part of cycle.parts) {
          if (this.serving.get(part.definition.name)?.part !== part && (cycle.live || this.servingIsBehind(part))) this.serve(part, cycle);
        }
        if (this.waiting.length > 0) this.release();
      }
    } finally {
      clearInterval(timer);
    }
    await statusChanges;
    await flush();
    if (!again || this.stopping || (this.stopWhenLive && cycle.live)) return 'done';
    return commitFailed ? 'commit-failed' : 'again';
  }

  private applyEvent(part: Part, event: StoredEvent): void {
    if (part.position !== 'start' && comparePositions(event.position, part.position) <= 0) return; // already in this build
    if (part.types.has(event.type)) {
      part.definition.apply(part.state, event);
      part.eventsApplied += 1;
    }
    part.position = event.position;
    part.pending += 1;
    part.lastRecordedAt = event.recordedAt;
  }

  /** A state replaces the one readers see once it has read at least as far (the first one: once live). */
  private servingIsBehind(part: Part): boolean {
    const served = this.serving.get(part.definition.name);
    if (served === undefined) return false;
    if (served.part.position === 'start') return true;
    return part.position !== 'start' && comparePositions(part.position, served.part.position) >= 0;
  }

  private serve(part: Part, cycle: Cycle): void {
    this.serving.set(part.definition.name, { part, cycle });
    if (this.waiting.length > 0) this.release();
  }

  private servedUpTo(position: GlobalPosition): boolean {
    for (const definition of this.definitions) {
      const at = this.serving.get(definition.name)?.part.position;
      if (at === undefined || at === 'start' || comparePositions(at, position) < 0) return false;
    }
    return true;
  }

  private release(): void {
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (this.servedUpTo(waiter.position)) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  private async shouldRedo(cycle: Cycle): Promise<boolean> {
    if (this.stopping || this.readModels === undefined) return false;
    try {
      for (const part of cycle.parts) {
        if (part.writer?.healthy === false) return true;
        const active = await this.readModels.activeBuild(part.definition.name);
        if (part.writer !== undefined) {
          // Its active build was replaced (a replay swapped a fresh copy in): follow that one now, not at the
          // next commit, which the retired build would refuse.
          if (part.build?.status === 'active' && active !== undefined && active.buildId !== part.build.buildId) return true;
          continue;
        }
        if (active !== undefined && active.version === part.definition.version && active.buildId !== part.build?.buildId) return true;
        if (part.build === undefined) continue;
        const writer = await this.readModels.tryWriter(part.build.buildId);
        if (writer === undefined) continue;
        await writer.release(); // the next cycle takes it again, after reloading the build
        return true;
      }
      return false;
    } catch {
      return false;
    }
  }
}

