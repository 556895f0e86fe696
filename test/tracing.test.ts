/**
 * Traces (OTEL_EXPORTER_OTLP_ENDPOINT): the all-in-one app in a process of its own on PostgreSQL with the Kafka relay,
 * exporting over OTLP/HTTP to a receiver this test runs. A POST /leads is one trace: its server span and the
 * PostgreSQL queries under it are exported; the captured lead's events carry its traceparent, and so does the event
 * the routing process manager writes because of it; the relay puts it on the Kafka message, and the consumer library
 * handles the event in a span of the same trace, child of the request's span. Without the variable, nothing is traced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { propagation, trace } from '@opentelemetry/api';
import { core, tracing } from '@opentelemetry/sdk-node';
import { openEventStore, type StoredEvent } from '#libs/event-store';
import { SalesEventConsumer, SqliteInbox } from '#libs/messaging';
import { signToken } from '#libs/platform';
import { startAppProcess } from './support/app-process';
import { eventually } from './support/eventually';
import { startTestApp } from './support/http-app';
import { freshTopicPrefix, testKafkaBrokers } from './support/kafka';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { newLead } from './support/story';

const SECRET = 'a-tracing-test-secret-of-thirty-two-characters!';

interface ExportedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Record<string, unknown>;
  readonly service: string;
}

/** OTLP/JSON ids are hex; base64 (the protobuf-JSON mapping) is read too. */
function hexId(id: string | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  return /^[0-9a-f]+$/.test(id) && (id.length === 32 || id.length === 16) ? id : Buffer.from(id, 'base64').toString('hex');
}

