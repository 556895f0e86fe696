/**
 * The relay: every stored event, in the store's global order, published to Kafka (topics.ts, cloud-events.ts).
 *
 * It follows the store through a subscription from its own checkpoint (gap-free, as the projections do),
 * gathers what the store has ready into a batch (at most `batchSize` events), sends the batch with idempotent
 * producers that wait for every in-sync replica, and only then saves the checkpoint. A crash between the
 * acknowledgement and the checkpoint sends that batch again: delivery is at least once, and consumers
 * de-duplicate by event id (ce_id). Per-stream order holds because a stream's events share a key, so a
 * partition, and batches go out one at a time, each once the one before was acknowledged.
 *
 * The producers run on threads of their own (producer-threads.ts), since kafkajs spends most of a send
 * encoding on the thread that calls it: a large batch is split among them by partition, and while one batch
 * is in flight the relay reads and converts the next and hands it over, held until its turn. So it holds at
 * most three batches.
 *
 * Failures (the broker away, a send that ran out of retries) restart the relay from its checkpoint after
 * a growing pause. One relay runs at a time per store (relay-lease.ts); others wait on standby.
 */
import { Kafka, logLevel, type Admin, type KafkaConfig, type Message, type PartitionMetadata } from 'kafkajs';
import type { CheckpointStore, EventStore, GlobalPosition, ReadAllFrom, StoredEvent, Subscription } from '#libs/event-store';
import { encodePosition } from '#libs/event-store';
import { CE_HEADERS, toKafkaMessage, type KafkaEventMessage } from '../cloud-events';
import { allTopics, topicOf } from '../topics';
import { ProducerThreads, splitSend } from './producer-threads';
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
  /**
   * Producers, each on a thread of its own, that share each send (producer-threads.ts); default 2. kafkajs
   * encodes on the thread that sends, so more threads send faster while cores are free.
   */
  readonly producerThreads?: number;
  /** Extra kafkajs client settings (ssl, sasl, connectionTimeout...): plain data, copied to each producer thread. */
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

/** Under the broker's default message.max.bytes (1 MiB) even if a whole send fell on one partition, uncompressed. */
export const DEFAULT_MAX_BATCH_BYTES = 900 * 1024;

/** A send is shared among the producer threads only in parts of at least this many events. */
const MIN_EVENTS_PER_THREAD = 250;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 30_000;
const IDLE = Symbol('idle');

