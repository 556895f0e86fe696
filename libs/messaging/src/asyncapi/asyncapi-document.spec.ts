import { createRequire } from 'node:module';
import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { EVENT_CATALOGUE, checkEventData, type BoundedContext } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';
import { AuthGuard, TOKEN_VERIFIER, configureHttp } from '#libs/platform';
import { DepartmentSimulation } from '../../../../apps/simulator/src/department-simulation';
import { CE_HEADERS, toKafkaMessage } from '../cloud-events';
import { TOPICS, allTopics } from '../topics';
import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document';
import { AsyncApiController } from './asyncapi.http';
import { AsyncApiModule } from './asyncapi.module';
import { CATALOGUE_EXAMPLES } from './catalogue-examples.fixture';

// The JSON Schema validator is the one @asyncapi/parser itself depends on (Ajv 8 with ajv-formats): the
// top-level `ajv` of node_modules is eslint's Ajv 6, and the project declares neither.
interface Validate {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}
interface Ajv {
  compile(schema: object): Validate;
}
const requireFromParser = createRequire(require.resolve('@asyncapi/parser'));
const AjvClass = (requireFromParser('ajv') as { default: new (options: object) => Ajv }).default;
const addFormats = (requireFromParser('ajv-formats') as { default: (ajv: Ajv) => Ajv }).default;
// strict: false because the parser adds its own x-parser-* keys to every schema it returns.
const ajv = addFormats(new AjvClass({ strict: false, allErrors: true }));

/** The nine attributes the brief of the Kafka contract names; the document may require more. */
const MUST_BE_REQUIRED = [
  'ce_id',
  'ce_type',
  'ce_source',
  'ce_specversion',
  'ce_time',
  'ce_partitionkey',
  'ce_streamrevision',
  'ce_globalposition',
  'ce_schemaversion',
];

const built: AsyncApiDocument = buildAsyncApiDocument();
let parsed: AsyncAPIDocumentInterface;
let diagnostics: Diagnostic[];

const describeDiagnostic = (diagnostic: Diagnostic) => `[severity ${diagnostic.severity}] ${diagnostic.code} at ${diagnostic.path.join('.') || '(root)'}: ${diagnostic.message}`;

beforeAll(async () => {
  const output = await new Parser().parse({ ...built });
  diagnostics = output.diagnostics;
  if (!output.document) throw new Error(`the parser gave no document:\n${diagnostics.map(describeDiagnostic).join('\n')}`);
  parsed = output.document;
});

const validators = new Map<string, Validate>();
/** A validator of the parsed document's payload or headers schema of a message. */
function validatorOf(type: string, part: 'payload' | 'headers'): Validate {
  const key = `${type}/${part}`;
  let validate = validators.get(key);
  if (!validate) {
    const message = parsed.components().messages().get(type);
    const schema = message?.[part]()?.json();
    if (!message || !schema) throw new Error(`no ${part} schema for message ${type} in the parsed document`);
    validate = ajv.compile(schema as object);
    validators.set(key, validate);
  }
  return validate;
}

/** '' when valid, else what is wrong (so that a failing expectation says it). */
function problems(type: string, part: 'payload' | 'headers', value: unknown): string {
  const validate = validatorOf(type, part);
  if (validate(value)) return '';
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ') || 'invalid';
}

let sequence = 0;
function storedEvent(type: string, data: unknown, streamId: string, causationId: string | null): StoredEvent {
  sequence += 1;
  return {
    eventId: `0195a0c4-2b1e-7000-8000-${sequence.toString(16).padStart(12, '0')}`,
    type,
    schemaVersion: EVENT_CATALOGUE.find((definition) => definition.type === type)!.schemaVersion,
    streamId,
    streamRevision: sequence % 7,
    position: { commit: 1000 + sequence, prepare: sequence },
    occurredAt: new Date(Date.UTC(2026, 2, 1, 9, 30, sequence % 60)),
    recordedAt: new Date(Date.UTC(2026, 2, 1, 9, 30, sequence % 60, 123)),
    data,
    metadata: { correlationId: `request-${sequence}`, causationId, actor: { userId: 'rep-hunter-1', role: 'hunter' } },
  };
}

