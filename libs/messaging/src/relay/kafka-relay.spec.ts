/**
 * The relay against a real broker (the run's, see test/support/kafka.ts) and real stores: everything stored
 * reaches its context's topic, keyed by stream, in order, as CloudEvents that read back as the stored event;
 * the checkpoint follows Kafka's acknowledgements; on PostgreSQL one relay runs and another takes over.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  comparePositions,
  encodePosition,
  openCheckpointStore,
  openEventStore,
  type CheckpointStore,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '#libs/event-store';
import { freshTopicPrefix, testKafkaBrokers, quietRelayLog as quiet, TYPES_BY_CONTEXT } from '../../../../test/support/kafka';
import { freshSchemaName, testDatabaseUrl } from '../../../../test/support/postgres';
import { checkTopics } from '../checker/topic-checker';
import { CE_HEADERS, fromKafkaMessage } from '../cloud-events';
import { topicOf } from '../topics';
import { KafkaRelay } from './kafka-relay';
import { ProducerThreads } from './producer-threads';
import { openRelayLease } from './relay-lease';


function events(stream: number, count: number, offset = 0): NewEvent[] {
  const types = TYPES_BY_CONTEXT[stream % TYPES_BY_CONTEXT.length]!;
  return Array.from({ length: count }, (_, index) => ({
    type: types[(index + offset) % types.length]!,
    data: { n: index + offset, note: 'ünïcödé ✓' },
    metadata: { correlationId: `c-${index + offset}`, causationId: index % 2 === 0 ? null : `cause-${index}`, actor: { userId: 'u-1', role: 'hunter' } },
  }));
}

/** `streams` streams, `perStream` events each, appended a few at a time, interleaved across streams. */
async function writeHistory(store: EventStore, streams: number, perStream: number, tag = 's'): Promise<void> {
  for (let round = 0; round < perStream; round += 2) {
    for (let stream = 0; stream < streams; stream += 1) {
      const count = Math.min(2, perStream - round);
      await store.append(`${tag}-${stream}`, events(stream, count, round), { expectedRevision: round === 0 ? 'no-stream' : round - 1 });
    }
  }
}

async function untilPublished(relay: KafkaRelay, store: EventStore, timeoutMs = 30_000): Promise<void> {
  const head = await store.headPosition();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { position, lastError } = relay.status();
    if (head === 'start' || (position !== null && position === encodePosition(head))) return;
    if (Date.now() > deadline) throw new Error(`the relay did not reach ${JSON.stringify(head)} (at ${position}; last error ${lastError})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every message of a topic, from the start up to its end now. */
async function readTopic(brokers: string[], topic: string): Promise<Array<{ partition: number; message: Parameters<typeof fromKafkaMessage>[0] }>> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const total = ends.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  const read: Array<{ partition: number; message: Parameters<typeof fromKafkaMessage>[0] }> = [];
  const consumer = kafka.consumer({ groupId: `read-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      read.push({ partition, message: { key: message.key, value: message.value, headers: message.headers as Record<string, Buffer> } });
      if (read.length >= total) done();
    },
  });
  if (total > 0) await finished;
  await consumer.disconnect();
  return read;
}

