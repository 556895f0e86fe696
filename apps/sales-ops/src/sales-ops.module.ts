import { Module, type DynamicModule } from '@nestjs/common';
import { ACCOUNT_MANAGEMENT_PROCESS_MANAGERS, AccountManagementModule } from '#libs/account-management';
import { DEAL_CLOSING_PROCESS_MANAGERS, DealClosingModule } from '#libs/deal-closing';
import { AsyncApiModule, KafkaRelayModule } from '#libs/messaging';
import { ProcessManagersModule, coreModules, type AppConfig } from '#libs/platform';
import { SalesInsightsModule } from '#libs/sales-insights';
import { PROSPECTING_PROCESS_MANAGERS, ProspectingModule } from '#libs/prospecting';
import { SalesManagementModule } from '#libs/sales-management';

/**
 * The all-in-one process (the embedded default): every context, and every process manager, in one; with
 * KAFKA_BROKERS, also the relay that publishes every stored event to Kafka.
 */
@Module({})
export class SalesOpsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SalesOpsModule,
      imports: [
        ...coreModules(config),
        ProspectingModule,
        DealClosingModule,
        AccountManagementModule,
        SalesManagementModule,
        SalesInsightsModule,
        KafkaRelayModule,
        AsyncApiModule.forRoot({ brokers: config.kafka?.brokers, topicPrefix: config.kafka?.topicPrefix }),
        ProcessManagersModule.forRoot([
          ...PROSPECTING_PROCESS_MANAGERS,
          ...DEAL_CLOSING_PROCESS_MANAGERS,
          ...ACCOUNT_MANAGEMENT_PROCESS_MANAGERS,
        ]),
      ],
    };
  }
}
