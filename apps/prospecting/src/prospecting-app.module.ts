import { Module, type DynamicModule } from '@nestjs/common';
import { ProcessManagersModule, coreModules, type AppConfig } from '#libs/platform';
import { PROSPECTING_PROCESS_MANAGERS, ProspectingModule } from '#libs/prospecting';

/** The prospecting service on its own: Leads and call scripts, and the routing of new leads. */
@Module({})
export class ProspectingAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProspectingAppModule,
      imports: [...coreModules(config), ProspectingModule, ProcessManagersModule.forRoot(PROSPECTING_PROCESS_MANAGERS)],
    };
  }
}
