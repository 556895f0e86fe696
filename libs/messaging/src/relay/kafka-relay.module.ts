/**
 * The relay in a Sales-ops process: on when KAFKA_BROKERS is set, started once the app is up, stopped before
 * the store closes, and reported in /health (`kafkaRelay`: state, checkpoint, how far behind). A broker that
 * is away does not make the process unhealthy (commands and reads go on; the relay catches up when it is
 * back): /health shows the relay retrying and its last error.
 */
import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CHECKPOINT_STORE, EVENT_STORE, decodePosition, inView, sideDatabaseUrl, type CheckpointStore, type EventStore } from '#libs/event-store';
import { APP_CONFIG, HealthIndicators, type AppConfig } from '#libs/platform';
import { KafkaRelay } from './kafka-relay';
import { openRelayLease } from './relay-lease';

@Injectable()
export class KafkaRelayHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: KafkaRelay | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_STORE) checkpoints: CheckpointStore,
    @Inject(APP_CONFIG) config: AppConfig,
    health: HealthIndicators,
  ) {
    const kafka = config.kafka;
    if (kafka === undefined) return;
    this.relay = new KafkaRelay(
      // Personal fields go out sealed, as stored; an erased subject's without its ciphertext (README, Personal data).
      inView(store, 'sealed'),
      checkpoints,
      openRelayLease(sideDatabaseUrl(config.eventStoreUrl, config.readModelUrl), 'kafka-relay'),
      { brokers: kafka.brokers, clientId: kafka.clientId, topicPrefix: kafka.topicPrefix, partitions: kafka.topicPartitions, producerThreads: kafka.relayThreads },
      new Logger('KafkaRelay'),
    );
    health.register({ name: 'kafkaRelay', check: () => this.health() });
  }

  onApplicationBootstrap(): void {
    this.relay?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }

  private async health() {
    const status = this.relay!.status();
    const head = await this.store.headPosition().catch(() => 'start' as const);
    const at = status.position === null ? 0 : decodePosition(status.position).prepare;
    return {
      healthy: true,
      ...status,
      lag: {
        headPosition: head === 'start' ? null : `${head.commit}/${head.prepare}`,
        // Approximate on PostgreSQL, as the projections' (positions of rolled-back appends count too).
        eventsBehind: head === 'start' ? 0 : Math.max(0, head.prepare - at),
        secondsBehind: Math.round(status.secondsBehind * 1000) / 1000,
      },
    };
  }
}

/** Mount in an app to publish the store to Kafka when KAFKA_BROKERS is set (needs the platform and the store). */
@Module({ providers: [KafkaRelayHost], exports: [KafkaRelayHost] })
export class KafkaRelayModule {}
