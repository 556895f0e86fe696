/**
 * A projection an app answers from in memory (the roster routing reads), run on the projection runner and persisted
 * with its checkpoint in the read models' database: a boot loads its documents and reads only the events stored
 * since. One instance of a deployment writes it (the build's writer); the others follow the store in memory. (A
 * read model too large to load at every boot is served from its persisted documents instead: StoredProjectionRunner.)
 *
 * It reads only its own event types from the store (a type filter in the store), so its position moves on
 * exactly the events a router waits for (whenCaughtUpTo).
 */
import { decodePosition, type EventStore, type GlobalPosition, type SubscribeOptions } from '#libs/event-store';
import { ProjectionRunner, newestStoredSince, type DocumentReader, type ProjectionDefinition, type ReadModelStore } from '#libs/projections';
import type { FollowerStatus } from '../store-follower/store-follower';

export class PersistedFollower {
  private runner: ProjectionRunner | undefined;
  private store: EventStore | undefined;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(readonly projection: ProjectionDefinition) {}

  /** Starts following `store` (read in the view the projection needs) into `readModels`. */
  start(store: EventStore, readModels: ReadModelStore): void {
    this.store = store;
    const eventTypes = this.projection.eventTypes;
    const source = { subscribe: (options: SubscribeOptions) => store.subscribe({ ...options, filter: { eventTypes } }) };
    // Served from memory: the persisted copy only shortens the next boot. So it is committed at most once a second
    // while live (not once per command), and a follower tries to become the writer every 10 s rather than 2 (a
    // connection each time on PostgreSQL; every app instance runs one; its own state stays current meanwhile).
    this.runner = new ProjectionRunner(this.projection, source, readModels, { lockRetryMs: 10_000, liveCommitDelayMs: 1000 });
    this.runner.start();
    this.markStarted();
  }

  /** The documents answered from; undefined until it has caught up with the store once. */
  documents(): DocumentReader | undefined {
    return this.runner?.documents;
  }

  status(): FollowerStatus {
    if (this.runner === undefined) return { state: 'starting', eventsRead: 0, position: null };
    const { state, eventsApplied, position, role, error } = this.runner.status();
    return { state, eventsRead: eventsApplied, position, role, ...(error !== undefined ? { error } : {}) };
  }

  /** Resolves once everything stored when the app started has been read. */
  async whenCaughtUp(): Promise<void> {
    await this.started;
    await this.runner!.whenLive();
  }

  /** Resolves once the store has been read up to `position` (an event of the projection's types). */
  async whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    await this.started;
    await this.runner!.whenCaughtUpTo(position);
  }

  /**
   * Resolves once everything of its types that the store holds now has been read (read-your-writes: an import
   * right after a capture finds the captured lead). Looks up the newest such event past what it has read.
   */
  async whenCurrent(): Promise<void> {
    await this.whenCaughtUp();
    const read = this.runner!.status().position;
    const newest = await newestStoredSince(this.store!, read === null ? 'start' : decodePosition(read), this.projection.eventTypes);
    if (newest !== undefined) await this.whenCaughtUpTo(newest);
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }
}
