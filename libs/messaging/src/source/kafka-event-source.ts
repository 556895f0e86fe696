/**
 * The store's events read back from Kafka, in the store's global order: a subscription a projection can run
 * from instead of the store (READ_MODEL_SOURCE=kafka).
 *
 * Kafka keeps order per partition only; the relay, though, publishes in global order, one batch at a time,
 * each acknowledged before the next. So within a partition positions only grow (but for batches a crashed
 * relay sent again, which repeat what came before), and once a message at position P is in Kafka, every
 * event before P is too. The source merges the partitions: it hands out the smallest head among them, and
 * only when every partition either has a message waiting or has been read up to the end it had at the last
 * look (a partition that may still hold an earlier event is waited for). Repeats (positions at or before the
 * last one handed out) are dropped. Memory stays bounded: a partition far ahead is paused until the others
 * catch up.
 *
 * It reads with a consumer group of its own that never commits: every subscription starts at the beginning
 * of the topics and skips what its checkpoint already covers.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaConfig } from 'kafkajs';
import {
  comparePositions,
  type EventFilter,
  type ReadAllFrom,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionStatus,
} from '#libs/event-store';
import { fromKafkaMessage } from '../cloud-events';
import { allTopics } from '../topics';

export interface KafkaEventSourceOptions {
  readonly brokers: readonly string[];
  readonly topicPrefix?: string;
  readonly clientId?: string;
  readonly kafka?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
  /** How often a live subscription looks for new messages when none arrived (default 50 ms). */
  readonly pollMs?: number;
}

/** The part of the EventStore port a projection runner needs: subscribe. */
export class KafkaEventSource {
  readonly kind = 'kafka';

  constructor(private readonly options: KafkaEventSourceOptions) {}

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (options.from === 'end') throw new Error("a Kafka source subscribes from 'start' or a checkpoint, not 'end'");
    return new KafkaSubscription(this.options, options.from ?? 'start', options.filter, options.onStatus);
  }
}

const PAUSE_ABOVE = 5000;
const RESUME_BELOW = 1000;

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly queue: StoredEvent[];
  /** The offset after the last message read. */
  next: number;
  /** The partition's end at the last look: read up to here, it holds nothing more that is due. */
  end: number;
  paused: boolean;
}

class KafkaSubscription implements Subscription {
  private current: SubscriptionStatus;
  private readonly kafka: Kafka;
  private consumer: Consumer | undefined;
  private readonly partitions = new Map<string, PartitionState>();
  private closed = false;
  private started = false;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly options: KafkaEventSourceOptions,
    private readonly from: ReadAllFrom,
    private readonly filter: EventFilter | undefined,
    private readonly onStatus: ((status: SubscriptionStatus) => void) | undefined,
  ) {
    this.current = { state: 'catching-up', position: from };
    this.kafka = new Kafka({ clientId: options.clientId ?? 'sales-ops-kafka-source', brokers: [...options.brokers], logLevel: logLevel.NOTHING, ...options.kafka });
  }

  get status(): SubscriptionStatus {
    return this.current;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.setStatus({ state: 'closed', position: this.current.position });
    this.wake?.();
    await this.consumer?.disconnect().catch(() => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    return this.deliver();
  }

  private async *deliver(): AsyncGenerator<StoredEvent> {
    let last: ReadAllFrom = this.from;
    try {
      await this.connect();
      await this.look();
      while (!this.closed) {
        if (this.failure) throw this.failure;
        const next = this.nextDue();
        if (next === 'wait') {
          await this.sleep(this.options.pollMs ?? 50);
          continue;
        }
        if (next === 'caught-up') {
          if (this.current.state !== 'live') this.setStatus({ state: 'live', position: last });
          // Every partition read to its end: look for a new end, or wait for one.
          if (!(await this.look())) await this.sleep(this.options.pollMs ?? 50);
          continue;
        }
        const event = next.queue.shift()!;
        if (next.paused && next.queue.length < RESUME_BELOW) {
          next.paused = false;
          this.consumer!.resume([{ topic: next.topic, partitions: [next.partition] }]);
        }
        if (last !== 'start' && comparePositions(event.position, last) <= 0) continue;
        last = event.position;
        this.current = { state: this.current.state, position: last };
        if (this.filter === undefined || matchesFilter(event, this.filter)) yield event;
      }
    } finally {
      await this.close();
    }
  }

  /** The partition whose head is due next, 'wait' while a partition may still hold an earlier event, or 'caught-up'. */
  private nextDue(): PartitionState | 'wait' | 'caught-up' {
    let best: PartitionState | undefined;
    for (const state of this.partitions.values()) {
      if (state.queue.length === 0) {
        if (state.next < state.end) return 'wait';
        continue;
      }
      if (best === undefined || comparePositions(state.queue[0]!.position, best.queue[0]!.position) < 0) best = state;
    }
    return best ?? 'caught-up';
  }

  /** Takes each partition's end now; true when any moved. */
  private async look(): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    let moved = false;
    try {
      const existing = new Set(await admin.listTopics());
      for (const topic of allTopics(this.options.topicPrefix)) {
        if (!existing.has(topic)) continue;
        for (const offsets of await admin.fetchTopicOffsets(topic)) {
          const key = `${topic}/${offsets.partition}`;
          let state = this.partitions.get(key);
          if (state === undefined) {
            state = { topic, partition: offsets.partition, queue: [], next: Number(offsets.low), end: Number(offsets.low), paused: false };
            this.partitions.set(key, state);
          }
          state.next = Math.max(state.next, Number(offsets.low));
          if (Number(offsets.high) > state.end) {
            state.end = Number(offsets.high);
            moved = true;
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
    return moved;
  }

  private async connect(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `sales-ops-kafka-source-${randomUUID()}`, maxWaitTimeInMs: 50 });
    this.consumer = consumer;
    await consumer.connect();
    // The relay creates every topic at once when it starts: until then, wait for it.
    const topics = allTopics(this.options.topicPrefix);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      while (!this.closed) {
        const existing = new Set(await admin.listTopics());
        if (topics.every((topic) => existing.has(topic))) break;
        await this.sleep(500);
      }
    } finally {
      await admin.disconnect();
    }
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        let state = this.partitions.get(key);
        if (state === undefined) {
          state = { topic: batch.topic, partition: batch.partition, queue: [], next: 0, end: 0, paused: false };
          this.partitions.set(key, state);
        }
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset < state.next) continue;
          try {
            state.queue.push(fromKafkaMessage(message));
          } catch (error) {
            this.failure = new Error(`${key}@${offset} is not a Sales-ops event: ${(error as Error).message}`);
          }
          state.next = offset + 1;
        }
        // Past anything the batch skipped (control records), up to what it covered.
        const covered = Number(batch.lastOffset());
        if (Number.isFinite(covered)) state.next = Math.max(state.next, covered + 1);
        if (!state.paused && state.queue.length > PAUSE_ABOVE) {
          state.paused = true;
          consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
        }
        this.wake?.();
      },
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private setStatus(status: SubscriptionStatus): void {
    this.current = status;
    this.onStatus?.(status);
  }
}

function matchesFilter(event: StoredEvent, filter: EventFilter): boolean {
  if (filter.eventTypes !== undefined && !filter.eventTypes.includes(event.type)) return false;
  return filter.streamPrefix === undefined || event.streamId.startsWith(filter.streamPrefix);
}