describe('the AsyncAPI document', () => {
  it('parses with @asyncapi/parser without an error', () => {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map(describeDiagnostic)).toEqual([]);
    expect(parsed.version()).toBe('3.0.0');
    expect(parsed.info().title()).toBe('Sales-ops events');
  });

  it('names the brokers and topic prefix it is given, else a {broker} variable', async () => {
    expect(built.servers).toEqual({ kafka: expect.objectContaining({ host: '{broker}', protocol: 'kafka', variables: { broker: expect.objectContaining({ default: '127.0.0.1:9092' }) } }) });
    const two = buildAsyncApiDocument({ brokers: ['kafka-a:9092', 'kafka-b:9092'], version: '2.3.4', topicPrefix: 'staging.' });
    expect(Object.values(two.servers).map((server) => server.host)).toEqual(['kafka-a:9092', 'kafka-b:9092']);
    expect(two.info.version).toBe('2.3.4');
    expect(Object.values(two.channels).map((channel) => channel.address).sort()).toEqual(allTopics('staging.').sort());
    const { diagnostics: twoDiagnostics } = await new Parser().parse({ ...two });
    expect(twoDiagnostics.filter((diagnostic) => diagnostic.severity === 0).map(describeDiagnostic)).toEqual([]);
  });

  it('puts every catalogue event type on exactly the channel of its context topic, and nothing else', () => {
    const channelOf = new Map<string, string[]>();
    for (const channel of parsed.channels()) {
      for (const message of channel.messages()) channelOf.set(message.id(), [...(channelOf.get(message.id()) ?? []), channel.address()!]);
    }
    for (const definition of EVENT_CATALOGUE) expect([definition.type, channelOf.get(definition.type)]).toEqual([definition.type, [TOPICS[definition.context]]]);
    expect([...channelOf.keys()].sort()).toEqual(EVENT_CATALOGUE.map((definition) => definition.type).sort());
    expect(parsed.channels().all().map((channel) => channel.address()).sort()).toEqual(Object.values(TOPICS).sort());
    expect(parsed.components().messages().all().map((message) => message.id()).sort()).toEqual(EVENT_CATALOGUE.map((definition) => definition.type).sort());
  });

  it('lets a consumer receive, and the relay send, every message of each topic', () => {
    for (const context of Object.keys(TOPICS) as BoundedContext[]) {
      const types = EVENT_CATALOGUE.filter((definition) => definition.context === context).map((definition) => definition.type).sort();
      const operations = parsed.operations().all().filter((operation) => operation.channels().all().some((channel) => channel.address() === TOPICS[context]));
      expect(operations.map((operation) => operation.action()).sort()).toEqual(['receive', 'send']);
      for (const operation of operations) {
        expect(operation.messages().all().map((message) => message.id()).sort()).toEqual(types);
      }
    }
  });

  it('describes each message: title, summary, JSON, the stream id as the Kafka key', () => {
    for (const definition of EVENT_CATALOGUE) {
      const message = parsed.components().messages().get(definition.type)!;
      expect(message.name()).toBe(definition.type);
      expect(message.summary()).toBe(definition.description);
      expect(message.title()).toBeTruthy();
      expect(message.contentType()).toBe('application/json');
      const kafka = message.bindings().get('kafka')!;
      expect(kafka.version()).toBe('0.5.0');
      expect(kafka.value()).toMatchObject({ key: { type: 'string' } });
    }
  });
});

