/**
 * Runs the read side's projections in this process: opens the read-model store, starts one runner per
 * projection at boot, reports each one's state and lag in /health, and stops them before shutdown.
 */
import { Inject, Injectable, Logger, ServiceUnavailableException, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, inView, type EventStore, type GlobalPosition } from '#libs/event-store';
import { KafkaEventSource } from '#libs/messaging';
import { APP_CONFIG, HealthIndicators, ReadModelDatabase, type AppConfig } from '#libs/platform';
import {
  PROJECTIONS,
  ProjectionRunner,
  type DocumentReader,
  type ProjectionDefinition,
  type ProjectionStatus,
  type ReadModelStore,
} from '#libs/projections';

/** How long the projections' live changes may wait before they are persisted (as the roster's). */
const LIVE_COMMIT_DELAY_MS = 1000;

@Injectable()
export class ReadModelsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readModels: ReadModelStore | undefined;
  private runner: ProjectionRunner | undefined;
  private markStarted!: () => void;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: ReadModelDatabase,
    health: HealthIndicators,
  ) {
    health.register({ name: 'projections', check: () => this.health() });
  }

  async onApplicationBootstrap(): Promise<void> {
    // The process's read-model database, shared with the roster (closed by the platform after every part stopped).
    this.readModels = await this.database.open();
    // One runner for every projection: one read of the store feeds them all.
    // From the store, or (READ_MODEL_SOURCE=kafka) from its Kafka topics, read back in the store's order.
    const kafka = this.config.kafka;
    const source =
      this.config.readModelSource === 'kafka' && kafka !== undefined
        ? new KafkaEventSource({ brokers: kafka.brokers, topicPrefix: kafka.topicPrefix, clientId: `${kafka.clientId}-read-models` })
        : // No projection keeps personal data: they read the store without it (no key, no decryption).
          inView(this.store, 'omit');
    // Readers are served from memory: a live commit only moves the persisted copy (what the next boot loads, what a
    // follower that takes over reloads) and may wait, so that a second of commands is persisted in one transaction per
    // read model rather than one or two per command. A crash loses at most that second of progress, read again at boot.
    this.runner = new ProjectionRunner(PROJECTIONS, source, this.readModels, { liveCommitDelayMs: LIVE_COMMIT_DELAY_MS });
    this.runner.start();
    this.markStarted();
    this.logger.log(
      `projecting ${PROJECTIONS.map((p) => `${p.name} v${p.version}`).join(', ')} from the ${this.config.readModelSource} into ${this.readModels.kind}`,
    );
  }

  /**
   * The documents readers are served from, or a 503 while the projection is first being built, or while its
   * documents load behind its fold (those readers use loadedDocuments()).
   */
  documents(projection: ProjectionDefinition): DocumentReader {
    const documents = this.runner?.documentsOf(projection.name);
    const loading = this.runner?.statusOf(projection.name).loading;
    if (documents !== undefined && loading !== undefined) {
      throw new ServiceUnavailableException({
        code: 'read-model-loading',
        message: `the ${projection.name} read model is loading its documents (${loading.documentsLoaded} so far); retry shortly`,
      });
    }
    if (documents === undefined) {
      const status = this.runner?.statusOf(projection.name);
      throw new ServiceUnavailableException({
        code: 'read-model-catching-up',
        message: `the ${projection.name} read model is still being built (${status?.eventsApplied ?? 0} events so far); retry shortly`,
      });
    }
    return documents;
  }

  /**
   * The documents readers are served from once every persisted one is loaded: at once, or after the load behind the
   * fold (the KPI facts, ProjectionDefinition.loadInBackground); a 503 while the projection is first being built.
   */
  async loadedDocuments(projection: ProjectionDefinition): Promise<DocumentReader> {
    await this.runner?.loadedDocumentsOf(projection.name);
    return this.documents(projection);
  }

  status(projection: ProjectionDefinition): ProjectionStatus | undefined {
    return this.runner?.statusOf(projection.name);
  }

  /** Resolves once every read model has caught up with the store as it was at boot. */
  async whenLive(): Promise<void> {
    await this.started;
    await this.runner!.whenLive();
  }

  /** Resolves once readers of every read model see the store up to `position` (benchmarks, read-your-writes). */
  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    return this.runner?.whenCaughtUpTo(position) ?? Promise.resolve();
  }

  private async health() {
    const head = await this.store.headPosition().catch(() => 'start' as const);
    const runner = this.runner;
    const projections = PROJECTIONS.map((projection) => {
      if (runner === undefined) return { projection: projection.name, state: 'starting' };
      const status = runner.statusOf(projection.name);
      const position = status.position === null ? 0 : Number(status.position.split('/')[1]);
      return {
        ...status,
        lag: {
          headPosition: head === 'start' ? null : `${head.commit}/${head.prepare}`,
          // Approximate on PostgreSQL (positions of other event types and of rolled-back appends count too).
          eventsBehind: status.state === 'live' || head === 'start' ? 0 : Math.max(0, head.prepare - position),
          secondsBehind: Math.round(runner.secondsBehind(projection.name) * 1000) / 1000,
        },
      };
    });
    return { healthy: projections.every((p) => p.state !== 'failed'), ready: projections.every((p) => p.state === 'live'), projections };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
