import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { openDealOnHandoff } from '#libs/deal-closing';
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
  ) {
    this.runner = new ProcessManagerRunner(
      store,
      checkpoints,
      [assignLeadOnCapture(commands, roster), openDealOnHandoff(commands)],
      new Logger('ProcessManagers'),
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
