/** The checker finds what a broken relay would do: a missing event, a stream out of order, a repeat. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { openEventStore, type EventStore, type StoredEvent } from '#libs/event-store';
import { freshTopicPrefix, testKafkaBrokers } from '../../../../test/support/kafka';
import { toKafkaMessage } from '../cloud-events';
import { allTopics, topicOf } from '../topics';
import { checkTopics } from './topic-checker';

describe('the topic checker', () => {
  let dir: string;
  let store: EventStore;
  let stored: StoredEvent[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'checker-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    const metadata = { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'lead-generator' } };
    await store.append('lead-1', ['LeadCaptured', 'LeadAssigned', 'LeadContactAttempted'].map((type) => ({ type, data: {}, metadata })), {
      expectedRevision: 'no-stream',
    });
    stored = [];
    for await (const event of store.readAll()) stored.push(event);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function publish(prefix: string, order: number[]): Promise<void> {
    const kafka = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: allTopics(prefix).map((topic) => ({ topic, numPartitions: 2 })), waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: topicOf('LeadCaptured', prefix), messages: order.map((index) => toKafkaMessage(stored[index]!)) });
    await producer.disconnect();
  }

  it('passes topics that hold every event in order, and counts repeats', async () => {
    const prefix = freshTopicPrefix();
    await publish(prefix, [0, 1, 0, 1, 2]);
    expect(await checkTopics(store, { brokers: testKafkaBrokers(), topicPrefix: prefix })).toMatchObject({
      ok: true, storedEvents: 3, messages: 5, repeats: 2, missingCount: 0, outOfOrder: [],
    });
  });

  it('reports an event that is missing and a stream that goes backwards', async () => {
    const prefix = freshTopicPrefix();
    await publish(prefix, [1, 0]);
    const report = await checkTopics(store, { brokers: testKafkaBrokers(), topicPrefix: prefix });
    expect(report).toMatchObject({ ok: false, storedEvents: 3, messages: 2, missing: [stored[2]!.eventId], missingCount: 1 });
    expect(report.outOfOrder).toEqual([expect.stringContaining('lead-1: revision 0 after 1')]);
  });
});
