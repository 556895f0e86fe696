/**
 * The relay: every stored event, in the store's global order, published to Kafka (topics.ts, cloud-events.ts).
 *
 * It follows the store through a subscription from its own checkpoint (gap-free, as the projections do),
 * gathers what the store has ready into a batch (at most `batchSize` events: the relay never holds more),
 * sends the batch with an idempotent producer that waits for every in-sync replica, and only then saves the
 * checkpoint. A crash between the acknowledgement and the checkpoint sends that batch again: delivery is
 * at least once, and consumers de-duplicate by event id (ce_id). Per-stream order holds because a stream's
 * events share a key, so a partition, and are sent in store order, one batch at a time.
 *
 * Failures (the broker away, a send that ran out of retries) restart the relay from its checkpoint after
 * a growing pause. One relay runs at a time per store (relay-lease.ts); others wait on standby.
 */
import { CompressionTypes, Kafka, Partitioners, logLevel, type Admin, type KafkaConfig, type Message, type Producer, type ProducerConfig } from 'kafkajs';
import type { CheckpointStore, EventStore, GlobalPosition, ReadAllFrom, StoredEvent, Subscription } from '#libs/event-store';
import { encodePosition } from '#libs/event-store';
import { CE_HEADERS, toKafkaMessage, type KafkaEventMessage } from '../cloud-events';
import { allTopics, topicOf } from '../topics';
import type { RelayLease } from './relay-lease';

export interface KafkaRelayOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** The relay's checkpoint in the store's checkpoint table. */
  readonly checkpointName?: string;
  /** Put before every topic's name (KAFKA_TOPIC_PREFIX). */
  readonly topicPrefix?: string;
  /** Partitions of each topic the relay creates (existing topics are left as they are). */
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /** The most events in one send, and so in memory. */
  readonly batchSize?: number;
  /**
   * The most bytes (values and headers) in one send: a partition's share of a send must stay under the
   * broker's message.max.bytes (1 MiB by default), or the broker refuses it, again and again.
   */
  readonly maxBatchBytes?: number;
  /** How often a relay on standby tries to take the lease over. */
  readonly leaseRetryMs?: number;
  /** Extra kafkajs client settings (ssl, sasl, connectionTimeout...). */
  readonly kafka?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
}

export interface RelayLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type RelayState = 'stopped' | 'standby' | 'starting' | 'relaying' | 'retrying';

export interface RelayStatus {
  readonly state: RelayState;
  /** The checkpoint: the last event Kafka acknowledged (`commit/prepare`), or null before the first. */
  readonly position: string | null;
  readonly eventsPublished: number;
  readonly batchesPublished: number;
  /** How long ago the oldest event not yet acknowledged was recorded; 0 when caught up. */
  readonly secondsBehind: number;
  readonly lastError: string | null;
  readonly topics: readonly string[];
}

/** How the relay produces, shared with the benchmark's raw baseline so that both send alike. */
export const RELAY_PRODUCER_SETTINGS: ProducerConfig = { idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner };
/** Every in-sync replica acknowledges; gzip: the 15 header strings of each message compress well. */
export const RELAY_SEND_SETTINGS = { acks: -1, compression: CompressionTypes.GZIP } as const;

/** Under the broker's default message.max.bytes (1 MiB) even if a whole send fell on one partition, uncompressed. */
export const DEFAULT_MAX_BATCH_BYTES = 900 * 1024;

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 30_000;
const IDLE = Symbol('idle');

