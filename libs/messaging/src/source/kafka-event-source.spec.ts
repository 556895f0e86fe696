/**
 * KafkaEventSource hands out exactly the stored events, in the store's order, while the relay publishes
 * them to four partitions per topic (a send's messages become readable on different partitions at
 * different instants: a source that trusted what it had read so far skipped events; see the relay's marks).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparePositions, openCheckpointStore, openEventStore, type StoredEvent } from '#libs/event-store';
import { freshTopicPrefix, testKafkaBrokers, quietRelayLog as quiet } from '../../../../test/support/kafka';
import { simulatedDays, writeDays } from '../../../../test/support/projection-fixtures';
import { KafkaRelay } from '../relay/kafka-relay';
import { openRelayLease } from '../relay/relay-lease';
import { KafkaEventSource } from './kafka-event-source';


describe('KafkaEventSource', () => {
  it('delivers every stored event once, in global order, caught up and live', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kafka-source-'));
    const url = `sqlite:${folder}/events.db`;
    const store = await openEventStore(url);
    const checkpoints = await openCheckpointStore(url);
    const days = simulatedDays(5, 40, 8);
    await writeDays(store, days.slice(0, 30));
    const prefix = freshTopicPrefix();
    const relay = new KafkaRelay(store, checkpoints, openRelayLease(url, 'kafka-relay'), { brokers: testKafkaBrokers(), topicPrefix: prefix, partitions: 4, batchSize: 100 }, quiet);
    relay.start();
    const subscription = new KafkaEventSource({ brokers: testKafkaBrokers(), topicPrefix: prefix }).subscribe({ from: 'start' });
    const delivered: StoredEvent[] = [];
    try {
      const live = writeDays(store, days.slice(30));
      await live;
      const head = await store.headPosition();
      for await (const event of subscription) {
        delivered.push(event);
        if (head !== 'start' && comparePositions(event.position, head) >= 0) break;
      }
      const stored: string[] = [];
      for await (const event of store.readAll()) stored.push(event.eventId);
      expect(delivered.map((event) => event.eventId)).toEqual(stored);
    } finally {
      await subscription.close();
      await relay.stop();
      await checkpoints.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
