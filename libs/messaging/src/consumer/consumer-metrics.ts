/**
 * What a service's consumers of Sales-ops events show its Prometheus (`SalesEventConsumerOptions.metrics`: the
 * service's prom-client registry):
 * - `sales_ops_consumer_lag_messages{group,topic,partition}`: messages in the partition that the group has not
 *   committed yet (high watermark − committed offset, as the broker tells at the scrape): the group's lag, the
 *   same from every instance of it (aggregate with max), and growing while a consumer is stuck;
 * - `sales_ops_consumer_messages_total{group,outcome}`: messages this instance finished, by outcome (`handled`,
 *   `duplicate` — a redelivery the inbox passed over —, `passed-over` — a type without a handler —,
 *   `dead-lettered`).
 * Several consumers may share one registry: each scrape asks every consumer attached to it.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export type ConsumerOutcome = 'handled' | 'duplicate' | 'passed-over' | 'dead-lettered';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Messages after the group's committed offset (all of the partition's, when the group has committed none). */
  readonly messages: number;
}

/** What the metrics ask of a consumer. */
export interface MeasuredConsumer {
  readonly groupId: string;
  lag(): Promise<readonly PartitionLag[]>;
}

interface RegistryMetrics {
  readonly consumers: Set<MeasuredConsumer>;
  readonly messages: Counter<'group' | 'outcome'>;
}

const metricsOf = new WeakMap<Registry, RegistryMetrics>();

/** The consumer metrics of a registry, made (and registered) the first time a consumer is attached to it. */
function registryMetrics(registry: Registry): RegistryMetrics {
  let metrics = metricsOf.get(registry);
  if (metrics !== undefined) return metrics;
  const consumers = new Set<MeasuredConsumer>();
  new Gauge({
    name: 'sales_ops_consumer_lag_messages',
    help: 'Messages of a partition the consumer group has not committed yet (high watermark minus committed offset, asked of the broker at each scrape)',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const lags = await Promise.all([...consumers].map(async (consumer) => ({ group: consumer.groupId, lags: await consumer.lag().catch(() => []) })));
      for (const { group, lags: partitions } of lags) {
        for (const { topic, partition, messages } of partitions) this.set({ group, topic, partition: String(partition) }, messages);
      }
    },
  });
  const messages = new Counter({
    name: 'sales_ops_consumer_messages_total',
    help: 'Messages this consumer finished, by outcome: handled, duplicate (a redelivery the inbox passed over), passed-over (no handler), dead-lettered',
    labelNames: ['group', 'outcome'] as const,
    registers: [registry],
  });
  metrics = { consumers, messages };
  metricsOf.set(registry, metrics);
  return metrics;
}

/** A consumer's hold on its registry's metrics: counts its outcomes; detach() when it stops. */
export class ConsumerMetrics {
  private readonly metrics: RegistryMetrics;

  constructor(
    registry: Registry,
    private readonly consumer: MeasuredConsumer,
  ) {
    this.metrics = registryMetrics(registry);
    this.metrics.consumers.add(consumer);
    // Every outcome from 0, so that a rate over it exists before the first message.
    for (const outcome of ['handled', 'duplicate', 'passed-over', 'dead-lettered'] as const) this.metrics.messages.inc({ group: consumer.groupId, outcome }, 0);
  }

  count(outcome: ConsumerOutcome): void {
    this.metrics.messages.inc({ group: this.consumer.groupId, outcome });
  }

  detach(): void {
    this.metrics.consumers.delete(this.consumer);
  }
}
