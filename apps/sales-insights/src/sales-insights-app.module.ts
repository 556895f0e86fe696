import { Module, type DynamicModule } from '@nestjs/common';
import { AsyncApiModule, KafkaRelayModule } from '#libs/messaging';
import { coreModules, type AppConfig } from '#libs/platform';
import { SalesInsightsModule } from '#libs/sales-insights';

/**
 * The read side on its own: queues, KPIs and the history, projected from the shared store; and, with
 * KAFKA_BROKERS, the relay that publishes the store to Kafka (one relay runs among all instances).
 */
@Module({})
export class SalesInsightsAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SalesInsightsAppModule,
      imports: [
        ...coreModules(config),
        SalesInsightsModule,
        KafkaRelayModule,
        AsyncApiModule.forRoot({ brokers: config.kafka?.brokers, topicPrefix: config.kafka?.topicPrefix }),
      ],
    };
  }
}
