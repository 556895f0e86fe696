import { Module, type DynamicModule } from '@nestjs/common';
import { ProcessManagersModule, coreModules, type AppConfig } from '#libs/platform';
import { ACCOUNT_MANAGEMENT_PROCESS_MANAGERS, AccountManagementModule } from '#libs/account-management';

/** The account-management service on its own: Accounts, handoff 3 and key-account promotion. */
@Module({})
export class AccountManagementAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AccountManagementAppModule,
      imports: [...coreModules(config), AccountManagementModule, ProcessManagersModule.forRoot(ACCOUNT_MANAGEMENT_PROCESS_MANAGERS)],
    };
  }
}
