import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from './event-store.port';
import { openEventStore, type OpenEventStoreOptions } from './open-event-store';

/** Injection token of the process's one EventStore. */
export const EVENT_STORE = Symbol('EventStore');

class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Opens the store once at boot (migrating it) and closes it on shutdown. */
@Module({})
export class EventStoreModule {
  static forRoot(url: string, options?: OpenEventStoreOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(url, options) }, EventStoreCloser],
      exports: [EVENT_STORE],
    };
  }
}
