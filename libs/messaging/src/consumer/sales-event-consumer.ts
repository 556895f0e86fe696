/**
 * The consumer library for the internal services that follow Sales-ops through Kafka.
 *
 * A service names the event types it handles (typed by the catalogue in libs/contracts) and its inbox
 * (inbox.ts). For each message of the subscribed topics, in partition order:
 * 1. the CloudEvent is read back (a message that is not one goes to the dead-letter topic);
 * 2. a type without a handler is passed over;
 * 3. an older schema version is upcast to the one this service was built against (libs/contracts' upcasters,
 *    as the store does for its own readers); a newer one goes to the dead-letter topic (a newer producer needs
 *    a newer consumer), as does data that does not match the catalogue's schema;
 * 4. the handler runs in the inbox's transaction, once per event id (a redelivery is passed over);
 * 5. a handler that throws is tried again, up to `maxAttempts` times with a growing pause; then the message
 *    goes to the dead-letter topic `<topic>.dlq.<group>` with why, and the partition moves on;
 * 6. only then is the offset committed (manual commits: a consumer killed before step 6 gets the message
 *    again, and the inbox passes it over).
 * stop() lets the message in hand finish and leaves the group (a clean rebalance for the others).
 *
 * Personal data: an event's personal fields travel sealed (ciphertext under their data subject's key, which only
 * Sales-ops holds) and reach a handler out of `data`, named in `event.personalData`; a service that needs a value
 * reads it through the API while the subject is kept. When a subject is erased, `onErasure` runs (topic
 * sales.privacy.v1): the service must then delete or anonymise whatever it keeps of that subject — values it read
 * through the API, and anything it derived from them (see the README, section Personal data).
 */
import { hostname } from 'node:os';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type ConsumerConfig, type IHeaders, type KafkaConfig, type KafkaMessage, type Producer } from 'kafkajs';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Registry } from 'prom-client';
import { EventSchemaViolationError, checkEventData, eventDefinition, upcastEventData, type SalesEventType } from '#libs/contracts';
import type { SalesEvent } from '#libs/event-sourcing';
import type { StoredEvent } from '#libs/event-store';
import { fromKafkaMessage, MalformedEventMessageError } from '../cloud-events';
import { deadLetterTopic, topicOf } from '../topics';
import { ConsumerMetrics, type ConsumerOutcome, type PartitionLag } from './consumer-metrics';
import type { Inbox } from './inbox';

export type { SalesEvent, SalesEventType };

export type SalesEventHandlers<Tx> = {
  readonly [T in SalesEventType]?: (event: SalesEvent<T>, tx: Tx) => Promise<void> | void;
};

export interface SalesEventConsumerOptions<Tx> {
  readonly brokers: readonly string[];
  /** The consumer group: one per service (each service gets every event; its instances share the work). */
  readonly groupId: string;
  readonly clientId?: string;
  /** The relay's KAFKA_TOPIC_PREFIX. */
  readonly topicPrefix?: string;
  readonly handlers: SalesEventHandlers<Tx>;
  /**
   * A data subject's personal data was erased in Sales-ops: delete what this service keeps of it, in `tx`
   * (once per erasure, as every handler). The same as a `PersonalDataErased` handler.
   */
  readonly onErasure?: (erasure: PersonalDataErasure, tx: Tx) => Promise<void> | void;
  readonly inbox: Inbox<Tx>;
  /** Attempts of a failing handler before its message goes to the dead-letter topic (default 5). */
  readonly maxAttempts?: number;
  /** The pause after the first failed attempt; it doubles after each (default 200 ms). */
  readonly retryDelayMs?: number;
  /** Where a new group starts: the beginning of the topics (default) or only what comes next. */
  readonly fromBeginning?: boolean;
  /** How long a fetch waits for messages when there are none (kafkajs maxWaitTimeInMs; default 100). */
  readonly maxWaitTimeMs?: number;
  readonly kafka?: Omit<KafkaConfig, 'brokers' | 'clientId'>;
  /**
   * kafkajs consumer settings, e.g. `sessionTimeout` (how long a member that died keeps its partitions
   * before the group gives them to the others; kafkajs' default 30 s) and `heartbeatInterval` (a third of it).
   */
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  readonly log?: ConsumerLog;
  /**
   * The service's prom-client registry: the consumer then shows its group's lag per partition and the messages it
   * finished by outcome there (consumer-metrics.ts).
   */
  readonly metrics?: Registry;
}

