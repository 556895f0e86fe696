/**
 * Runs one projection in a process: keeps its documents in memory for readers, follows the store from the
 * build's checkpoint, and, while it is the build's writer, persists the changed documents with the
 * checkpoint in one transaction per batch (catch-up: one per page the store returns, at most `batchSize`
 * events; live: one per commit).
 *
 * Which build it follows: the active build when its version is this code's; else a build of this version
 * still being built (resumed from its checkpoint); else a new one, built from the start beside the active
 * build of another version, and activated when it has caught up. Readers are served by the state that is
 * caught up; a state being loaded or rebuilt replaces it only once it has read as far.
 *
 * Who writes: whoever holds the build's writer (on PostgreSQL an advisory lock). The other instances follow
 * the store in memory and serve reads; every `lockRetryMs` they try to become the writer, and one that does
 * reloads the build from the database and carries on from its checkpoint.
 */
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
import { DocumentState, type DocumentChange } from './document-state';
import type { DocumentReader, ProjectionDefinition } from './projection';
import { StaleBuildWriterError, type BuildRecord, type BuildWriter, type ReadModelStore } from './read-model-store.port';

export interface ProjectionRunnerOptions {
  /** Most events in one catch-up transaction. */
  readonly batchSize?: number;
  /** How often an instance that is not the writer tries to become it, and checks for a newly activated build. */
  readonly lockRetryMs?: number;
  /** Build a new build even when an active one of this version exists (replay). */
  readonly rebuild?: boolean;
  /** Called after each batch is persisted (the CLI's progress bar). */
  readonly onProgress?: (progress: ProjectionProgress) => void;
}

export interface ProjectionProgress {
  readonly eventsApplied: number;
  readonly position: ReadAllFrom;
}

export type RunnerRole = 'writer' | 'follower';

export interface ProjectionStatus {
  readonly projection: string;
  readonly version: number;
  readonly buildId: number | null;
  readonly buildStatus: 'building' | 'active' | 'memory-only';
  readonly role: RunnerRole;
  readonly state: 'starting' | 'catching-up' | 'live' | 'stopped' | 'failed';
  /** Last event applied to the state readers see. */
  readonly position: string | null;
  /** Last event whose changes are persisted (writer only). */
  readonly persistedPosition: string | null;
  readonly eventsApplied: number;
  readonly error?: string;
}

interface Cycle {
  readonly state: DocumentState;
  readonly build: BuildRecord | undefined;
  writer: BuildWriter | undefined;
  position: ReadAllFrom;
  persisted: ReadAllFrom;
  eventsApplied: number;
  live: boolean;
  subscription?: Subscription;
}

const DEFAULT_BATCH = 5000;

