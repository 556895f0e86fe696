import { Module, type DynamicModule } from '@nestjs/common';
import { coreModules, type AppConfig } from '#libs/platform';
import { SalesManagementModule } from '#libs/sales-management';

/** The sales-management service on its own: The head of sales' context: the roster. */
@Module({})
export class SalesManagementAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SalesManagementAppModule,
      imports: [...coreModules(config), SalesManagementModule],
    };
  }
}
