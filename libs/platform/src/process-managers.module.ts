import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRunner, ProcessManagerRunner, type LoadState, type ProcessManager, type ProcessManagerLog } from '#libs/event-sourcing';
import { CHECKPOINT_STORE, EVENT_STORE, type CheckpointStore, type EventStore } from '#libs/event-store';
import { RosterHost, type RosterSource } from './roster/roster.host';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { HealthIndicators } from './health/health-indicators';

/** Sends a use case's command on the CommandBus, as the routes do. */
export type CommandSender = Pick<CommandBus, 'execute'>;

/** What a process manager factory may need. */
export interface ProcessManagerDependencies {
  readonly commandBus: CommandSender;
  /** An aggregate's current state, as its decider folds it (to skip work a command would refuse anyway). */
  readonly load: LoadState;
  readonly roster: RosterSource;
  readonly config: AppConfig;
  readonly log: ProcessManagerLog;
}

export type ProcessManagerFactory = (dependencies: ProcessManagerDependencies) => ProcessManager;

const FACTORIES = Symbol('ProcessManagerFactories');

@Injectable()
class ProcessManagersHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: ProcessManagerRunner;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    @Inject(FACTORIES) factories: readonly ProcessManagerFactory[],
    @Inject(APP_CONFIG) config: AppConfig,
    runner: CommandRunner,
    commandBus: CommandBus,
    roster: RosterHost,
    health: HealthIndicators,
  ) {
    const log = new Logger('ProcessManagers');
    const load: LoadState = (decider, streamId) => runner.load(decider, streamId);
    this.runner = new ProcessManagerRunner(
      store,
      checkpoints,
      factories.map((factory) => factory({ commandBus, load, roster, config, log })),
      log,
    );
    // Healthy while retrying too: it resumes by itself, and a store that is away already turns /health into a 503.
    health.register({ name: 'processManagers', check: async () => ({ healthy: true, managers: this.runner.status() }) });
  }

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  /** Before the store closes, so that no handler is cut off halfway. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

/** Runs the given process managers for as long as the app runs (needs PlatformModule and EventStoreModule). */
@Module({})
export class ProcessManagersModule {
  static forRoot(factories: readonly ProcessManagerFactory[]): DynamicModule {
    return {
      module: ProcessManagersModule,
      providers: [{ provide: FACTORIES, useValue: factories }, ProcessManagersHost],
    };
  }
}
