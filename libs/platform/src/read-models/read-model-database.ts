/**
 * The read models' database of this process (READ_MODEL_URL): opened once, when a part first asks for it (the
 * roster, the lead identities, the read side's projections), shared by all of them — on SQLite one process owns
 * the read-model file, so it must be one connection — and closed after every part has stopped.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { openReadModelStore, type ReadModelStore } from '#libs/projections';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

@Injectable()
export class ReadModelDatabase implements OnApplicationShutdown {
  private opened: Promise<ReadModelStore> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  open(): Promise<ReadModelStore> {
    // A database that did not answer is asked again by the next caller.
    this.opened ??= openReadModelStore(this.config.readModelUrl).catch((error: unknown) => {
      this.opened = undefined;
      throw error;
    });
    return this.opened;
  }

  /** After every part's beforeApplicationShutdown: their runners have stopped writing. */
  async onApplicationShutdown(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    await (await opened?.catch(() => undefined))?.close();
  }
}