export class ProjectionRunner {
  private readonly logger: Logger;
  private serving: Cycle | undefined;
  private current: Cycle | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private failure: Error | undefined;
  private lastRecordedAt: Date | undefined;
  private markLive!: () => void;
  private readonly liveOnce = new Promise<void>((resolve) => (this.markLive = resolve));
  private waiting: Array<{ position: GlobalPosition; resolve: () => void }> = [];
  private wakeCycle: (() => void) | undefined;
  private stopWhenLive = false;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore | undefined,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.logger = new Logger(`Projection ${definition.name}`);
  }

  /** The documents readers see; undefined until the first state has caught up with the store. */
  get documents(): DocumentReader | undefined {
    return this.serving?.state;
  }

  start(): void {
    if (this.running) return;
    this.running = this.loop().catch((error: Error) => {
      this.failure = error;
      this.logger.error(`stopped: ${error.message}`);
    });
  }

  /** Runs until the build has caught up with the store, persisted and (for a new build) activated; then stops. */
  async runToLive(): Promise<ProjectionStatus> {
    this.stopWhenLive = true;
    this.start();
    await Promise.race([this.liveOnce, this.running]);
    if (this.failure) throw this.failure;
    await this.stop();
    return this.status();
  }

  whenLive(): Promise<void> {
    return this.liveOnce;
  }

  /** Resolves once readers see every event up to `position`. */
  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    const at = this.serving?.position;
    if (at !== undefined && at !== 'start' && comparePositions(at, position) >= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
  }

  status(): ProjectionStatus {
    const cycle = this.serving ?? this.current;
    const state = this.failure
      ? 'failed'
      : this.stopping
        ? 'stopped'
        : cycle === undefined
          ? 'starting'
          : this.serving?.live
            ? 'live'
            : 'catching-up';
    return {
      projection: this.definition.name,
      version: this.definition.version,
      buildId: cycle?.build?.buildId ?? null,
      buildStatus: cycle?.build === undefined ? 'memory-only' : cycle.build.status === 'active' ? 'active' : 'building',
      role: cycle?.writer ? 'writer' : 'follower',
      state,
      position: cycle === undefined || cycle.position === 'start' ? null : encodePosition(cycle.position),
      persistedPosition: cycle === undefined || cycle.persisted === 'start' ? null : encodePosition(cycle.persisted),
      eventsApplied: cycle?.eventsApplied ?? 0,
      ...(this.failure ? { error: this.failure.message } : {}),
    };
  }

  /** Seconds the state readers see trails the newest event it has applied (0 when live). */
  secondsBehind(now = Date.now()): number {
    if (this.serving?.live) return 0;
    return this.lastRecordedAt === undefined ? 0 : Math.max(0, (now - this.lastRecordedAt.getTime()) / 1000);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeCycle?.();
    await this.current?.subscription?.close();
    await this.running;
    await this.current?.writer?.release();
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  // ------------------------------------------------------------------------------------------------------

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const cycle = await this.prepareCycle();
      // A new build or a reload: the old state is served until this one has read as far (see follow()).
      this.current = cycle;
      const outcome = await this.follow(cycle);
      await cycle.writer?.release();
      cycle.writer = undefined;
      if (outcome === 'done' || this.stopping) return;
    }
  }

  /** Picks the build to follow, loads its documents and tries to become its writer. */
  private async prepareCycle(): Promise<Cycle> {
    const { definition, readModels } = this;
    if (readModels === undefined) return this.newCycle(undefined, undefined);
    let build: BuildRecord | undefined;
    const builds = await readModels.builds(definition.name);
    const active = builds.find((each) => each.status === 'active');
    if (active?.version === definition.version && !this.options.rebuild) build = active;
    else {
      build = builds.filter((each) => each.status === 'building' && each.version === definition.version).at(-1);
      if (build === undefined && active !== undefined && active.version > definition.version) {
        this.logger.warn(`the active build is version ${active.version}, newer than this code's ${definition.version}: serving from memory only`);
        return this.newCycle(undefined, undefined);
      }
      build ??= await readModels.createBuild(definition.name, definition.version);
    }
    const writer = await readModels.tryWriter(build.buildId);
    const cycle = this.newCycle(build, writer);
    const loaded = await readModels.loadBuild(build.buildId, (collection, key, document) => cycle.state.load(collection, key, document));
    if (loaded === undefined) {
      await writer?.release();
      return this.prepareCycle();
    }
    cycle.position = cycle.persisted = loaded.checkpoint;
    cycle.eventsApplied = loaded.eventsApplied;
    (cycle as { build: BuildRecord }).build = loaded;
    return cycle;
  }

  private newCycle(build: BuildRecord | undefined, writer: BuildWriter | undefined): Cycle {
    return {
      state: new DocumentState(this.definition.collections, writer !== undefined),
      build,
      writer,
      position: 'start',
      persisted: 'start',
      eventsApplied: 0,
      live: false,
    };
  }

  /**
   * Applies events until stopped ('done' after a build reached live in runToLive mode), or until the
   * cycle must be redone: the writer was lost or refused, or this follower became able to write.
   */
  private async follow(cycle: Cycle): Promise<'done' | 'again'> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH;
    let again = false;
    let committing: Promise<void> = Promise.resolve();
    let pendingEvents = 0;
    let flushScheduled = false;
    let failure: Error | undefined;

    const flush = (): Promise<void> => {
      flushScheduled = false;
      if (cycle.writer === undefined || pendingEvents === 0 || cycle.position === 'start') return committing;
      const changes: DocumentChange[] = cycle.state.takeChanges();
      const checkpoint = cycle.position;
      const eventsApplied = cycle.eventsApplied;
      const writer = cycle.writer;
      pendingEvents = 0;
      committing = committing.then(async () => {
        if (failure) return;
        try {
          await writer.commit(changes, checkpoint, eventsApplied);
          cycle.persisted = checkpoint;
          this.options.onProgress?.({ eventsApplied, position: checkpoint });
        } catch (error) {
          failure = error as Error;
          again = true;
          if (!(error instanceof StaleBuildWriterError)) this.logger.warn(`could not persist a batch: ${(error as Error).message}; reloading`);
          void cycle.subscription?.close();
        }
      });
      return committing;
    };

    const goneLive = async (): Promise<void> => {
      await flush();
      if (failure) return;
      if (cycle.writer && cycle.build && cycle.build.status === 'building') {
        await cycle.writer.activate();
        (cycle as { build: BuildRecord }).build = { ...cycle.build, status: 'active' };
        this.logger.log(`build ${cycle.build.buildId} (version ${this.definition.version}) caught up and is now active`);
      }
      cycle.live = true;
      this.serve(cycle);
      this.markLive();
      if (this.stopWhenLive) void cycle.subscription?.close();
    };

    let statusChanges: Promise<void> = Promise.resolve();
    const subscription = this.store.subscribe({
      from: cycle.position,
      filter: { eventTypes: this.definition.eventTypes },
      batchSize: Math.min(batchSize, 5000),
      onStatus: (status) => {
        if (status.state === 'live' && !cycle.live) statusChanges = statusChanges.then(goneLive);
        if (status.state === 'catching-up') cycle.live = false;
      },
    });
    cycle.subscription = subscription;

    // A follower keeps trying to become the writer; anyone checks whether another build was activated.
    const timer = setInterval(() => {
      void this.shouldRedo(cycle).then((redo) => {
        if (redo) {
          again = true;
          void subscription.close();
        }
      });
    }, this.options.lockRetryMs ?? 2000);
    this.wakeCycle = () => void subscription.close();

    try {
      for await (const event of subscription) {
        this.applyEvent(cycle, event);
        pendingEvents += 1;
        if (pendingEvents >= batchSize) await flush();
        else if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(() => void flush());
        }
        if (this.serving !== cycle && (cycle.live || this.servingIsBehind(cycle))) this.serve(cycle);
      }
    } finally {
      clearInterval(timer);
    }
    await statusChanges;
    await flush();
    await committing;
    return again && !this.stopping && !(this.stopWhenLive && cycle.live) ? 'again' : 'done';
  }

  private applyEvent(cycle: Cycle, event: StoredEvent): void {
    this.definition.apply(cycle.state, event);
    cycle.position = event.position;
    cycle.eventsApplied += 1;
    this.lastRecordedAt = event.recordedAt;
    if (this.serving === cycle && this.waiting.length > 0) this.release(event.position);
  }

  /** A state replaces the one readers see once it has read at least as far (or when there is none yet). */
  private servingIsBehind(cycle: Cycle): boolean {
    const serving = this.serving;
    if (serving === undefined) return false; // the first state is served once it is live
    if (serving.position === 'start') return true;
    return cycle.position !== 'start' && comparePositions(cycle.position, serving.position) >= 0;
  }

  private serve(cycle: Cycle): void {
    if (this.serving === cycle) return;
    this.serving = cycle;
    if (cycle.position !== 'start') this.release(cycle.position);
  }

  private release(position: GlobalPosition): void {
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (comparePositions(position, waiter.position) >= 0) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }

  private async shouldRedo(cycle: Cycle): Promise<boolean> {
    if (this.stopping || this.readModels === undefined) return false;
    try {
      if (cycle.writer !== undefined) return !cycle.writer.healthy;
      const active = await this.readModels.activeBuild(this.definition.name);
      if (active !== undefined && active.version === this.definition.version && active.buildId !== cycle.build?.buildId) return true;
      if (cycle.build === undefined) return false;
      const writer = await this.readModels.tryWriter(cycle.build.buildId);
      if (writer === undefined) return false;
      await writer.release(); // the next cycle takes it again, after reloading the build
      return true;
    } catch {
      return false;
    }
  }
}
