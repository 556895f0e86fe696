import type { Provider } from '@nestjs/common';
import { catalogueEventSchemas } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';

/** The one CommandRunner of a process: the store, checked against the event catalogue. */
export const CommandRunnerProvider: Provider = {
  provide: CommandRunner,
  useFactory: (store: EventStore) => new CommandRunner(store, catalogueEventSchemas),
  inject: [EVENT_STORE],
};
