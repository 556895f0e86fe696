/**
 * The store's events read back from Kafka, in the store's global order: a subscription a projection can run
 * from instead of the store (READ_MODEL_SOURCE=kafka).
 *
 * Kafka keeps order per partition only. The relay, though, sends one batch at a time and waits for Kafka to
 * acknowledge it before the next, and marks every message with its send (`ce_relaybatch`: the position of
 * the send's last event and how many events it held). A send's messages land on several partitions and do
 * not become readable at the same instant; but once every message of a send has been read, every event up
 * to its last position is on the topics (the earlier sends were acknowledged before it went out). So the
 * source hands out events up to the end of the newest send it has read whole, and only after reading every
 * partition up to the end it had just after that send was complete (an earlier event may sit on a partition
 * not read that far yet). Within that limit it merges the partitions by position; repeats (a crashed relay
 * sends a batch again, possibly cut differently) are dropped. A send cut short by a crash is never
 * complete, but the relay's next send covers its events again.
 *
 * It reads with a consumer group of its own that never commits: every subscription starts at the beginning
 * of the topics and skips what its checkpoint already covers. Offsets are taken to be contiguous, as the
 * relay's are (no transactions, so no control records; no compaction on these topics). Messages without the
 * mark (published by something else than the relay) count as a send of their own.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaConfig } from 'kafkajs';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  type EventFilter,
  type GlobalPosition,
  type ReadAllFrom,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionStatus,
} from '#libs/event-store';
import { CE_HEADERS, fromKafkaMessage } from '../cloud-events';
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

interface Queued {
  readonly offset: number;
  readonly event: StoredEvent;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly queue: Queued[];
  /** The offset after the last message read. */
  next: number;
  /** The partition's end at the last look. */
  end: number;
}

/** A relay send: how many events it held, and the ids read of them so far. */
interface Send {
  readonly last: GlobalPosition;
  readonly count: number;
  readonly seen: Set<string>;
}

class KafkaSubscription implements Subscription {
  private current: SubscriptionStatus;
  private readonly kafka: Kafka;
  private consumer: Consumer | undefined;
  private readonly partitions = new Map<string, PartitionState>();
  private readonly sends = new Map<string, Send>();
  /** The last position of the newest send read whole. */
  private complete: GlobalPosition | undefined;
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
    /** Events up to here may be handed out: every one of them has been read. */
    let limit: GlobalPosition | undefined;
    try {
      await this.connect();
      while (!this.closed) {
        if (this.failure) throw this.failure;
        const next = limit === undefined ? undefined : this.nextDue(limit);
        if (next !== undefined) {
          const { event } = next.queue.shift()!;
          if (last !== 'start' && comparePositions(event.position, last) <= 0) continue;
          last = event.position;
          this.current = { state: this.current.state, position: last };
          if (this.filter === undefined || matchesFilter(event, this.filter)) yield event;
          continue;
        }
        const complete = this.complete;
        if (complete !== undefined && (limit === undefined || comparePositions(complete, limit) > 0)) {
          // A newer send was read whole: everything before it is on the topics; read every partition as far
          // as it reaches now, then hand out up to that send's end.
          await this.look();
          while (!this.closed && !this.failure && [...this.partitions.values()].some((state) => state.next < state.end)) await this.sleep(this.options.pollMs ?? 50);
          limit = complete;
          continue;
        }
        if (this.current.state !== 'live') this.setStatus({ state: 'live', position: last });
        await this.sleep(this.options.pollMs ?? 50);
      }
    } finally {
      await this.close();
    }
  }

  /** The partition whose head comes first in the global order, among heads up to `limit`. */
  private nextDue(limit: GlobalPosition): PartitionState | undefined {
    let best: PartitionState | undefined;
    for (const state of this.partitions.values()) {
      const head = state.queue[0];
      if (head === undefined || comparePositions(head.event.position, limit) > 0) continue;
      if (best === undefined || comparePositions(head.event.position, best.queue[0]!.event.position) < 0) best = state;
    }
    return best;
  }

  /** Takes each partition's end now. */
  private async look(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of allTopics(this.options.topicPrefix)) {
        for (const offsets of await admin.fetchTopicOffsets(topic)) {
          const state = this.partition(topic, offsets.partition);
          state.next = Math.max(state.next, Number(offsets.low));
          state.end = Math.max(state.end, Number(offsets.high));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  private partition(topic: string, partition: number): PartitionState {
    const key = `${topic}/${partition}`;
    let state = this.partitions.get(key);
    if (state === undefined) {
      state = { topic, partition, queue: [], next: 0, end: 0 };
      this.partitions.set(key, state);
    }
    return state;
  }

  /** Counts a message towards its send; a send read whole moves `complete`. */
  private count(event: StoredEvent, mark: string | undefined): void {
    let last = event.position;
    let count = 1;
    if (mark !== undefined) {
      const match = /^(\d+\/\d+);(\d+)$/.exec(mark);
      if (!match) throw new Error(`${CE_HEADERS.relaybatch} "${mark.slice(0, 40)}" is not <position>;<count>`);
      last = decodePosition(match[1]!, CE_HEADERS.relaybatch);
      count = Number(match[2]);
    }
    if (this.complete !== undefined && comparePositions(last, this.complete) <= 0) return;
    const key = encodePosition(last);
    let send = this.sends.get(key);
    if (send === undefined) this.sends.set(key, (send = { last, count, seen: new Set() }));
    send.seen.add(event.eventId);
    if (send.seen.size < send.count) return;
    this.complete = last;
    // Sends up to this one are settled: what they held is either read or covered by a later send.
    for (const [other, { last: end }] of this.sends) if (comparePositions(end, last) <= 0) this.sends.delete(other);
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
        const state = this.partition(batch.topic, batch.partition);
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset < state.next) continue;
          try {
            const event = fromKafkaMessage(message);
            this.count(event, message.headers?.[CE_HEADERS.relaybatch]?.toString());
            state.queue.push({ offset, event });
          } catch (error) {
            this.failure = new Error(`${batch.topic}/${batch.partition}@${offset} is not a Sales-ops event: ${(error as Error).message}`);
          }
          state.next = offset + 1;
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
