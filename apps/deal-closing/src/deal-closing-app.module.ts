import { Module, type DynamicModule } from '@nestjs/common';
import { ProcessManagersModule, coreModules, type AppConfig } from '#libs/platform';
import { DEAL_CLOSING_PROCESS_MANAGERS, DealClosingModule } from '#libs/deal-closing';

/** The deal-closing service on its own: Deals, and handoff 1 on the deal side. */
@Module({})
export class DealClosingAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DealClosingAppModule,
      imports: [...coreModules(config), DealClosingModule, ProcessManagersModule.forRoot(DEAL_CLOSING_PROCESS_MANAGERS)],
    };
  }
}
