import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { CheckpointStore } from './checkpoints/checkpoint-store.port';
import type { EventStore } from './event-store.port';
import { openCheckpointStore, openPersonalDataStore, sideDatabaseUrl, type OpenEventStoreOptions } from './open-event-store';

/** Injection token of the process's one EventStore. */
export const EVENT_STORE = Symbol('EventStore');
/** Injection token of the checkpoints kept beside the events (on KurrentDB: in READ_MODEL_URL's database). */
export const CHECKPOINT_STORE = Symbol('CheckpointStore');

class EventStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.checkpoints.close();
    await this.store.close();
  }
}

export interface EventStoreModuleOptions extends OpenEventStoreOptions {
  /** The personal-data master key (32 bytes), read when the store opens. */
  readonly masterKey: () => Buffer;
}

/**
 * Opens the store once at boot (migrating it), behind the personal-data layer (EVENT_STORE is a
 * PersonalDataStore in its `open` view), and closes it on shutdown.
 */
@Module({})
export class EventStoreModule {
  static forRoot(url: string, options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useFactory: () => openPersonalDataStore(url, { ...options, masterKey: options.masterKey() }) },
        // After the store: it is the store's migration that creates the schema both live in.
        { provide: CHECKPOINT_STORE, useFactory: () => openCheckpointStore(sideDatabaseUrl(url, options.readModelUrl)), inject: [EVENT_STORE] },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, CHECKPOINT_STORE],
    };
  }
}
