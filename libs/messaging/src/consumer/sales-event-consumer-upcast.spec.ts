/**
 * The consumer library and a new schema version: LeadCaptured gets a version 2 in this test (its module
 * replaced; version 1 called `source` `origin`). A version 1 message already on the topic reaches the handler
 * upcast to version 2, as the store upcasts for its own readers; a version newer than the service knows goes to
 * the dead-letter topic. On a real broker, with the inbox in a real PostgreSQL database.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import pg from 'pg';
import type { StoredEvent } from '#libs/event-store';
import { freshTopicPrefix, testKafkaBrokers } from '../../../../test/support/kafka';
import { freshSchemaName, testDatabaseUrl } from '../../../../test/support/postgres';
import { CATALOGUE_EXAMPLES } from '../asyncapi/catalogue-examples.fixture';
import { toKafkaMessage } from '../cloud-events';
import { topicOf } from '../topics';
import { PostgresInbox } from './inbox';
import { SalesEventConsumer } from './sales-event-consumer';
import { eventually } from '../../../../test/support/eventually';

jest.mock('../../../contracts/src/prospecting/lead.events', () => {
  const actual = jest.requireActual('../../../contracts/src/prospecting/lead.events');
  const fromOrigin = ({ origin, ...rest }: Record<string, unknown>) => ({ ...rest, source: origin });
  const v2 = { ...actual.LeadCaptured, schemaVersion: 2, upcasters: [fromOrigin] };
  return { ...actual, LeadCaptured: v2, LEAD_EVENTS: actual.LEAD_EVENTS.map((definition: { type: string }) => (definition.type === 'LeadCaptured' ? v2 : definition)) };
});

function captured(n: number, schemaVersion: number, data: Record<string, unknown>): StoredEvent {
  const at = new Date('2026-03-02T10:00:00Z');
  return {
    eventId: randomUUID(),
    type: 'LeadCaptured',
    schemaVersion,
    streamId: `lead-${n}`,
    streamRevision: 0,
    position: { commit: n, prepare: n },
    occurredAt: at,
    recordedAt: at,
    data,
    metadata: { correlationId: `c-${n}`, causationId: null, actor: { userId: 'u-1', role: 'lead-generator' } },
  };
}

it('hands an older version to the handler upcast, and dead-letters a newer one', async () => {
  const { source, ...withoutSource } = CATALOGUE_EXAMPLES.LeadCaptured as Record<string, unknown>;
  const prefix = freshTopicPrefix();
  const kafka = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: topicOf('LeadCaptured', prefix), numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic: topicOf('LeadCaptured', prefix),
    messages: [
      captured(1, 1, { ...withoutSource, leadId: 'lead-1', origin: source }),
      captured(2, 2, { ...withoutSource, leadId: 'lead-2', source: 'import' }),
      captured(3, 3, { ...withoutSource, leadId: 'lead-3', source: 'import' }),
    ].map(toKafkaMessage),
  });
  await producer.disconnect();

  const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  const schema = freshSchemaName('upcast');
  await pool.query(`CREATE SCHEMA ${schema}`);
  const seen: Array<{ leadId: unknown; schemaVersion: number; data: Record<string, unknown> }> = [];
  const consumer = new SalesEventConsumer({
    brokers: testKafkaBrokers(),
    groupId: 'upcast-test',
    topicPrefix: prefix,
    inbox: await PostgresInbox.open(pool, `${schema}.inbox`),
    maxAttempts: 1,
    retryDelayMs: 10,
    handlers: {
      LeadCaptured: (event) => void seen.push({ leadId: event.data.leadId, schemaVersion: event.schemaVersion, data: event.data as Record<string, unknown> }),
    },
  });
  try {
    await consumer.start();
    await eventually(() => consumer.status().handled === 2 && consumer.status().deadLettered === 1, { what: 'the three messages', timeoutMs: 30_000, everyMs: 50 });
    expect(seen.map(({ leadId, schemaVersion }) => ({ leadId, schemaVersion }))).toEqual([
      { leadId: 'lead-1', schemaVersion: 2 },
      { leadId: 'lead-2', schemaVersion: 2 },
    ]);
    expect(seen[0]!.data).toMatchObject({ source });
    expect(seen[0]!.data).not.toHaveProperty('origin');
    expect(seen[1]!.data).toMatchObject({ source: 'import' });
  } finally {
    await consumer.stop();
    await pool.end();
  }
});
