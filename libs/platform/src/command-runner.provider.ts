import type { Provider } from '@nestjs/common';
import { catalogueEventSchemas } from '#libs/contracts';
import { CommandRunner } from '#libs/event-sourcing';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { Metrics } from './metrics/metrics';

/** The one CommandRunner of a process: the store, checked against the event catalogue; each command counted in /metrics. */
export const CommandRunnerProvider: Provider = {
  provide: CommandRunner,
  useFactory: (store: EventStore, metrics?: Metrics) => new CommandRunner(store, catalogueEventSchemas, metrics?.commandEnded),
  inject: [EVENT_STORE, { token: Metrics, optional: true }],
};
