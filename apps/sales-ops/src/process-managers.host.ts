import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { openAccountOnWin, promoteOnRevenue } from '#libs/account-management';
import { openDealOnHandoff } from '#libs/deal-closing';
import { APP_CONFIG, type AppConfig } from '#libs/platform';
import { assignLeadOnCapture } from '#libs/prospecting';
import { RosterHost } from '#libs/projections';
import { CommandRunner, ProcessManagerRunner } from '#libs/event-sourcing';
import { CHECKPOINT_STORE, EVENT_STORE, type CheckpointStore, type EventStore } from '#libs/event-store';

/** Runs the process managers that hand work from one context to the next, for as long as the app runs. */
@Injectable()
export class ProcessManagersHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runner: ProcessManagerRunner;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    commands: CommandRunner,
    roster: RosterHost,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const log = new Logger('ProcessManagers');
    this.runner = new ProcessManagerRunner(
      store,
      checkpoints,
      [
        assignLeadOnCapture(commands, roster),
        openDealOnHandoff(commands),
        openAccountOnWin(commands, roster),
        promoteOnRevenue(commands, roster, config.keyAccountThreshold, log),
      ],
      log,
    );
  }

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  /** Before the store closes, so that no handler is cut off halfway. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
