import { Module, type DynamicModule } from '@nestjs/common';
import { coreModules, type AppConfig } from '#libs/platform';
import { SalesInsightsModule } from '#libs/sales-insights';

/** The read side on its own: queues, KPIs and the history, projected from the shared store. */
@Module({})
export class SalesInsightsAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SalesInsightsAppModule,
      imports: [...coreModules(config), SalesInsightsModule],
    };
  }
}
