/**
 * Runs the read side's projections in this process: opens the read-model store, starts one runner per
 * projection at boot, reports each one's state and lag in /health, and stops them before shutdown.
 */
import { Inject, Injectable, Logger, ServiceUnavailableException, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { APP_CONFIG, HealthIndicators, type AppConfig } from '#libs/platform';
import { PROJECTIONS, ProjectionRunner, openReadModelStore, type DocumentReader, type ProjectionDefinition, type ReadModelStore } from '#libs/projections';

@Injectable()
export class ReadModelsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadModels');
  private readModels: ReadModelStore | undefined;
  private readonly runners = new Map<string, ProjectionRunner>();

  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    health: HealthIndicators,
  ) {
    health.register({ name: 'projections', check: () => this.health() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.readModels = await openReadModelStore(this.config.readModelUrl);
    for (const projection of PROJECTIONS) {
      const runner = new ProjectionRunner(projection, this.store, this.readModels);
      this.runners.set(projection.name, runner);
      runner.start();
    }
    this.logger.log(`projecting ${PROJECTIONS.map((p) => `${p.name} v${p.version}`).join(', ')} into ${this.readModels.kind}`);
  }

  /** The documents readers are served from, or a 503 while the projection is first being built. */
  documents(projection: ProjectionDefinition): DocumentReader {
    const runner = this.runners.get(projection.name);
    const documents = runner?.documents;
    if (runner === undefined || documents === undefined) {
      const status = runner?.status();
      throw new ServiceUnavailableException({
        code: 'read-model-catching-up',
        message: `the ${projection.name} read model is still being built (${status?.eventsApplied ?? 0} events so far); retry shortly`,
      });
    }
    return documents;
  }

  runner(name: string): ProjectionRunner | undefined {
    return this.runners.get(name);
  }

  private async health() {
    const head = await this.store.headPosition().catch(() => 'start' as const);
    const projections = [...this.runners.values()].map((runner) => {
      const status = runner.status();
      const position = status.position === null ? 0 : Number(status.position.split('/')[1]);
      return {
        ...status,
        lag: {
          headPosition: head === 'start' ? null : `${head.commit}/${head.prepare}`,
          // Approximate on PostgreSQL (positions of other event types and of rolled-back appends count too).
          eventsBehind: status.state === 'live' || head === 'start' ? 0 : Math.max(0, head.prepare - position),
          secondsBehind: Math.round(runner.secondsBehind() * 1000) / 1000,
        },
      };
    });
    return { healthy: projections.every((p) => p.state !== 'failed'), projections };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    await this.readModels?.close();
  }
}