export interface PersonalDataErasure {
  /** The subject: `lead-<leadId>` (a lead's contact, and the deal and account that came from it) or `task-<taskId>`. */
  readonly subjectId: string;
  readonly reason: SalesEvent<'PersonalDataErased'>['data']['reason'];
  readonly erasedAt: Date;
}

export interface ConsumerLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface ConsumerStatus {
  readonly running: boolean;
  readonly handled: number;
  /** Redeliveries the inbox passed over. */
  readonly duplicates: number;
  /** Messages of types without a handler. */
  readonly passedOver: number;
  readonly deadLettered: number;
  readonly lastError: string | null;
}

/** Why a message went to the dead-letter topic (the `dlq-reason` header). */
export type DeadLetterReason = 'malformed' | 'schema-version' | 'invalid-data' | 'handler-failed';

export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  group: 'dlq-group',
  at: 'dlq-at',
} as const;

const TRACER = trace.getTracer('sales-ops-consumer');

/** The longest pause between two attempts (an inbox away for long is retried every 10 s). */
const MAX_RETRY_DELAY_MS = 10_000;

/** Pauses before joining the group again after a crash kafkajs does not restart from: 1 s, doubling up to 30 s. */
const FIRST_REJOIN_DELAY_MS = 1_000;
const MAX_REJOIN_DELAY_MS = 30_000;

class DeadLetter extends Error {
  constructor(
    readonly reason: DeadLetterReason,
    message: string,
    readonly attempts = 0,
  ) {
    super(message);
  }
}

export class SalesEventConsumer<Tx> {
  private readonly kafka: Kafka;
  private consumer: Consumer;
  private readonly producer: Producer;
  private rejoinDelayMs = FIRST_REJOIN_DELAY_MS;
  private rejoinTimer: NodeJS.Timeout | undefined;
  private readonly topics: string[];
  private running = false;
  private stopping = false;
  private readonly finishedBy: Record<ConsumerOutcome, number> = { handled: 0, duplicate: 0, 'passed-over': 0, 'dead-lettered': 0 };
  private lastError: string | null = null;
  private admin: Promise<Admin> | undefined;
  private readonly metrics: ConsumerMetrics | undefined;

  private readonly handlers: SalesEventHandlers<Tx>;

