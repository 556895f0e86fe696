/** With KAFKA_BROKERS, the app publishes what its commands store, and /health shows the relay. */
import { checkTopics } from '#libs/messaging';
import { startTestApp, type StoreKind, type TestApp } from './support/http-app';
import { freshTopicPrefix, testKafkaBrokers } from './support/kafka';
import { newLead } from './support/story';

interface RelayHealth {
  readonly state: string;
  readonly eventsPublished: number;
  readonly position: string | null;
  readonly topics: string[];
  readonly lag: { readonly eventsBehind: number; readonly secondsBehind: number };
}

describe.each<StoreKind>(['sqlite', 'postgres'])('the app with Kafka (%s)', (kind) => {
  let app: TestApp;
  const prefix = freshTopicPrefix();

  beforeAll(async () => {
    app = await startTestApp(kind, undefined, { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '2' });
  });
  afterAll(() => app.close());

  it('publishes every event its commands store, and reports the relay in /health', async () => {
    const lg = await app.token('lead-generator', 'lg-ivan');
    for (let i = 0; i < 5; i++) expect((await app.request('POST', '/leads', { token: lg, body: newLead })).status).toBe(201);
    const stored = await app.events();

    let relay: RelayHealth | undefined;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const health = (await app.request('GET', '/health')).body as { status: string; kafkaRelay: RelayHealth };
      expect(health.status).toBe('ok');
      relay = health.kafkaRelay;
      if (relay.eventsPublished >= stored.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(relay).toMatchObject({ state: 'relaying', eventsPublished: stored.length, lag: { eventsBehind: 0, secondsBehind: 0 } });
    expect(relay!.topics).toEqual(['sales.prospecting.v1', 'sales.deal-closing.v1', 'sales.account-management.v1', 'sales.management.v1', 'sales.privacy.v1'].map((topic) => prefix + topic));
    const report = await checkTopics(app.store, { brokers: testKafkaBrokers(), topicPrefix: prefix });
    expect(report).toMatchObject({ ok: true, storedEvents: stored.length, messages: stored.length });
  });

  it('serves the AsyncAPI document of its own topics and brokers at /asyncapi, without a token', async () => {
    const response = await app.request('GET', '/asyncapi');
    expect(response.status).toBe(200);
    const document = response.body as { asyncapi: string; servers: Record<string, { host: string }>; channels: Record<string, { address: string }> };
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.servers).map((server) => server.host)).toEqual(testKafkaBrokers());
    expect(Object.values(document.channels).map((channel) => channel.address)).toContain(`${prefix}sales.prospecting.v1`);
  });
});

describe('the app without Kafka', () => {
  it('runs no relay and says nothing of one in /health', async () => {
    const app = await startTestApp('sqlite');
    try {
      const health = (await app.request('GET', '/health')).body as Record<string, unknown>;
      expect(health.status).toBe('ok');
      expect(health).not.toHaveProperty('kafkaRelay');
    } finally {
      await app.close();
    }
  });
});

describe('the app with its read models fed from Kafka (READ_MODEL_SOURCE=kafka)', () => {
  it('projects what its commands store through the relay and Kafka', async () => {
    const prefix = freshTopicPrefix();
    const app = await startTestApp('sqlite', undefined, { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix, READ_MODEL_SOURCE: 'kafka' });
    try {
      const lg = await app.token('lead-generator', 'lg-ivan');
      const head = await app.token('head-of-sales', 'rop-1');
      for (let i = 0; i < 3; i++) expect((await app.request('POST', '/leads', { token: lg, body: newLead })).status).toBe(201);
      let captured: unknown;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const response = await app.request('GET', '/kpis', { token: head });
        captured = response.status === 200 ? (response.body as { funnel: { captured: number } }).funnel.captured : response.status;
        if (captured === 3) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(captured).toBe(3);
    } finally {
      await app.close();
    }
  });
});