describe('the Kafka relay', () => {
  let dir: string;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  const relays: KafkaRelay[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    checkpoints = await openCheckpointStore(`sqlite:${join(dir, 'events.db')}`);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await checkpoints.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function relayFor(
    prefix: string,
    options: { batchSize?: number; producerThreads?: number; store?: EventStore; checkpoints?: CheckpointStore; url?: string } = {},
  ): KafkaRelay {
    const relay = new KafkaRelay(
      options.store ?? store,
      options.checkpoints ?? checkpoints,
      openRelayLease(options.url ?? `sqlite:${join(dir, 'events.db')}`, 'kafka-relay'),
      { brokers: testKafkaBrokers(), topicPrefix: prefix, batchSize: options.batchSize ?? 100, producerThreads: options.producerThreads, leaseRetryMs: 200 },
      quiet,
    );
    relays.push(relay);
    return relay;
  }

  it('publishes the stored history to each context’s topic, keyed by stream, in order, then what is stored while it runs', async () => {
    const prefix = freshTopicPrefix();
    await writeHistory(store, 12, 20);
    const relay = relayFor(prefix, { batchSize: 37 });
    relay.start();
    await untilPublished(relay, store);
    // Live: written while the relay follows the store.
    await writeHistory(store, 5, 6, 'live');
    await untilPublished(relay, store);

    const report = await checkTopics(store, { brokers: testKafkaBrokers(), topicPrefix: prefix });
    expect(report).toMatchObject({ ok: true, storedEvents: 270, messages: 270, repeats: 0, missingCount: 0, outOfOrder: [], splitStreams: [], malformed: 0 });
    expect(relay.status()).toMatchObject({ state: 'relaying', eventsPublished: 270, lastError: null, secondsBehind: 0 });
    // The checkpoint is the last event Kafka acknowledged.
    expect(await checkpoints.load('kafka-relay')).toEqual(await store.headPosition());
  });

  it('sends CloudEvents in binary mode that read back as the stored events', async () => {
    const prefix = freshTopicPrefix();
    await writeHistory(store, 3, 4);
    const relay = relayFor(prefix);
    relay.start();
    await untilPublished(relay, store);

    const stored: StoredEvent[] = [];
    for await (const event of store.readAll()) stored.push(event);
    const topic = topicOf('DealWon', prefix);
    const messages = await readTopic(testKafkaBrokers(), topic);
    const expected = stored.filter((event) => topicOf(event.type, prefix) === topic);
    expect(messages).toHaveLength(expected.length);
    const received = messages.map(({ message }) => fromKafkaMessage(message)).sort((a, b) => comparePositions(a.position, b.position));
    expect(received).toEqual(expected);
    const first = messages[0]!.message;
    expect(first.key?.toString()).toBe(received.find((event) => event.eventId === first.headers![CE_HEADERS.id]!.toString())!.streamId);
    expect(first.headers![CE_HEADERS.specversion]!.toString()).toBe('1.0');
    expect(first.headers![CE_HEADERS.source]!.toString()).toBe('sales-ops/deal-closing');
    expect(first.headers![CE_HEADERS.contentType]!.toString()).toBe('application/json');
    // A stream's events share a partition.
    const partitions = new Map<string, Set<number>>();
    for (const { partition, message } of messages) {
      const key = message.key!.toString();
      partitions.set(key, (partitions.get(key) ?? new Set()).add(partition));
    }
    for (const used of partitions.values()) expect(used.size).toBe(1);
  });

  it('shares a large batch among its producer threads, and every stream still arrives whole and in order', async () => {
    const prefix = freshTopicPrefix();
    await writeHistory(store, 24, 60);
    const send = jest.spyOn(ProducerThreads.prototype, 'send');
    let sizes: number[][];
    try {
      const relay = relayFor(prefix, { batchSize: 1000, producerThreads: 3 });
      relay.start();
      await untilPublished(relay, store);
      expect(relay.status()).toMatchObject({ eventsPublished: 1440, batchesPublished: 2, lastError: null });
      sizes = send.mock.calls.map(([parts]) => parts.map((part) => part.reduce((sum, { messages }) => sum + messages.length, 0)));
    } finally {
      send.mockRestore();
    }
    // The first batch (1000 events) went out in three parts, one per thread; the rest (440) in two.
    expect(sizes.map((part) => part.length)).toEqual([3, 2]);
    expect(sizes.map((part) => part.reduce((sum, size) => sum + size, 0))).toEqual([1000, 440]);
    for (const size of sizes[0]!) expect(size).toBeGreaterThan(150);
    const report = await checkTopics(store, { brokers: testKafkaBrokers(), topicPrefix: prefix });
    expect(report).toMatchObject({ ok: true, storedEvents: 1440, messages: 1440, repeats: 0, missingCount: 0, outOfOrder: [], splitStreams: [] });
    expect(await checkpoints.load('kafka-relay')).toEqual(await store.headPosition());
  });

  it('refuses kafkajs settings that cannot be copied to its producer threads', () => {
    expect(
      () =>
        new KafkaRelay(store, checkpoints, openRelayLease(`sqlite:${join(dir, 'events.db')}`, 'kafka-relay'), {
          brokers: testKafkaBrokers(),
          kafka: { socketFactory: () => undefined as never },
        }, quiet),
    ).toThrow(/^the Kafka relay's kafka settings must be plain data, copied to its producer threads: .*could not be cloned/);
  });

  it('resumes from its checkpoint after a stop, without sending what Kafka acknowledged again', async () => {
    const prefix = freshTopicPrefix();
    await writeHistory(store, 4, 10);
    const first = relayFor(prefix, { batchSize: 7 });
    first.start();
    await untilPublished(first, store);
    await first.stop();
    await writeHistory(store, 4, 4, 'later');
    const second = relayFor(prefix, { batchSize: 7 });
    second.start();
    await untilPublished(second, store);
    expect(second.status().eventsPublished).toBe(16);
    const report = await checkTopics(store, { brokers: testKafkaBrokers(), topicPrefix: prefix });
    expect(report).toMatchObject({ ok: true, storedEvents: 56, messages: 56, repeats: 0 });
  });
});

describe('the Kafka relay on PostgreSQL', () => {
  it('runs one relay at a time: a second waits on standby and takes over from the checkpoint when the first stops', async () => {
    const url = `${testDatabaseUrl()}${testDatabaseUrl().includes('?') ? '&' : '?'}schema=${freshSchemaName('relay')}`;
    const store = await openEventStore(url);
    const checkpoints = await openCheckpointStore(url);
    const prefix = freshTopicPrefix();
    const make = (): KafkaRelay =>
      new KafkaRelay(store, checkpoints, openRelayLease(url, 'kafka-relay'), { brokers: testKafkaBrokers(), topicPrefix: prefix, batchSize: 50, leaseRetryMs: 100 }, quiet);
    const first = make();
    const second = make();
    try {
      await writeHistory(store, 6, 10);
      first.start();
      await untilPublished(first, store);
      second.start();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(second.status().state).toBe('standby');

      await first.stop();
      await writeHistory(store, 6, 4, 'after');
      await untilPublished(second, store);
      expect(second.status()).toMatchObject({ state: 'relaying', eventsPublished: 24 });
      const report = await checkTopics(store, { brokers: testKafkaBrokers(), topicPrefix: prefix });
      expect(report).toMatchObject({ ok: true, storedEvents: 84, messages: 84, repeats: 0 });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await checkpoints.close();
      await store.close();
    }
  });
});
