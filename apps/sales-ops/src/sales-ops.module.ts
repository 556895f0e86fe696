import { Module, type DynamicModule } from '@nestjs/common';
import { EventStoreModule } from '#libs/event-store';
import { PlatformModule, type AppConfig } from '#libs/platform';
import { ProspectingModule } from '#libs/prospecting';
import { AccountManagementModule } from '#libs/account-management';
import { DealClosingModule } from '#libs/deal-closing';
import { ProjectionsModule } from '#libs/projections';
import { SalesManagementModule } from '#libs/sales-management';
import { ProcessManagersHost } from './process-managers.host';

/** The all-in-one process: every context and the read side mount here as they arrive. */
@Module({})
export class SalesOpsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SalesOpsModule,
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule.forRoot(config.eventStoreUrl, { poolSize: config.eventStorePoolSize }),
        ProjectionsModule,
        ProspectingModule,
        DealClosingModule,
        AccountManagementModule,
        SalesManagementModule,
      ],
      providers: [ProcessManagersHost],
    };
  }
}
