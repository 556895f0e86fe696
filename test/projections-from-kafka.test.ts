/**
 * The proof that the Kafka topics serve: the work-queue and KPI projections run from Kafka (the relay's
 * topics read back in global order by KafkaEventSource) give the same read models as a fold of the store,
 * for a simulated department's history, caught up and then live. A real broker, a real store, real
 * read-model persistence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpointStore, type CheckpointStore, type EventStore } from '#libs/event-store';
import { KafkaEventSource, KafkaRelay, openRelayLease } from '#libs/messaging';
import { PROJECTIONS, ProjectionRunner, openReadModelStore, type ReadModelStore } from '#libs/projections';
import { freshTopicPrefix, testKafkaBrokers, quietRelayLog as quiet } from './support/kafka';
import { openStore, persisted, plain, rebuilt, simulatedDays, writeDays } from './support/projection-fixtures';
import { eventually } from './support/eventually';


describe('projections from Kafka', () => {
  let folder: string;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  let readModels: ReadModelStore;
  let relay: KafkaRelay;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'from-kafka-'));
    store = await openStore(`sqlite:${folder}/events.db`);
    checkpoints = await openCheckpointStore(`sqlite:${folder}/events.db`);
    readModels = await openReadModelStore(`sqlite:${folder}/read-models.db`);
  });

  afterAll(async () => {
    await relay?.stop();
    await readModels.close();
    await checkpoints.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('give the same read models as the store, caught up and live', async () => {
    const days = simulatedDays(23, 50, 8);
    await writeDays(store, days.slice(0, 40));
    const prefix = freshTopicPrefix();
    // Several partitions, so that the source must merge them back into the store's order.
    relay = new KafkaRelay(store, checkpoints, openRelayLease(`sqlite:${folder}/events.db`, 'kafka-relay'), { brokers: testKafkaBrokers(), topicPrefix: prefix, partitions: 4, batchSize: 250 }, quiet);
    relay.start();

    const source = new KafkaEventSource({ brokers: testKafkaBrokers(), topicPrefix: prefix });
    const runner = new ProjectionRunner(PROJECTIONS, source, readModels, { batchSize: 500 });
    runner.start();
    try {
      await runner.whenLive();
      const head = await store.headPosition();
      if (head === 'start') throw new Error('no history');
      await runner.whenCaughtUpTo(head);
      for (const projection of PROJECTIONS) {
        const expected = await rebuilt(store, projection);
        expect(plain(runner.documentsOf(projection.name) as never)).toEqual(expected.documents);
      }

      // Live: what is stored now reaches the read models through the relay and Kafka.
      await writeDays(store, days.slice(40));
      const newHead = await store.headPosition();
      if (newHead === 'start') throw new Error('no history');
      await runner.whenCaughtUpTo(newHead);
      for (const projection of PROJECTIONS) {
        const expected = await rebuilt(store, projection);
        expect(plain(runner.documentsOf(projection.name) as never)).toEqual(expected.documents);
        await eventually(async () => (await persisted(readModels, projection)).eventsApplied === expected.eventsApplied, { what: `${projection.name} persisted (${JSON.stringify(runner.statusOf(projection.name))}; a fold applies ${expected.eventsApplied})`, timeoutMs: 30_000 });
        expect((await persisted(readModels, projection)).documents).toEqual(expected.documents);
      }
    } finally {
      await runner.stop();
    }
  }, 120_000);
});
