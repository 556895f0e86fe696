/**
 * libs/messaging — Sales-ops on Kafka: the relay that publishes every stored event (one topic per context,
 * CloudEvents binary mode), the consumer library other internal services subscribe with, the AsyncAPI
 * document of the topics, and the checker that verifies a topic against the store. Knows the catalogue
 * (libs/contracts) and the store's port; no context's code.
 */
export * from './topics';
export * from './cloud-events';
export { KafkaRelay, type KafkaRelayOptions, type RelayLog, type RelayState, type RelayStatus } from './relay/kafka-relay';
export { openRelayLease, type RelayLease } from './relay/relay-lease';
export { checkTopics, type TopicCheckOptions, type TopicCheckReport } from './checker/topic-checker';
export { KafkaRelayModule } from './relay/kafka-relay.module';
export { AsyncApiModule } from './asyncapi/asyncapi.module';
export { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi/asyncapi-document';
export {
  SalesEventConsumer,
  DLQ_HEADERS,
  type SalesEvent,
  type SalesEventType,
  type SalesEventHandlers,
  type SalesEventConsumerOptions,
  type ConsumerLog,
  type ConsumerStatus,
  type DeadLetterReason,
  type PersonalDataErasure,
} from './consumer/sales-event-consumer';
export { type PartitionLag } from './consumer/consumer-metrics';
export { PostgresInbox, SqliteInbox, type Inbox } from './consumer/inbox';
export { KafkaEventSource, type KafkaEventSourceOptions } from './source/kafka-event-source';
export { DEFAULT_MAX_BATCH_BYTES, messageBytes } from './relay/kafka-relay';
export { RELAY_PRODUCER_SETTINGS, RELAY_SEND_SETTINGS } from './relay/producer-settings';
export { ProducerThreads } from './relay/producer-threads';