export class KafkaRelay {
  private readonly kafkaConfig: KafkaConfig;
  private readonly kafka: Kafka;
  private readonly threads: number;
  private readonly checkpointName: string;
  private readonly batchSize: number;
  private state: RelayState = 'stopped';
  private position: ReadAllFrom = 'start';
  private eventsPublished = 0;
  private batchesPublished = 0;
  private lastError: string | null = null;
  /** recordedAt of the oldest event of the batch in flight, and of the one being gathered. */
  private sendingSince: number | undefined;
  private gatheringSince: number | undefined;
  private subscription: Subscription | undefined;
  private producers: ProducerThreads | undefined;
  /** Each topic's partitions, as Kafka told when the relay (re)started. */
  private partitions = new Map<string, PartitionMetadata[]>();
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
    this.threads = options.producerThreads ?? 2;
    if (!Number.isInteger(this.threads) || this.threads < 1) throw new Error(`producerThreads must be a positive integer, got ${options.producerThreads}`);
    this.kafkaConfig = {
      clientId: options.clientId ?? 'sales-ops-relay',
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
      ...options.kafka,
    };
    try {
      structuredClone(this.kafkaConfig);
    } catch (error) {
      throw new Error(`the Kafka relay's kafka settings must be plain data, copied to its producer threads: ${describe(error)}`, { cause: error });
    }
    this.kafka = new Kafka(this.kafkaConfig);
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
      secondsBehind: behind(this.sendingSince ?? this.gatheringSince),
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
        this.producers = await ProducerThreads.start(this.threads, this.kafkaConfig);
        await this.relay();
      } catch (error) {
        if (this.stopping) break;
        this.lastError = describe(error);
        this.state = 'retrying';
        this.logger.error(`Kafka relay stopped (${this.lastError}); resuming from its checkpoint in ${this.retryDelay} ms`);
        await this.pause(this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
      } finally {
        await this.producers?.close().catch(() => undefined);
        this.producers = undefined;
      }
    }
    await this.lease.release();
  }

  /** Creates the topics that do not exist yet, with the configured partitions; learns every topic's partitions. */
  private async createTopics(): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const topics = allTopics(this.options.topicPrefix);
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions ?? 3,
            replicationFactor: this.options.replicationFactor ?? 1,
          })),
        });
        this.logger.log(`created Kafka topics ${missing.join(', ')}`);
      }
      const metadata = await admin.fetchTopicMetadata({ topics });
      this.partitions = new Map(metadata.topics.map(({ name, partitions }) => [name, partitions]));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * From the checkpoint, batch by batch, until stopped, the lease is lost, or a send fails (thrown). While a
   * batch is in flight the next one is read, converted and handed to the producer threads, to go out once the
   * one before is acknowledged; the relay then gathers a third. So it holds at most three batches.
   */
  private async relay(): Promise<void> {
    this.position = await this.checkpoints.load(this.checkpointName);
    const subscription = this.store.subscribe({ from: this.position, batchSize: this.batchSize });
    this.subscription = subscription;
    this.state = 'relaying';
    if (this.stopping) await subscription.close();
    const events = subscription[Symbol.asyncIterator]();
    let next = events.next();
    next.catch(() => undefined);
    let batch: Outgoing[] = [];
    const maxBytes = this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    let bytes = 0;
    // The newest publish and the one before it; each settles once its batch is acknowledged and checkpointed.
    let newest: Promise<void> | undefined;
    let older: Promise<void> | undefined;
    // Rejects as soon as a publish fails, even while the relay waits for the store.
    let failed!: (error: unknown) => void;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    failure.catch(() => undefined);
    const send = async (): Promise<void> => {
      const sending = batch;
      batch = [];
      bytes = 0;
      await older;
      older = newest;
      newest = this.publish(sending, newest);
      newest.catch(failed);
    };
    try {
      for (;;) {
        if (!this.lease.held) throw new Error('lost the relay lease (its database connection closed)');
        // Waiting for the store with nothing gathered; with a batch begun, send it as soon as the store has
        // nothing more at hand (the next turn of the event loop) rather than wait for a full one.
        const result = await Promise.race(batch.length === 0 ? [next, failure] : [next, nextTurn(), failure]);
        if (result === IDLE) {
          await send();
          continue;
        }
        if (result.done) break;
        this.gatheringSince ??= result.value.recordedAt.getTime();
        const outgoing = prepare(result.value, this.options.topicPrefix);
        batch.push(outgoing);
        bytes += outgoing.bytes;
        next = events.next();
        next.catch(() => undefined);
        if (batch.length >= this.batchSize || bytes >= maxBytes) await send();
      }
      // Closed (stop): what was gathered is sent before the relay lets go.
      if (batch.length > 0 && this.lease.held) await send();
      await newest;
    } finally {
      this.subscription = undefined;
      await subscription.close();
      // Sends still in flight after a failure settle before the producers are closed and the relay restarts.
      await Promise.allSettled([older, newest]);
      this.gatheringSince = undefined;
      this.sendingSince = undefined;
    }
  }

  /** Sends a batch once `after` (the publish before) has settled, then checkpoints it. */
  private async publish(batch: readonly Outgoing[], after: Promise<void> | undefined): Promise<void> {
    if (batch.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    const mark = `${encodePosition(batch[batch.length - 1]!.event.position)};${batch.length}`;
    for (const { topic, message } of batch) {
      message.headers[CE_HEADERS.relaybatch] = mark;
      let messages = byTopic.get(topic);
      if (!messages) byTopic.set(topic, (messages = []));
      messages.push(message);
    }
    // The oldest event waiting is the batch in flight's, until this one goes out.
    const since = this.gatheringSince;
    this.gatheringSince = undefined;
    if (after === undefined) this.sendingSince = since;
    const topicMessages = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    // A few events (a live relay's usual batch) go in one piece: a split would wait for the slowest of its parts.
    const parts = Math.min(this.producers!.size, Math.ceil(batch.length / MIN_EVENTS_PER_THREAD));
    await this.producers!.send(
      splitSend(topicMessages, this.partitions, parts),
      after?.then(() => (this.sendingSince = since)),
    );
    const last: GlobalPosition = batch[batch.length - 1]!.event.position;
    await this.checkpoints.save(this.checkpointName, last);
    this.position = last;
    this.eventsPublished += batch.length;
    this.batchesPublished += 1;
    this.lastError = null;
    this.retryDelay = FIRST_RETRY_MS;
    this.sendingSince = undefined;
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

/** Seconds since `since` (a recordedAt), or 0 when nothing waits. */
function behind(since: number | undefined): number {
  return since === undefined ? 0 : Math.max(0, (Date.now() - since) / 1000);
}

function nextTurn(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(() => resolve(IDLE)));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
