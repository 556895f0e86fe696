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
import { EventStoreUnavailableError, comparePositions, isConnectionFailure, type EventStore, type GlobalPosition, type ReadAllFrom } from '#libs/event-store';
import { CycleCommits } from './cycle-commits';
import type { DocumentReader, ProjectionDefinition } from './projection';
import { preparePart, shouldRedo } from './projection-builds';
import { applyEvent, prepareEvent, type Cycle, type Part } from './projection-part';
import type { ProjectionRunnerOptions } from './projection-runner-options';
import { projectionStatus, secondsBehind, type ProjectionStatus } from './projection-status';
import type { ReadModelStore } from './read-model-store.port';
import { ServedStates } from './served-states';

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
  /** Per projection, the part readers are served from, and who waits for it to catch up. */
  private readonly served: ServedStates;
  private current: Cycle | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Aborted by stop(): ends a wait between attempts (a failed load of the builds, a failed commit). */
  private readonly stopped = new AbortController();
  private failure: Error | undefined;
  private markLive!: () => void;
  private readonly liveOnce = new Promise<void>((resolve) => (this.markLive = resolve));
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
    this.served = new ServedStates(this.definitions);
  }

  /** The documents readers see (of the first projection); undefined until its first state has caught up. */
  get documents(): DocumentReader | undefined {
    return this.documentsOf(this.definitions[0]!.name);
  }

  /**
   * The documents readers of `projection` see; undefined until its first state has caught up. While they load behind
   * the fold (ProjectionDefinition.loadInBackground; its status says `loading`) they are not all there yet: readers
   * that need every one wait with loadedDocumentsOf().
   */
  documentsOf(projection: string): DocumentReader | undefined {
    return this.served.get(projection)?.part.state;
  }

  /**
   * The documents readers of `projection` see, once every persisted one is loaded (at once unless they load behind
   * the fold); undefined until its first state has caught up, or once the runner stopped.
   */
  async loadedDocumentsOf(projection: string): Promise<DocumentReader | undefined> {
    for (;;) {
      const part = this.served.get(projection)?.part;
      if (part?.behind === undefined || part.behind.complete) return part?.state;
      if (this.stopping) return undefined;
      await part.behind.settled;
      // Stopped unfinished (its cycle was redone): the next cycle's part is served once it has caught up.
      if (!part.behind.complete) await this.pause(100);
    }
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
    return this.served.whenCaughtUpTo(position);
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
    const served = this.served.get(projection);
    return projectionStatus(definition, served?.part ?? this.cyclePart(projection), served?.cycle.live === true, this.stopping, this.failure);
  }

  /** Seconds the state readers see of `projection` trails the newest event it has read (0 when live). */
  secondsBehind(projection = this.definitions[0]!.name, now = Date.now()): number {
    const served = this.served.get(projection);
    return secondsBehind(served?.part ?? this.cyclePart(projection), served?.cycle.live === true, now);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await this.current?.subscription?.close();
    await this.running;
    for (const part of this.current?.parts ?? []) await part.writer?.release();
    this.served.releaseAll();
  }

  // ------------------------------------------------------------------------------------------------------

  /** Before the first state of `projection` is served: its part in the cycle being prepared or followed. */
  private cyclePart(projection: string): Part | undefined {
    return this.current?.parts.find((each) => each.definition.name === projection);
  }

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
        await this.prepareParts(cycle);
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
      let outcome: Awaited<ReturnType<ProjectionRunner['follow']>>;
      try {
        outcome = await this.follow(cycle);
      } catch (error) {
        // The database went away under a running service (a restart, a failover): as when loading the builds
        // above, it keeps serving what it has and reloads once it answers. Anything else still fails it.
        if (this.stopWhenLive || this.stopping || !isConnectionLoss(error)) throw error;
        this.logger.warn(`lost the database while following the store: ${(error as Error).message}; reloading in ${retryMs} ms`);
        outcome = 'commit-failed';
      }
      for (const part of cycle.parts) {
        part.behind?.stop();
        await part.writer?.release().catch(() => undefined);
        part.writer = undefined;
      }
      if (outcome === 'done' || this.stopping) return;
      if (outcome === 'commit-failed') await backOff();
      else retryMs = RETRY_FIRST_MS;
    }
  }

  /**
   * Prepares every projection's part at once, each in `cycle.parts` as soon as it is loaded (in the definitions'
   * order once all are): loading one build's documents waits on the database as much as it works, so the loads
   * overlap (one after the other, a boot on 1M events waited 0.6 s more for the kpi-facts after the work queues).
   * Throws the first failure, once every other preparation has ended (its writer is then in `cycle.parts`).
   */
  private async prepareParts(cycle: Cycle): Promise<void> {
    const prepared = await Promise.allSettled(
      this.definitions.map((definition) =>
        preparePart(definition, this.readModels, this.options, this.logger).then((part) => {
          cycle.parts.push(part);
        }),
      ),
    );
    const order = this.definitions.map((definition) => definition.name);
    cycle.parts.sort((a, b) => order.indexOf(a.definition.name) - order.indexOf(b.definition.name));
    const failed = prepared.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Waits `ms`, or until stop(). */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopped.signal }).catch(() => undefined);
  }

  /**
   * Applies events until stopped ('done'; also once live when running to live), or until the cycle must
   * be redone ('again'): a writer was lost or refused, a follower can now write, another build was activated;
   * 'commit-failed' when a commit failed (redone after a pause).
   */
  private async follow(cycle: Cycle): Promise<'done' | 'again' | 'commit-failed'> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH;
    const commits = new CycleCommits(cycle, batchSize, this.options, this.logger);

    const goneLive = async (looked: ReadAllFrom): Promise<void> => {
      // A subscription filtered in the store (a follower of a few event types) has looked further than its last
      // event: nothing of its types lies before where it went live. That is its checkpoint, or every boot would
      // read the history after its last event again (the call scripts: 3.7 s of a boot on 6.5M events). Counted as
      // pending, so that the flush below persists it (a commit without documents).
      for (const part of cycle.parts) {
        if (looked !== 'start' && (part.position === 'start' || comparePositions(looked, part.position) > 0)) {
          part.position = looked;
          part.pending += 1;
        }
      }
      await commits.flush();
      if (commits.again) return;
      for (const part of cycle.parts) {
        if (part.writer && part.build && part.build.status === 'building') {
          await part.writer.activate();
          part.build = { ...part.build, status: 'active' };
          this.logger.log(`${part.definition.name}: build ${part.build.buildId} (version ${part.definition.version}) caught up and is now active`);
        }
      }
      cycle.live = true;
      for (const part of cycle.parts) {
        this.served.serve(part, cycle);
        part.behind?.begin();
      }
      this.markLive();
      if (this.stopWhenLive) void cycle.subscription?.close();
      // Events read while the flush above ran were not live yet, so nothing scheduled their commit: schedule it now,
      // or they would wait for the next event (and a store that stays quiet would leave them unpersisted).
      else if (cycle.parts.some((part) => part.pending > 0)) commits.scheduleFlush();
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
        if (status.state === 'live' && !cycle.live) statusChanges = statusChanges.then(() => goneLive(status.position));
        if (status.state === 'catching-up') cycle.live = false;
      },
    });
    cycle.subscription = subscription;
    if (this.stopping) void subscription.close();

    const timer = setInterval(() => {
      void shouldRedo(cycle, this.readModels, this.stopping).then((must) => must && commits.redo());
    }, this.options.lockRetryMs ?? 2000);

    try {
      for await (const event of subscription) {
        for (const part of cycle.parts) if (part.behind !== undefined && !part.behind.complete) await prepareEvent(part, event);
        for (const part of cycle.parts) applyEvent(part, event);
        if (commits.eventRead()) {
          // Commit this batch while the next one is read and applied; wait only for the batch before it,
          // so that at most two batches of changes are in memory.
          await commits.commitBatch();
        } else if (cycle.live) {
          // Live: what a commit brought is committed as soon as the runner waits for the store again (if the
          // batch before is still being committed, this one grows until that is done). Catching up, a batch
          // is committed when full (and when the runner has caught up).
          commits.scheduleFlush();
        }
        this.served.serveCaughtUp(cycle);
      }
    } finally {
      clearInterval(timer);
    }
    await statusChanges;
    await commits.flush();
    if (!commits.again || this.stopping || (this.stopWhenLive && cycle.live)) return 'done';
    return commits.commitFailed ? 'commit-failed' : 'again';
  }
}

/** Whether `error` says the database connection was lost or refused (the store's or the driver's word), not anything about the data. */
function isConnectionLoss(error: unknown): boolean {
  return error instanceof EventStoreUnavailableError || isConnectionFailure(error);
}
