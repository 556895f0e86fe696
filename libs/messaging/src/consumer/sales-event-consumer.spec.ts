/**
 * The consumer library on a real broker, fed by the real relay from a real store, with its inbox in a real
 * PostgreSQL database: typed handlers run once per event in the inbox's transaction, a redelivery is
 * passed over, and poison messages go to the dead-letter topic while the partition moves on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import pg from 'pg';
import { Registry } from 'prom-client';
import { openCheckpointStore, openEventStore, type CheckpointStore, type EventStore, type StoredEvent } from '#libs/event-store';
import { freshTopicPrefix, testKafkaBrokers, quietRelayLog as quiet } from '../../../../test/support/kafka';
import { freshSchemaName, testDatabaseUrl } from '../../../../test/support/postgres';
import { CATALOGUE_EXAMPLES } from '../asyncapi/catalogue-examples.fixture';
import { toKafkaMessage } from '../cloud-events';
import { KafkaRelay } from '../relay/kafka-relay';
import { openRelayLease } from '../relay/relay-lease';
import { deadLetterTopic, topicOf } from '../topics';
import { PostgresInbox } from './inbox';
import { DLQ_HEADERS, SalesEventConsumer, type SalesEventHandlers } from './sales-event-consumer';
import { eventually } from '../../../../test/support/eventually';

const metadata = { correlationId: 'c-1', causationId: null, actor: { userId: 'u-1', role: 'lead-generator' } };

describe('the sales event consumer', () => {
  let dir: string;
  let store: EventStore;
  let checkpoints: CheckpointStore;
  let relay: KafkaRelay;
  let pool: pg.Pool;
  let schema: string;
  let prefix: string;
  let stored: StoredEvent[];
  const consumers: Array<SalesEventConsumer<pg.PoolClient>> = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consumer-'));
    store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    checkpoints = await openCheckpointStore(`sqlite:${join(dir, 'events.db')}`);
    // Ten leads captured and assigned, three deals won: valid data, as the catalogue defines it.
    for (let n = 0; n < 10; n++) {
      await store.append(
        `lead-${n}`,
        [
          { type: 'LeadCaptured', data: { ...CATALOGUE_EXAMPLES.LeadCaptured, leadId: `lead-${n}`, company: { name: `Company ${n}` } }, metadata },
          { type: 'LeadAssigned', data: { ...CATALOGUE_EXAMPLES.LeadAssigned, leadId: `lead-${n}` }, metadata },
        ],
        { expectedRevision: 'no-stream' },
      );
    }
    for (let n = 0; n < 3; n++) {
      await store.append(`deal-${n}`, [{ type: 'DealWon', data: { ...CATALOGUE_EXAMPLES.DealWon, dealId: `deal-${n}` }, metadata }], { expectedRevision: 'no-stream' });
    }
    stored = [];
    for await (const event of store.readAll()) stored.push(event);
    prefix = freshTopicPrefix();
    relay = new KafkaRelay(store, checkpoints, openRelayLease(`sqlite:${join(dir, 'events.db')}`, 'kafka-relay'), { brokers: testKafkaBrokers(), topicPrefix: prefix }, quiet);
    relay.start();
    await eventually(() => relay.status().eventsPublished === stored.length, { what: 'the relay', timeoutMs: 30_000, everyMs: 50 });

    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
    schema = freshSchemaName('consumer');
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(`CREATE TABLE ${schema}.won (deal_id text, amount numeric, event_id text)`);
    await pool.query(`CREATE TABLE ${schema}.companies (lead_id text, name text, event_id text)`);
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop().catch(() => undefined)));
    await relay.stop();
    await pool.end();
    await checkpoints.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const handlers: SalesEventHandlers<pg.PoolClient> = {
    // Typed by the catalogue: data.company.name and data.amount.amount are known fields.
    LeadCaptured: async (event, tx) => {
      await tx.query(`INSERT INTO ${schema}.companies VALUES ($1, $2, $3)`, [event.data.leadId, event.data.company.name, event.eventId]);
    },
    DealWon: async (event, tx) => {
      await tx.query(`INSERT INTO ${schema}.won VALUES ($1, $2, $3)`, [event.data.dealId, event.data.amount.amount, event.eventId]);
    },
  };

  async function consumer(
    groupId: string,
    overrides: Partial<SalesEventHandlers<pg.PoolClient>> = {},
    maxAttempts = 3,
    metrics?: Registry,
  ): Promise<SalesEventConsumer<pg.PoolClient>> {
    const inbox = await PostgresInbox.open(pool, `${schema}.inbox`);
    const started = new SalesEventConsumer({
      brokers: testKafkaBrokers(),
      groupId,
      topicPrefix: prefix,
      handlers: { ...handlers, ...overrides },
      inbox,
      maxAttempts,
      retryDelayMs: 10,
      ...(metrics ? { metrics } : {}),
    });
    consumers.push(started);
    await started.start();
    return started;
  }

  const count = async (table: string): Promise<number> => Number((await pool.query(`SELECT count(*) AS n FROM ${schema}.${table}`)).rows[0].n);

  it('runs each typed handler once per event, in the inbox’s transaction, and passes over the types it does not handle', async () => {
    const service = await consumer('billing');
    expect(service.subscribedTopics).toEqual([topicOf('LeadCaptured', prefix), topicOf('DealWon', prefix)]);
    await eventually(() => service.status().handled === 13 && service.status().passedOver === 10, { what: 'the consumer', timeoutMs: 30_000, everyMs: 50 });
    expect(await count('companies')).toBe(10);
    expect((await pool.query(`SELECT name FROM ${schema}.companies WHERE lead_id = 'lead-7'`)).rows).toEqual([{ name: 'Company 7' }]);
    expect(await count('won')).toBe(3);
    expect(Number((await pool.query(`SELECT count(*) AS n FROM ${schema}.inbox WHERE consumer = 'billing'`)).rows[0].n)).toBe(13);
  });

  it('shows its group’s lag per partition, as the broker tells, and the messages it finished by outcome, in the service’s registry', async () => {
    const registry = new Registry();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Every DealWon held until released: the group cannot commit any of the three meanwhile.
    const holding: Partial<SalesEventHandlers<pg.PoolClient>> = {
      DealWon: async (event, tx) => {
        await held;
        await handlers.DealWon!(event, tx);
      },
    };
    const service = await consumer('reporting', holding, 3, registry);
    const wonTopic = topicOf('DealWon', prefix);
    const leadTopic = topicOf('LeadCaptured', prefix);
    const lagOf = (lags: ReadonlyArray<{ topic: string; messages: number }>, topic: string): number =>
      lags.filter((lag) => lag.topic === topic).reduce((sum, lag) => sum + lag.messages, 0);
    // Before the consumer has committed anything, and while it is stuck on the first DealWon.
    await eventually(async () => lagOf(await service.lag(), wonTopic) === 3, { what: 'the lag while held', timeoutMs: 30_000, everyMs: 100 });
    const scraped = async (): Promise<{ lag: Record<string, number>; finished: Record<string, number> }> => {
      const lag: Record<string, number> = {};
      const finished: Record<string, number> = {};
      for (const metric of (await registry.getMetricsAsJSON()) as Array<{ name: string; values: Array<{ labels: Record<string, string>; value: number }> }>) {
        for (const { labels, value } of metric.values) {
          if (metric.name === 'sales_ops_consumer_lag_messages' && labels.group === 'reporting') lag[labels.topic!] = (lag[labels.topic!] ?? 0) + value;
          if (metric.name === 'sales_ops_consumer_messages_total' && labels.group === 'reporting') finished[labels.outcome!] = value;
        }
      }
      return { lag, finished };
    };
    expect((await scraped()).lag[wonTopic]).toBe(3);
    release();
    await eventually(() => service.status().handled === 13 && service.status().passedOver === 10, { what: 'the consumer', timeoutMs: 30_000, everyMs: 50 });
    await eventually(async () => {
      const lags = await service.lag();
      return lagOf(lags, wonTopic) === 0 && lagOf(lags, leadTopic) === 0;
    }, { what: 'the lag after', timeoutMs: 30_000, everyMs: 100 });
    expect(await scraped()).toEqual({
      lag: { [wonTopic]: 0, [leadTopic]: 0 },
      finished: { handled: 13, duplicate: 0, 'passed-over': 10, 'dead-lettered': 0 },
    });
    // A stopped consumer is no longer asked.
    await service.stop();
    expect((await scraped()).lag).toEqual({});
  });

  it('passes over what is delivered again (offsets reset, as after a consumer died before committing)', async () => {
    const first = await consumer('crm-sync');
    await eventually(() => first.status().handled === 13, { what: 'the first run', timeoutMs: 30_000, everyMs: 50 });
    await first.stop();
    // Back to the start of every partition: every message comes again.
    const admin = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    for (const topic of first.subscribedTopics) await admin.resetOffsets({ groupId: 'crm-sync', topic, earliest: true });
    await admin.disconnect();

    const again = await consumer('crm-sync');
    await eventually(() => again.status().duplicates === 13, { what: 'the redelivery', timeoutMs: 30_000, everyMs: 50 });
    expect(again.status()).toMatchObject({ handled: 0, duplicates: 13 });
    expect(await count('companies')).toBe(10);
    expect(await count('won')).toBe(3);
  });

  it('joins its group again by itself after a crash kafkajs does not restart from, and consumes what comes next', async () => {
    // The service's own logger throws once, after a dead letter was sent and before the offset commit; kafkajs is
    // told not to retry nor restart (its restartOnFailure hook says no, as for a non-retriable error it never
    // restarts), so it leaves its consumer stopped for good: the library must join again by itself.
    let throwOnce = true;
    const inbox = await PostgresInbox.open(pool, `${schema}.inbox`);
    const crashing = new SalesEventConsumer({
      brokers: testKafkaBrokers(),
      groupId: 'crashing',
      topicPrefix: prefix,
      handlers: {
        ...handlers,
        DealWon: async (event, tx) => {
          if (event.data.dealId === 'deal-2') throw new Error('ledger says no');
          await tx.query(`INSERT INTO ${schema}.won VALUES ($1, $2, $3)`, [event.data.dealId, event.data.amount.amount, event.eventId]);
        },
      },
      inbox,
      maxAttempts: 1,
      retryDelayMs: 10,
      consumer: { retry: { retries: 0, restartOnFailure: async () => false } },
      log: {
        warn: () => undefined,
        error: () => {
          if (!throwOnce) return;
          throwOnce = false;
          throw new Error('the log is full');
        },
      },
    });
    consumers.push(crashing);
    await crashing.start();
    await eventually(() => !throwOnce, { what: 'the dead letter and the crash after it', timeoutMs: 30_000, everyMs: 20 });
    // An event stored after the crash is handled: the consumer joined again.
    await store.append('deal-9', [{ type: 'DealWon', data: { ...CATALOGUE_EXAMPLES.DealWon, dealId: 'deal-9' }, metadata }], { expectedRevision: 'no-stream' });
    await eventually(async () => (await pool.query(`SELECT 1 FROM ${schema}.won WHERE deal_id = 'deal-9'`)).rowCount === 1, {
      what: () => `deal-9 handled after the crash (${JSON.stringify(crashing.status())})`,
      timeoutMs: 45_000,
      everyMs: 100,
    });
    // The crashed message was not committed: delivered again after the rejoin, and dead-lettered again (its partition
    // need not come before deal-9's: wait for it rather than expect it by the time deal-9 is in).
    await eventually(() => crashing.status().deadLettered === 2, { what: () => `deal-2 dead-lettered again (${JSON.stringify(crashing.status())})`, timeoutMs: 30_000, everyMs: 50 });
    expect(crashing.status()).toMatchObject({ running: true, deadLettered: 2 });
    // Every handled-type event once: the ten captures and the deals but deal-2 (dead-lettered, again after the crash).
    expect(await count('companies')).toBe(10);
    expect((await pool.query(`SELECT deal_id FROM ${schema}.won ORDER BY deal_id`)).rows.map((row) => row.deal_id)).toEqual(['deal-0', 'deal-1', 'deal-9']);
  });

  it('sends poison messages to the dead-letter topic with the reason, and the partition moves on', async () => {
    const kafka = new Kafka({ brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const wonTopic = topicOf('DealWon', prefix);
    const won = toKafkaMessage(stored.find((event) => event.type === 'DealWon')!);
    const poison = [
      { key: 'deal-x', value: 'not json at all', headers: {} },
      { ...won, key: 'deal-0', value: JSON.stringify({ dealId: 'deal-0' }), headers: { ...won.headers, ce_id: '00000000-0000-7000-8000-000000000001' } },
      { ...won, key: 'deal-0', headers: { ...won.headers, ce_id: '00000000-0000-7000-8000-000000000002', ce_schemaversion: '2' } },
    ];
    await producer.send({ topic: wonTopic, messages: poison });
    // Good events after the poison, on the same keys (so the same partitions).
    await store.append('deal-0', [{ type: 'DealWon', data: { ...CATALOGUE_EXAMPLES.DealWon, dealId: 'deal-0' }, metadata }], { expectedRevision: 0 });
    await store.append('deal-x', [{ type: 'DealWon', data: { ...CATALOGUE_EXAMPLES.DealWon, dealId: 'deal-x' }, metadata }], { expectedRevision: 'no-stream' });
    await producer.disconnect();
    await eventually(() => relay.status().eventsPublished === stored.length + 2, { what: 'the relay', timeoutMs: 30_000, everyMs: 50 });

    // The handler fails every time for one deal.
    const failing = await consumer('ledger', {
      DealWon: async (event, tx) => {
        if (event.data.dealId === 'deal-2') throw new Error('ledger says no');
        await tx.query(`INSERT INTO ${schema}.won VALUES ($1, $2, $3)`, [event.data.dealId, event.data.amount.amount, event.eventId]);
      },
    });
    await eventually(() => failing.status().deadLettered === 4 && failing.status().handled === 14, { what: 'the consumer past the poison', timeoutMs: 30_000, everyMs: 50 });
    expect((await pool.query(`SELECT deal_id FROM ${schema}.won ORDER BY deal_id`)).rows.map((row) => row.deal_id)).toEqual(['deal-0', 'deal-0', 'deal-1', 'deal-x']);

    const letters: Array<Record<string, string>> = [];
    const reader = kafka.consumer({ groupId: `dlq-reader-${prefix}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(wonTopic, 'ledger'), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        letters.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])));
      },
    });
    await eventually(() => letters.length === 4, { what: 'the dead letters', timeoutMs: 30_000, everyMs: 50 });
    await reader.disconnect();
    expect(letters.map((headers) => headers[DLQ_HEADERS.reason]).sort()).toEqual(['handler-failed', 'invalid-data', 'malformed', 'schema-version']);
    const failed = letters.find((headers) => headers[DLQ_HEADERS.reason] === 'handler-failed')!;
    expect(failed).toMatchObject({ [DLQ_HEADERS.error]: 'ledger says no', [DLQ_HEADERS.attempts]: '3', [DLQ_HEADERS.topic]: wonTopic, [DLQ_HEADERS.group]: 'ledger' });
    expect(letters.find((headers) => headers[DLQ_HEADERS.reason] === 'schema-version')![DLQ_HEADERS.error]).toContain('schema version 2');
  });
});