export class KafkaRelay {
  private readonly kafka: Kafka;
  private readonly checkpointName: string;
  private readonly batchSize: number;
  private state: RelayState = 'stopped';
  private position: ReadAllFrom = 'start';
  private eventsPublished = 0;
  private batchesPublished = 0;
  private lastError: string | null = null;
  /** recordedAt of the oldest event read and not yet acknowledged. */
  private behindSince: number | undefined;
  private subscription: Subscription | undefined;
  private producer: Producer | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  /** The pause before the next attempt after a failure; back to the first one once a batch gets through. */
  private retryDelay = FIRST_RETRY_MS;
  private wakeFromPause: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly lease: RelayLease,
    private readonly options: KafkaRelayOptions,
    private readonly logger: RelayLog,
  ) {
    if (options.brokers.length === 0) throw new Error('the Kafka relay needs at least one broker');
    this.checkpointName = options.checkpointName ?? 'kafka-relay';
    this.batchSize = options.batchSize ?? 1000;
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'sales-ops-relay',
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
      ...options.kafka,
    });
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.run().finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromPause?.();
    await this.subscription?.close();
    await this.running;
    this.state = 'stopped';
  }

  status(): RelayStatus {
    return {
      state: this.state,
      position: this.position === 'start' ? null : encodePosition(this.position),
      eventsPublished: this.eventsPublished,
      batchesPublished: this.batchesPublished,
      secondsBehind: this.behindSince === undefined ? 0 : Math.max(0, (Date.now() - this.behindSince) / 1000),
      lastError: this.lastError,
      topics: allTopics(this.options.topicPrefix),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!(await this.lease.tryAcquire())) {
          this.state = 'standby';
          await this.pause(this.options.leaseRetryMs ?? 2000);
          continue;
        }
        // While retrying, /health keeps saying so until a relay is running again.
        if (this.state !== 'retrying') this.state = 'starting';
        await this.createTopics();
        this.producer = this.kafka.producer(RELAY_PRODUCER_SETTINGS);
        await this.producer.connect();
        await this.relay();
      } catch (error) {
        if (this.stopping) break;
        this.lastError = describe(error);
        this.state = 'retrying';
        this.logger.error(`Kafka relay stopped (${this.lastError}); resuming from its checkpoint in ${this.retryDelay} ms`);
        await this.pause(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
      } finally {
        await this.producer?.disconnect().catch(() => undefined);
        this.producer = undefined;
      }
    }
    await this.lease.release();
  }

  /** Creates the topics that do not exist yet, with the configured partitions. */
  private async createTopics(): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = allTopics(this.options.topicPrefix).filter((topic) => !existing.has(topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 3,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      });
      this.logger.log(`created Kafka topics ${missing.join(', ')}`);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** From the checkpoint, batch by batch, until stopped, the lease is lost, or a send fails (thrown). */
  private async relay(): Promise<void> {
    this.position = await this.checkpoints.load(this.checkpointName);
    const subscription = this.store.subscribe({ from: this.position, batchSize: this.batchSize });
    this.subscription = subscription;
    this.state = 'relaying';
    if (this.stopping) await subscription.close();
    const events = subscription[Symbol.asyncIterator]();
    let next = events.next();
    next.catch(() => undefined);
    const batch: Outgoing[] = [];
    const maxBytes = this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    let bytes = 0;
    try {
      for (;;) {
        if (!this.lease.held) throw new Error('lost the relay lease (its database connection closed)');
        // Waiting for the store with nothing gathered; with a batch begun, send it as soon as the store has
        // nothing more at hand (the next turn of the event loop) rather than wait for a full one.
        const result = batch.length === 0 ? await next : await Promise.race([next, nextTurn()]);
        if (result === IDLE) {
          await this.publish(batch.splice(0));
          bytes = 0;
          continue;
        }
        if (result.done) break;
        if (batch.length === 0 && this.behindSince === undefined) this.behindSince = result.value.recordedAt.getTime();
        const outgoing = prepare(result.value, this.options.topicPrefix);
        batch.push(outgoing);
        bytes += outgoing.bytes;
        next = events.next();
        next.catch(() => undefined);
        if (batch.length >= this.batchSize || bytes >= maxBytes) {
          await this.publish(batch.splice(0));
          bytes = 0;
        }
      }
      // Closed (stop): what was gathered is sent before the relay lets go.
      if (batch.length > 0 && this.lease.held) await this.publish(batch.splice(0));
    } finally {
      this.subscription = undefined;
      await subscription.close();
      this.behindSince = undefined;
    }
  }

  private async publish(batch: readonly Outgoing[]): Promise<void> {
    if (batch.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    const mark = `${encodePosition(batch[batch.length - 1]!.event.position)};${batch.length}`;
    for (const { topic, message } of batch) {
      message.headers[CE_HEADERS.relaybatch] = mark;
      let messages = byTopic.get(topic);
      if (!messages) byTopic.set(topic, (messages = []));
      messages.push(message);
    }
    await this.producer!.sendBatch({
      ...RELAY_SEND_SETTINGS,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    const last: GlobalPosition = batch[batch.length - 1]!.event.position;
    await this.checkpoints.save(this.checkpointName, last);
    this.position = last;
    this.eventsPublished += batch.length;
    this.batchesPublished += 1;
    this.lastError = null;
    this.retryDelay = FIRST_RETRY_MS;
    // Nothing read is waiting now; the next event read starts the clock again.
    this.behindSince = undefined;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeFromPause = done;
    });
  }
}

/** An event on its way: its topic, its message, and about how many bytes it weighs. */
interface Outgoing {
  readonly event: StoredEvent;
  readonly topic: string;
  readonly message: KafkaEventMessage;
  readonly bytes: number;
}

function prepare(event: StoredEvent, prefix: string | undefined): Outgoing {
  const message = toKafkaMessage(event);
  return { event, topic: topicOf(event.type, prefix), message, bytes: messageBytes(message) };
}

/** About how many bytes a message weighs on the wire before compression (key, value, header names and values). */
export function messageBytes(message: KafkaEventMessage): number {
  let bytes = Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) bytes += name.length + Buffer.byteLength(value);
  return bytes;
}

function nextTurn(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