describe('the payload schemas of the parsed document', () => {
  it('has a valid example for every event type (checked against the catalogue first)', () => {
    expect(Object.keys(CATALOGUE_EXAMPLES).sort()).toEqual(EVENT_CATALOGUE.map((definition) => definition.type).sort());
    for (const [type, data] of Object.entries(CATALOGUE_EXAMPLES)) expect(() => checkEventData(type, data)).not.toThrow();
  });

  it.each(EVENT_CATALOGUE.map((definition) => definition.type))('accept a valid %s and refuse invalid ones, as the catalogue does', (type) => {
    const example = CATALOGUE_EXAMPLES[type]!;
    expect(problems(type, 'payload', example)).toBe('');
    const required = (EVENT_CATALOGUE.find((definition) => definition.type === type)!.schema.required as string[])[0]!;
    const { [required]: _dropped, ...withoutRequired } = example;
    const invalid = {
      'an unknown property': { ...example, unknownProperty: 1 },
      [`no ${required}`]: withoutRequired,
      [`a null ${required}`]: { ...example, [required]: null },
    };
    for (const [what, data] of Object.entries(invalid)) {
      expect([what, problems(type, 'payload', data)]).toEqual([what, expect.stringMatching(/.+/)]);
      expect(() => checkEventData(type, data)).toThrow();
    }
  });

  it('accept the sealed form of personal fields the relay publishes, kept or erased, and nothing else in it', () => {
    const { contact: _contact, company, ...rest } = CATALOGUE_EXAMPLES.LeadCaptured as Record<string, unknown> & { company: { name: string } };
    const sealed = { ...rest, company: { name: company.name }, contact: {}, $pii: { s: 'lead-lead-1', f: ['company.taxId', 'contact.email'], iv: 'bm9uY2U', ct: 'Y2lwaGVydGV4dA' } };
    expect(problems('LeadCaptured', 'payload', sealed)).toBe('');
    expect(problems('LeadCaptured', 'payload', { ...sealed, $pii: { s: 'lead-lead-1', f: ['company.taxId', 'contact.email'], erased: true } })).toBe('');
    expect(problems('LeadCaptured', 'payload', { ...sealed, $pii: { s: 'lead-lead-1', f: [], plain: 'ivan@example.ru' } })).toMatch(/.+/);
    // A type without personal fields has no sealed member.
    expect(problems('DealStageChanged', 'payload', { ...CATALOGUE_EXAMPLES.DealStageChanged, $pii: { s: 'x', f: [] } })).toMatch(/.+/);
  });

  it('accept every event of a simulated department (the deciders’ real output) and its Kafka headers', () => {
    const simulation = new DepartmentSimulation({ seed: 11, months: 2, start: new Date('2026-01-01T00:00:00Z'), leadsPerDay: 4, keyAccountThreshold: 300_000 });
    const revisions = new Map<string, number>();
    const seen = new Set<string>();
    let position = 0;
    for (const batch of simulation.dayBatches()) {
      for (const append of batch) {
        for (const event of append.events) {
          const revision = (revisions.get(append.streamId) ?? -1) + 1;
          revisions.set(append.streamId, revision);
          position += 1;
          const stored: StoredEvent = {
            eventId: event.eventId!,
            type: event.type,
            schemaVersion: event.schemaVersion ?? 1,
            streamId: append.streamId,
            streamRevision: revision,
            position: { commit: position, prepare: position },
            occurredAt: event.occurredAt!,
            recordedAt: event.occurredAt!,
            data: event.data,
            metadata: event.metadata,
          };
          const kafka = toKafkaMessage(stored);
          const wrong = [problems(event.type, 'payload', JSON.parse(kafka.value)), problems(event.type, 'headers', kafka.headers)].filter(Boolean);
          if (wrong.length > 0) throw new Error(`${event.type} ${event.eventId}: ${wrong.join(' / ')}`);
          seen.add(event.type);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(15);
  });
});

describe('the headers schema of each message', () => {
  it('requires the CloudEvents attributes and the store coordinates, not ce_causationid', () => {
    for (const definition of EVENT_CATALOGUE) {
      const headers = parsed.components().messages().get(definition.type)!.headers()!;
      expect(headers.type()).toBe('object');
      expect(headers.required()).toEqual(expect.arrayContaining(MUST_BE_REQUIRED));
      expect(headers.required()).not.toContain(CE_HEADERS.causationid);
      expect(Object.keys(headers.properties() ?? {}).sort()).toEqual(Object.values(CE_HEADERS).sort());
      expect(headers.properties()![CE_HEADERS.type]!.const()).toBe(definition.type);
      expect(headers.properties()![CE_HEADERS.schemaversion]!.const()).toBe(String(definition.schemaVersion));
      expect(headers.properties()![CE_HEADERS.source]!.const()).toBe(`sales-ops/${definition.context}`);
    }
  });

  it.each(EVENT_CATALOGUE.map((definition) => definition.type))('accepts what toKafkaMessage makes of a stored %s, and no other type’s', (type) => {
    const example = CATALOGUE_EXAMPLES[type]!;
    for (const causationId of [null, '0195a0c4-2b1e-7000-8000-ffffffffffff']) {
      const message = toKafkaMessage(storedEvent(type, example, 'stream-1', causationId));
      expect(problems(type, 'headers', message.headers)).toBe('');
      expect(problems(type, 'payload', JSON.parse(message.value))).toBe('');
      expect(message.key).toBe(message.headers[CE_HEADERS.partitionkey]);
    }
    const headers = toKafkaMessage(storedEvent(type, example, 'stream-1', null)).headers;
    const other = EVENT_CATALOGUE.find((definition) => definition.type !== type)!.type;
    expect(problems(other, 'headers', headers)).toMatch(/ce_type/);
    for (const required of MUST_BE_REQUIRED) {
      const { [required]: _dropped, ...without } = headers;
      expect([required, problems(type, 'headers', without)]).toEqual([required, expect.stringContaining(required)]);
    }
    expect(problems(type, 'headers', { ...headers, [CE_HEADERS.schemaversion]: '99' })).toMatch(/ce_schemaversion/);
    expect(problems(type, 'headers', { ...headers, [CE_HEADERS.time]: 'yesterday' })).toMatch(/ce_time/);
  });
});

@Controller('guarded')
class GuardedController {
  @Get()
  guarded(): string {
    return 'secret';
  }
}

describe('GET /asyncapi', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    // The auth guard of the real apps, with a verifier that lets nobody in: /asyncapi must not need it.
    const moduleRef = await Test.createTestingModule({
      imports: [AsyncApiModule.forRoot({ brokers: ['kafka-a:9092'] })],
      controllers: [GuardedController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: TOKEN_VERIFIER, useValue: { verify: () => Promise.reject(new Error('no token is valid here')) } },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves the document as JSON without a token', async () => {
    const response = await fetch(`${url}/asyncapi`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as AsyncApiDocument;
    expect(body.asyncapi).toBe('3.0.0');
    expect(body.servers).toEqual({ kafka: expect.objectContaining({ host: 'kafka-a:9092', protocol: 'kafka' }) });
    expect(Object.keys(body.components.messages).sort()).toEqual(EVENT_CATALOGUE.map((definition) => definition.type).sort());
    // The guard is really there: a route that is not public is refused without a token.
    expect((await fetch(`${url}/guarded`)).status).toBe(401);
  });

  it('is in the OpenAPI document of /docs, under events, without a bearer token', async () => {
    const openApi = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, Record<string, { tags?: string[]; summary?: string; security?: unknown }>> };
    const get = openApi.paths['/asyncapi']?.get;
    expect(get).toMatchObject({ tags: ['events'], summary: expect.stringContaining('AsyncAPI') });
    expect(get?.security).toEqual([]);
  });

  it('builds the document once', () => {
    const controller = app.get(AsyncApiController);
    expect(controller.asyncApi()).toBe(controller.asyncApi());
  });
});

describe('AsyncApiModule without options', () => {
  it('describes the server as a {broker} variable', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AsyncApiModule] }).compile();
    expect(moduleRef.get(AsyncApiController).asyncApi().servers.kafka?.host).toBe('{broker}');
    await moduleRef.close();
  });
});
