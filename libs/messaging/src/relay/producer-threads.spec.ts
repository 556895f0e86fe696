/**
 * The relay's producer threads: how a send is cut among them (splitSend, pure), and the threads against the
 * run's real broker (see test/support/kafka.ts): a held send goes out only once released, a dropped one
 * never, and a thread that cannot connect says so.
 */
import { Kafka, Partitioners, logLevel, type Message, type PartitionMetadata, type TopicMessages } from 'kafkajs';
import { freshTopicPrefix, testKafkaBrokers } from '../../../../test/support/kafka';
import { ProducerThreads, splitSend } from './producer-threads';

function partitions(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0] }));
}

function messages(topic: string, count: number, streams: number): TopicMessages {
  return { topic, messages: Array.from({ length: count }, (_, index) => ({ key: `stream-${index % streams}`, value: `${topic}#${index}` })) };
}

describe('splitSend', () => {
  const partitionsOf = new Map([
    ['a', partitions(3)],
    ['b', partitions(5)],
  ]);
  const send = [messages('a', 400, 37), messages('b', 250, 11)];

  it('gives every message the partition kafkajs’ DefaultPartitioner gives its key, and keeps each partition in one part, in order', () => {
    const parts = splitSend(send, partitionsOf, 3);
    expect(parts).toHaveLength(3);
    const partitioner = Partitioners.DefaultPartitioner();
    const placed = new Map<string, { part: number; values: string[] }>();
    parts.forEach((part, index) =>
      part.forEach(({ topic, messages: list }) =>
        list.forEach((message) => {
          const expected = partitioner({ topic, partitionMetadata: partitionsOf.get(topic)!, message });
          expect(message.partition).toBe(expected);
          const key = `${topic}/${message.partition}`;
          const entry = placed.get(key) ?? { part: index, values: [] };
          expect(entry.part).toBe(index);
          entry.values.push(String(message.value));
          placed.set(key, entry);
        }),
      ),
    );
    // Every message once, and each partition's messages in the order they were given.
    const total = [...placed.values()].reduce((sum, { values }) => sum + values.length, 0);
    expect(total).toBe(650);
    for (const [key, { values }] of placed) {
      const topic = key.split('/')[0]!;
      const order = values.map((value) => Number(value.split('#')[1]));
      expect(order).toEqual([...order].sort((x, y) => x - y));
      expect(values.every((value) => value.startsWith(`${topic}#`))).toBe(true);
    }
  });

  it('shares the messages about evenly among the parts', () => {
    const loads = splitSend(send, partitionsOf, 2).map((part) => part.reduce((sum, { messages: list }) => sum + list.length, 0));
    expect(loads[0]! + loads[1]!).toBe(650);
    // 8 partitions of 80–150 messages: the larger part exceeds the smaller by less than the largest partition.
    expect(Math.abs(loads[0]! - loads[1]!)).toBeLessThan(150);
  });

  it('puts everything in the one part when asked for one, and keeps a partition a message already names', () => {
    const named: Message = { key: 'stream-1', value: 'pinned', partition: 2 };
    const [only, ...rest] = splitSend([{ topic: 'a', messages: [named, { key: 'stream-1', value: 'x' }] }], partitionsOf, 1);
    expect(rest).toEqual([]);
    expect(only!.flatMap(({ messages: list }) => list).find((message) => message.value === 'pinned')?.partition).toBe(2);
  });

  it('refuses a topic whose partitions it does not know', () => {
    expect(() => splitSend([messages('c', 1, 1)], partitionsOf, 2)).toThrow('no partitions known for topic c');
  });
});

describe('ProducerThreads', () => {
  let threads: ProducerThreads | undefined;
  afterEach(async () => {
    await threads?.close();
    threads = undefined;
  });

  async function topicWithPartitions(count: number): Promise<{ topic: string; partitionsOf: Map<string, PartitionMetadata[]>; messagesIn: () => Promise<number> }> {
    const topic = `${freshTopicPrefix()}threads`;
    const admin = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: count }] });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    const messagesIn = async (): Promise<number> => {
      const reader = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
      await reader.connect();
      try {
        return (await reader.fetchTopicOffsets(topic)).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
      } finally {
        await reader.disconnect();
      }
    };
    return { topic, partitionsOf: new Map([[topic, metadata.topics[0]!.partitions]]), messagesIn };
  }

  it('sends a batch’s parts side by side, and holds them until the batch before is acknowledged', async () => {
    const { topic, partitionsOf, messagesIn } = await topicWithPartitions(4);
    threads = await ProducerThreads.start(2, { clientId: 'producer-threads-spec', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    expect(threads.size).toBe(2);

    await threads.send(splitSend([messages(topic, 300, 40)], partitionsOf, 2));
    expect(await messagesIn()).toBe(300);

    let release!: () => void;
    const before = new Promise<void>((resolve) => (release = resolve));
    const held = threads.send(splitSend([messages(topic, 200, 40)], partitionsOf, 2), before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await messagesIn()).toBe(300);
    release();
    await held;
    expect(await messagesIn()).toBe(500);
  });

  it('never sends a held batch whose batch before failed, and goes on sending afterwards', async () => {
    const { topic, partitionsOf, messagesIn } = await topicWithPartitions(2);
    threads = await ProducerThreads.start(2, { clientId: 'producer-threads-spec', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const before = Promise.reject(new Error('the batch before was refused'));
    await expect(threads.send(splitSend([messages(topic, 100, 9)], partitionsOf, 2), before)).rejects.toThrow('the batch before was refused');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await messagesIn()).toBe(0);
    await threads.send(splitSend([messages(topic, 10, 9)], partitionsOf, 2));
    expect(await messagesIn()).toBe(10);
  });

  it('says which thread could not connect, and why', async () => {
    await expect(ProducerThreads.start(1, { brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING, retry: { retries: 0 } })).rejects.toThrow(
      'producer thread 1/1 could not connect: Idempotent producer must allow retries to protect against transient errors',
    );
    await expect(
      ProducerThreads.start(1, { clientId: 'producer-threads-spec', brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING, connectionTimeout: 200, retry: { retries: 1, initialRetryTime: 50 } }),
    ).rejects.toThrow(/^producer thread 1\/1 could not connect: .*ECONNREFUSED/);
  });
});