/** An OTLP/HTTP trace receiver (JSON): every span it was sent. */
async function otlpReceiver(): Promise<{ server: Server; url: string; spans: ExportedSpan[]; requests: () => number }> {
  const spans: ExportedSpan[] = [];
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests += 1;
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      type Attribute = { key: string; value: Record<string, unknown> };
      const value = (attribute: Attribute): unknown => Object.values(attribute.value)[0];
      const payload = JSON.parse(body.toString()) as {
        resourceSpans: Array<{
          resource: { attributes: Attribute[] };
          scopeSpans: Array<{ spans: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: Attribute[] }> }>;
        }>;
      };
      for (const { resource, scopeSpans } of payload.resourceSpans) {
        const service = String(value(resource.attributes.find((attribute) => attribute.key === 'service.name')!));
        for (const { spans: sent } of scopeSpans) {
          for (const span of sent) {
            spans.push({
              traceId: hexId(span.traceId)!,
              spanId: hexId(span.spanId)!,
              ...(hexId(span.parentSpanId) ? { parentSpanId: hexId(span.parentSpanId)! } : {}),
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries((span.attributes ?? []).map((attribute) => [attribute.key, value(attribute)])),
              service,
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, spans, requests: () => requests };
}

describe('traces', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-tracing-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('follow a command from the request through PostgreSQL, the events, the process managers and Kafka into a consumer’s span', async () => {
    // The consumer's service traces: an SDK in this process that keeps its spans, and the W3C propagator.
    const consumed = new tracing.InMemorySpanExporter();
    trace.setGlobalTracerProvider(new tracing.BasicTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(consumed)] }));
    propagation.setGlobalPropagator(new core.W3CTraceContextPropagator());

    const receiver = await otlpReceiver();
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('schema', freshSchemaName('tracing'));
    const topicPrefix = freshTopicPrefix();
    const app = await startAppProcess({
      JWT_SECRET: SECRET,
      DATA_DIR: folder,
      EVENT_STORE_URL: url.toString(),
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    const base = `http://127.0.0.1:${app.port}`;
    const store = await openEventStore(url.toString());
    const inboxDb = new Database(join(folder, 'inbox.db'));
    const seen: StoredEvent[] = [];
    const consumer = new SalesEventConsumer({
      brokers: testKafkaBrokers(),
      groupId: `tracing-${Math.random().toString(36).slice(2, 8)}`,
      topicPrefix,
      inbox: new SqliteInbox(inboxDb),
      handlers: { LeadCaptured: (event) => void seen.push(event as unknown as StoredEvent) },
    });
    try {
      const head = await signToken(SECRET, { role: 'head-of-sales', userId: 'rop-1' });
      const lg = await signToken(SECRET, { role: 'lead-generator', userId: 'lg-olga' });
      const post = (path: string, token: string, body: unknown) =>
        fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('/team/reps', head, { repId: 'lg-olga', name: 'Ольга', role: 'lead-generator' })).status).toBe(201);
      const captured = await post('/leads', lg, newLead);
      expect(captured.status).toBe(201);
      const { leadId } = (await captured.json()) as { leadId: string };

      // The events carry the request's trace; the one the routing process manager wrote because of them too.
      const events = async (): Promise<StoredEvent[]> => {
        const read: StoredEvent[] = [];
        for await (const event of store.readStream(`lead-${leadId}`)) read.push(event);
        return read;
      };
      await eventually(async () => (await events()).some((event) => event.type === 'LeadAssigned'), { what: 'the routing', timeoutMs: 20_000 });
      const [capture, assigned] = await events();
      const traceparent = String(capture!.metadata.traceparent);
      const [, traceId, parentSpanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(traceparent) ?? [];
      expect(traceId).toBeDefined();
      expect(assigned!.type).toBe('LeadAssigned');
      expect(String(assigned!.metadata.traceparent).split('-')[1]).toBe(traceId);

      // Exported by the app: the request's server span (whose id the events carry) and the PostgreSQL queries under it.
      await eventually(
        () =>
          receiver.spans.some((span) => span.traceId === traceId && span.spanId === parentSpanId && span.kind === 2) &&
          receiver.spans.some((span) => span.traceId === traceId && (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'postgresql'),
        {
          what: 'the exported spans',
          timeoutMs: 20_000,
          state: () => ({ traceId, parentSpanId, requests: receiver.requests(), spans: receiver.spans.filter((span) => span.traceId === traceId).slice(0, 30).map((span) => [span.traceId.slice(0, 6), span.spanId, span.kind, span.name, span.attributes['db.system.name']]) }),
        },
      );
      const server = receiver.spans.find((span) => span.spanId === parentSpanId)!;
      expect(server).toMatchObject({ service: 'sales-ops', name: expect.stringContaining('POST') });
      // Probes are not traced.
      await fetch(`${base}/health`);

      // Kafka: the relay put the trace on the message; the consumer's span joins it, child of the request's span.
      await consumer.start();
      await eventually(() => seen.some((event) => event.streamId === `lead-${leadId}`), { what: 'the consumer', timeoutMs: 30_000 });
      expect(seen.find((event) => event.streamId === `lead-${leadId}`)!.metadata.traceparent).toBe(traceparent);
      await eventually(() => consumed.getFinishedSpans().some((span) => span.spanContext().traceId === traceId), { what: 'the consumer span' });
      const processed = consumed.getFinishedSpans().find((span) => span.spanContext().traceId === traceId)!;
      expect(processed.name).toBe('process LeadCaptured');
      expect(processed.parentSpanContext?.spanId).toBe(parentSpanId);
    } finally {
      await consumer.stop().catch(() => undefined);
      inboxDb.close();
      await store.close();
      app.child.kill('SIGTERM');
      expect(await app.exited).toEqual({ code: 0, signal: null });
      receiver.server.close();
    }
    expect(receiver.spans.some((span) => /health/.test(String(span.attributes['url.path'] ?? span.attributes['http.target'] ?? span.name)))).toBe(false);
  });

  it('are off without OTEL_EXPORTER_OTLP_ENDPOINT: the events carry no trace', async () => {
    const app = await startTestApp('sqlite');
    try {
      const lg = await app.token('lead-generator', 'lg-olga');
      const response = await app.request('POST', '/leads', { token: lg, body: newLead });
      expect(response.status).toBe(201);
      const [captured] = await app.events(`lead-${response.body.leadId}`);
      expect(captured!.metadata).not.toHaveProperty('traceparent');
    } finally {
      await app.close();
    }
  });
});