  constructor(private readonly options: SalesEventConsumerOptions<Tx>) {
    const onErasure = options.onErasure;
    if (onErasure !== undefined && options.handlers.PersonalDataErased !== undefined) throw new Error('give onErasure or a PersonalDataErased handler, not both');
    this.handlers = onErasure === undefined ? options.handlers : {
      ...options.handlers,
      PersonalDataErased: (event, tx) => onErasure({ subjectId: event.data.subjectId, reason: event.data.reason, erasedAt: event.occurredAt }, tx),
    };
    const types = Object.keys(this.handlers);
    if (types.length === 0) throw new Error('a SalesEventConsumer needs at least one handler');
    for (const type of types) eventDefinition(type); // an unknown type throws here, at construction
    this.topics = [...new Set(types.map((type) => topicOf(type, options.topicPrefix)))];
    // Each instance its own client id, so that the group's members can be told apart.
    const clientId = options.clientId ?? `${options.groupId}-${hostname()}-${process.pid}`;
    this.kafka = new Kafka({ clientId, brokers: [...options.brokers], logLevel: logLevel.NOTHING, ...options.kafka });
    this.consumer = this.newConsumer();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    this.metrics = options.metrics && new ConsumerMetrics(options.metrics, this);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** The topics this consumer reads: those of the contexts its handlers' types belong to. */
  get subscribedTopics(): readonly string[] {
    return this.topics;
  }

  status(): ConsumerStatus {
    return {
      running: this.running,
      handled: this.finishedBy.handled,
      duplicates: this.finishedBy.duplicate,
      passedOver: this.finishedBy['passed-over'],
      deadLettered: this.finishedBy['dead-lettered'],
      lastError: this.lastError,
    };
  }

  /**
   * How far its group trails the topics it reads, per partition, as the broker tells now: the messages after the
   * group's committed offset (every instance of the group sees the same; a stuck consumer's lag grows).
   */
  async lag(): Promise<PartitionLag[]> {
    const admin = await this.connectedAdmin();
    const lags: PartitionLag[] = [];
    const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: this.topics });
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((end) => [end.partition, end]));
      for (const { partition, offset } of partitions) {
        const end = ends.get(partition);
        if (end === undefined) continue;
        // No commit yet: a group that starts from the beginning has all of the partition still to read.
        const from = Number(offset) >= 0 ? Number(offset) : this.options.fromBeginning === false ? Number(end.high) : Number(end.low);
        lags.push({ topic, partition, messages: Math.max(0, Number(end.high) - from) });
      }
    }
    return lags;
  }

  /** Creates the dead-letter topics it may need, joins the group and starts consuming. */
  async start(): Promise<void> {
    await this.createDeadLetterTopics();
    await this.join();
  }

  /**
   * kafkajs restarts a consumer by itself after a retriable error only; after any other (a member the group
   * coordinator no longer knows once the broker came back, an error of the service's own code on the way to a
   * commit) it leaves the consumer stopped for good. A service would then consume nothing until someone restarts
   * it: this consumer joins the group again by itself instead — a new kafkajs consumer, from the group's committed
   * offsets (what was handled and not committed comes again, and the inbox passes it over) — after 1 s, then
   * doubling up to 30 s while joining fails. `status().running` is false meanwhile and `lastError` says why.
   */
  private newConsumer(): Consumer {
    const consumer = this.kafka.consumer({ maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 100, ...this.options.consumer, groupId: this.options.groupId });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.lastError = `the consumer crashed: ${payload.error.message}`;
      if (payload.restart || consumer !== this.consumer) return;
      this.running = false;
      this.rejoinLater();
    });
    return consumer;
  }

  private async join(): Promise<void> {
    const consumer = this.consumer;
    await this.producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        await this.process(topic, partition, message, heartbeat);
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });
    this.running = true;
  }

  private rejoinLater(): void {
    if (this.stopping || this.rejoinTimer !== undefined) return;
    const delay = this.rejoinDelayMs;
    this.rejoinDelayMs = Math.min(MAX_REJOIN_DELAY_MS, delay * 2);
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = undefined;
      void this.rejoin();
    }, delay);
  }

  private async rejoin(): Promise<void> {
    if (this.stopping) return;
    const crashed = this.consumer;
    this.consumer = this.newConsumer();
    await crashed.disconnect().catch(() => undefined);
    try {
      await this.join();
      this.rejoinDelayMs = FIRST_REJOIN_DELAY_MS;
    } catch (error) {
      this.lastError = `could not join the group again: ${(error as Error).message}`;
      await this.consumer.disconnect().catch(() => undefined);
      this.rejoinLater();
    }
  }

  /** Finishes the message in hand, leaves the group and disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.rejoinTimer);
    this.rejoinTimer = undefined;
    await this.consumer.disconnect();
    await this.producer.disconnect();
    this.metrics?.detach();
    const admin = this.admin;
    this.admin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect();
    this.running = false;
  }

  /** One admin connection for the lag, made at the first ask (a failed one is made again at the next). */
  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  private finished(outcome: ConsumerOutcome): void {
    this.finishedBy[outcome] += 1;
    this.metrics?.count(outcome);
  }

  private async process(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    try {
      const event = this.read(message);
      if (event === undefined) {
        this.finished('passed-over');
        return;
      }
      await this.traced(topic, event, () => this.handle(event, heartbeat));
    } catch (error) {
      if (!(error instanceof DeadLetter)) throw error;
      await this.deadLetter(topic, partition, message, error);
    }
  }

  /**
   * The handling of an event in a span of its own (when the service traces: an OpenTelemetry SDK registered), child
   * of the command that stored the event (its `traceparent`), so that it joins the command's trace.
   */
  private traced(topic: string, event: SalesEvent, handle: () => Promise<void>): Promise<void> {
    const traceparent = event.metadata.traceparent;
    const parent = typeof traceparent === 'string' ? propagation.extract(ROOT_CONTEXT, { traceparent }) : context.active();
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
      'messaging.consumer.group.name': this.options.groupId,
      'messaging.message.id': event.eventId,
    };
    return TRACER.startActiveSpan(`process ${event.type}`, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
      try {
        await handle();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /** The message as an event of a handled type, checked; undefined for a type without a handler. */
  private read(message: KafkaMessage): SalesEvent | undefined {
    let event: StoredEvent;
    try {
      event = fromKafkaMessage(message);
    } catch (error) {
      if (error instanceof MalformedEventMessageError) throw new DeadLetter('malformed', error.message);
      throw error;
    }
    if (!(event.type in this.handlers)) return undefined;
    const expected = eventDefinition(event.type).schemaVersion;
    if (event.schemaVersion > expected) {
      throw new DeadLetter(
        'schema-version',
        `${event.type} ${event.eventId} has schema version ${event.schemaVersion}; this consumer was built against version ${expected}`,
      );
    }
    if (event.schemaVersion < expected) {
      try {
        event = { ...event, schemaVersion: expected, data: upcastEventData(event.type, event.schemaVersion, event.data) };
      } catch (error) {
        throw new DeadLetter('schema-version', `${event.type} ${event.eventId} (schema version ${event.schemaVersion}) could not be upcast to ${expected}: ${(error as Error).message}`);
      }
    }
    try {
      checkEventData(event.type, event.data);
    } catch (error) {
      if (error instanceof EventSchemaViolationError) throw new DeadLetter('invalid-data', error.message);
      throw error;
    }
    return event as unknown as SalesEvent;
  }

  /**
   * The handler in the inbox's transaction. Its own failures count towards maxAttempts; a failure of the
   * inbox itself (the service's database away) is not the message's fault: it is tried again, without end,
   * with the pause growing to 10 s (heartbeating meanwhile, so the group keeps the partition), and never
   * dead-lettered.
   */
  private async handle(event: SalesEvent, heartbeat: () => Promise<void>): Promise<void> {
    const handler = this.handlers[event.type] as (event: SalesEvent, tx: Tx) => Promise<void> | void;
    const maxAttempts = this.options.maxAttempts ?? 5;
    const firstDelay = this.options.retryDelayMs ?? 200;
    let delay = firstDelay;
    let attempts = 0;
    for (;;) {
      let handlerFailed = false;
      try {
        const handled = await this.options.inbox.once(this.options.groupId, event.eventId, async (tx) => {
          try {
            await handler(event, tx);
          } catch (error) {
            handlerFailed = true;
            throw error;
          }
        });
        this.finished(handled ? 'handled' : 'duplicate');
        return;
      } catch (error) {
        this.lastError = `${event.type} ${event.eventId}: ${(error as Error).message}`;
        // Stopping: not committed, so handled again after a restart.
        if (this.stopping) throw error;
        if (handlerFailed) {
          attempts += 1;
          if (attempts >= maxAttempts) throw new DeadLetter('handler-failed', (error as Error).message, attempts);
        }
        const what = handlerFailed ? `attempt ${attempts} of ${maxAttempts} at` : 'the inbox failed at';
        this.options.log?.warn(`${what} ${this.lastError}; again in ${delay} ms`);
        await this.pause(delay, heartbeat);
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  /** Waits `ms`, telling the group every second that this member lives; cut short by stop(). */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, until - Date.now())));
      await heartbeat().catch(() => undefined);
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, why: DeadLetter): Promise<void> {
    const headers: IHeaders = {
      ...message.headers,
      [DLQ_HEADERS.reason]: why.reason,
      [DLQ_HEADERS.error]: why.message.slice(0, 2000),
      [DLQ_HEADERS.attempts]: String(why.attempts),
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.partition]: String(partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.group]: this.options.groupId,
      [DLQ_HEADERS.at]: new Date().toISOString(),
    };
    await this.producer.send({ topic: deadLetterTopic(topic, this.options.groupId), acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    this.finished('dead-lettered');
    this.options.log?.error(`dead-lettered ${topic}/${partition}@${message.offset} (${why.reason}): ${why.message}`);
  }

  private async createDeadLetterTopics(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = this.topics.map((topic) => deadLetterTopic(topic, this.options.groupId)).filter((topic) => !existing.has(topic));
      if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 1 })) });
    } finally {
      await admin.disconnect();
    }
  }
}
