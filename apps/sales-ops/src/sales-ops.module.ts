import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '#libs/event-store';
import { APP_CONFIG, HealthController, type AppConfig } from '#libs/platform';

/** The all-in-one process: every context and the read side mount here as they arrive. */
@Module({})
export class SalesOpsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SalesOpsModule,
      imports: [EventStoreModule.forRoot(config.eventStoreUrl, { poolSize: config.eventStorePoolSize })],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      controllers: [HealthController],
    };
  }
}
