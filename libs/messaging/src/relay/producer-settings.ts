/**
 * How the relay produces: shared by the relay's producer threads (producer-thread.ts) and the benchmark's raw
 * kafkajs baseline, so that both send alike. Imports nothing but kafkajs: a producer thread loads it.
 */
import { CompressionTypes, Partitioners, type ProducerConfig } from 'kafkajs';

/** Idempotent, one request in flight: a partition's messages land once and in the order sent. */
export const RELAY_PRODUCER_SETTINGS: ProducerConfig = { idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner };
/** Every in-sync replica acknowledges; gzip: the header strings of each message compress well. */
export const RELAY_SEND_SETTINGS = { acks: -1, compression: CompressionTypes.GZIP } as const;
