/**
 * The AsyncAPI 3.0.0 description of what the relay publishes to Kafka, generated from the event catalogue
 * so that it cannot drift from what the command path checks: one channel per context topic, one message
 * per event type, the CloudEvents `ce_` headers as a JSON Schema, the event's TypeBox schema as payload.
 * Served at GET /asyncapi (asyncapi.http.ts); checked with @asyncapi/parser in the spec.
 */
import { EVENT_CATALOGUE, ROLE_IDS, personalFieldsOf, type BoundedContext, type EventDefinition } from '#libs/contracts';
import { SEALED_MEMBER } from '#libs/event-store';
import { CE_HEADERS, sourceOf } from '../cloud-events';
import { TOPICS, deadLetterTopic } from '../topics';

/** A JSON Schema as plain data (what AsyncAPI calls a Schema Object). */
type JsonSchema = { readonly [keyword: string]: unknown };

interface AsyncApiReference {
  readonly $ref: string;
}

interface AsyncApiServer {
  readonly host: string;
  readonly protocol: 'kafka';
  readonly description?: string;
  readonly variables?: Readonly<Record<string, { readonly default: string; readonly description?: string }>>;
}

interface AsyncApiChannel {
  readonly address: string;
  readonly title?: string;
  readonly description?: string;
  readonly messages: Readonly<Record<string, AsyncApiReference>>;
}

interface AsyncApiOperation {
  readonly action: 'send' | 'receive';
  readonly channel: AsyncApiReference;
  readonly title?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly messages: readonly AsyncApiReference[];
}

interface AsyncApiMessage {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  readonly contentType: 'application/json';
  readonly tags?: ReadonlyArray<{ readonly name: string }>;
  readonly correlationId?: AsyncApiReference;
  readonly headers: JsonSchema;
  readonly payload: JsonSchema;
  readonly bindings: { readonly kafka: { readonly key: JsonSchema; readonly bindingVersion: '0.5.0' } };
}

export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly id?: string;
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description: string;
    readonly tags?: ReadonlyArray<{ readonly name: string; readonly description?: string }>;
  };
  readonly defaultContentType: 'application/json';
  readonly servers: Readonly<Record<string, AsyncApiServer>>;
  readonly channels: Readonly<Record<string, AsyncApiChannel>>;
  readonly operations: Readonly<Record<string, AsyncApiOperation>>;
  readonly components: {
    readonly messages: Readonly<Record<string, AsyncApiMessage>>;
    readonly correlationIds: Readonly<Record<string, { readonly location: string; readonly description?: string }>>;
  };
}

export interface AsyncApiDocumentOptions {
  /** Bootstrap brokers as `host:port`; without them the server's host is a `{broker}` variable. */
  readonly brokers?: readonly string[];
  /** The document's own version (info.version); 1.0.0 unless the app names one. */
  readonly version?: string;
  /** KAFKA_TOPIC_PREFIX of the deployment: put before every topic's name, as the relay does. */
  readonly topicPrefix?: string;
}

const DEFAULT_BROKER = '127.0.0.1:9092';

/**
 * The headers every message must carry: all of toKafkaMessage's, but ce_causationid (absent for a person's
 * command) and ce_traceparent (only when the command was traced); ce_relaybatch is the relay's own (absent from
 * messages published otherwise).
 */
const REQUIRED_HEADERS: readonly string[] = Object.values(CE_HEADERS).filter(
  (header) => header !== CE_HEADERS.causationid && header !== CE_HEADERS.relaybatch && header !== CE_HEADERS.traceparent,
);

const STREAM_ID_DESCRIPTION = 'The id of the stream the event belongs to (e.g. `lead-<leadId>`): the Kafka key, so a stream stays on one partition, in order.';

export function buildAsyncApiDocument(options: AsyncApiDocumentOptions = {}): AsyncApiDocument {
  const contexts = Object.keys(TOPICS) as BoundedContext[];
  const prefix = options.topicPrefix ?? '';
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const messages: Record<string, AsyncApiMessage> = {};

  for (const context of contexts) {
    const topic = prefix + TOPICS[context];
    const definitions = EVENT_CATALOGUE.filter((definition) => definition.context === context);
    channels[context] = {
      address: topic,
      title: `${context} events`,
      description:
        `Every event of the ${context} context, in the order of its streams: keyed by stream id, one stream on one ` +
        `partition. Dead letters of a consumer group go to \`${deadLetterTopic(topic, '<group>')}\`.`,
      messages: Object.fromEntries(definitions.map((definition) => [definition.type, { $ref: `#/components/messages/${definition.type}` }])),
    };
    const channelMessages = definitions.map((definition) => ({ $ref: `#/channels/${context}/messages/${definition.type}` }));
    const name = pascal(context);
    operations[`receive${name}Events`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${context}` },
      title: `Receive ${context} events`,
      summary: `What a subscribing service does: consume \`${topic}\` with its own consumer group.`,
      description:
        'Delivery is at least once: de-duplicate by `ce_id`. Events of one stream arrive in stream order, but a ' +
        're-delivery may repeat earlier ones: skip a `ce_streamrevision` already handled. Across streams there is ' +
        'no order. Check `ce_schemaversion` before reading the payload.',
      messages: channelMessages,
    };
    operations[`send${name}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${context}` },
      title: `Publish ${context} events`,
      summary: `What the Sales-ops relay does: publish every stored ${context} event to \`${topic}\`.`,
      description: 'The relay reads the event store from a checkpoint (the store is the outbox); after a crash it may publish an event again.',
      messages: channelMessages,
    };
    for (const definition of definitions) messages[definition.type] = message(definition, topic);
  }

  return {
    asyncapi: '3.0.0',
    id: 'urn:sales-ops:events',
    info: {
      title: 'Sales-ops events',
      version: options.version ?? '1.0.0',
      description: busDescription(prefix),
      tags: contexts.map((context) => ({ name: context, description: `Events owned by the ${context} context, on \`${prefix + TOPICS[context]}\`.` })),
    },
    defaultContentType: 'application/json',
    servers: servers(options.brokers),
    channels,
    operations,
    components: {
      messages,
      correlationIds: {
        correlationId: {
          location: `$message.header#/${CE_HEADERS.correlationid}`,
          description: 'The request, import or process an event belongs to; shared by everything it caused.',
        },
      },
    },
  };
}

function busDescription(prefix: string): string {
  return [
    'Every event stored by Sales-ops, as its relay publishes it to Kafka. Generated from the event catalogue (`libs/contracts`).',
    '',
    '- **One topic per bounded context** (a channel each below); a topic carries every event type of its context.',
    '- **Key = stream id** (`ce_partitionkey` says the same): the events of one stream are on one partition, in stream order (`ce_streamrevision` 0, 1, 2, …). There is no order across streams.',
    '- **At least once**: the relay may publish an event again after a crash or a retry. Consumers de-duplicate by `ce_id` (the event id).',
    '- **CloudEvents 1.0, binary content mode** (Kafka protocol binding): the value is the event data as JSON (the payload below); the context attributes travel as `ce_` headers, with the event store\'s coordinates (`ce_streamrevision`, `ce_globalposition`, `ce_recordedat`) and metadata (`ce_correlationid`, `ce_causationid`, `ce_actoruserid`, `ce_actorrole`, `ce_traceparent`) as extensions. `ce_causationid` is absent when a person\'s command caused the event, `ce_traceparent` when the command was not traced.',
    '- **Versions**: the `.v1` of a topic is the envelope\'s version; each event type has its own `ce_schemaversion`, the version of its payload schema.',
    '- **Personal data** (the fields marked `x-personal`: contact names, e-mails, phones, notes, tax ids) is never published in clear: it travels sealed in the payload\'s `$pii` member, readable only through the API while its data subject is kept. Erasures are published on `sales.privacy.v1` (PersonalDataErased): a service that keeps personal data it read through the API deletes it then.',
    `- **Dead letters**: the Sales-ops consumer library moves a message it gave up on to \`<topic>.dlq.<group>\` (e.g. \`${deadLetterTopic(prefix + TOPICS.prospecting, 'sales-insights')}\`), one per topic and consumer group; those topics are not described here.`,
  ].join('\n');
}

function servers(brokers: readonly string[] | undefined): Record<string, AsyncApiServer> {
  if (!brokers || brokers.length === 0) {
    return {
      kafka: {
        host: '{broker}',
        protocol: 'kafka',
        description: 'A bootstrap broker of the Kafka cluster.',
        variables: { broker: { default: DEFAULT_BROKER, description: 'host:port of a bootstrap broker' } },
      },
    };
  }
  if (brokers.length === 1) return { kafka: { host: brokers[0]!, protocol: 'kafka', description: 'The bootstrap broker of the Kafka cluster.' } };
  return Object.fromEntries(
    brokers.map((host, index) => [`kafka-${index + 1}`, { host, protocol: 'kafka', description: `Bootstrap broker ${index + 1} of ${brokers.length} of one Kafka cluster.` }]),
  );
}

function message(definition: EventDefinition, topic: string): AsyncApiMessage {
  return {
    name: definition.type,
    title: words(definition.type),
    summary: definition.description,
    description: `Schema version ${definition.schemaVersion} of \`${definition.type}\`, owned by ${definition.context}, published on \`${topic}\`.`,
    contentType: 'application/json',
    tags: [{ name: definition.context }],
    correlationId: { $ref: '#/components/correlationIds/correlationId' },
    headers: headersSchema(definition),
    payload: payloadSchema(definition),
    bindings: { kafka: { key: { type: 'string', description: STREAM_ID_DESCRIPTION }, bindingVersion: '0.5.0' } },
  };
}

/**
 * The payload: the event's schema, where a type with personal fields (`x-personal`) also has the `$pii` member
 * those fields travel in, sealed (the relay never publishes them in clear).
 */
function payloadSchema(definition: EventDefinition): JsonSchema {
  const payload = plainJsonSchema(definition.schema);
  if (personalFieldsOf(definition.type) === undefined) return payload;
  const properties = payload.properties as Record<string, JsonSchema>;
  return { ...payload, properties: { ...properties, [SEALED_MEMBER]: SEALED_SCHEMA } };
}

const SEALED_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    "The event's personal fields (those marked `x-personal`), never in clear on Kafka: sealed under their data subject's key " +
    '(AES-256-GCM), which only Sales-ops holds; read them through the API while the subject is kept. Once the subject is erased ' +
    '(PersonalDataErased on sales.privacy.v1) the relay publishes `erased: true` and no ciphertext.',
  required: ['s', 'f'],
  additionalProperties: false,
  properties: {
    s: { type: 'string', description: 'The data subject, e.g. `lead-<leadId>`.' },
    f: { type: 'array', items: { type: 'string' }, description: 'The fields sealed, as dotted paths (`contact.email`).' },
    iv: { type: 'string', description: 'Nonce (base64url).' },
    ct: { type: 'string', description: 'Ciphertext and tag (base64url).' },
    erased: { const: true, description: 'The subject was erased: nothing is left to open.' },
  },
};

/** TypeBox marks its schemas with Symbol keys (Kind, Optional); JSON keeps only the JSON Schema. */
function plainJsonSchema(schema: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** The `ce_` headers of one event type, as Kafka carries them: every value is a string. */
function headersSchema(definition: EventDefinition): JsonSchema {
  const string = (description: string, more: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...more });
  const properties: Record<string, JsonSchema> = {
    [CE_HEADERS.specversion]: string('CloudEvents version.', { const: '1.0' }),
    [CE_HEADERS.id]: string('The event id (a lower-case UUID, v7 when the store made it): de-duplicate by it.', { pattern: uuid }),
    [CE_HEADERS.type]: string('The event type.', { const: definition.type }),
    [CE_HEADERS.source]: string('The context that owns the event type.', { const: sourceOf(definition.type) }),
    [CE_HEADERS.time]: string('When it happened in the business (RFC 3339, UTC).', { format: 'date-time' }),
    [CE_HEADERS.partitionkey]: string('The stream id (also the Kafka key).', { minLength: 1 }),
    [CE_HEADERS.streamrevision]: string("The event's revision in its stream, from 0, as decimal text.", { pattern: '^\\d{1,15}$' }),
    [CE_HEADERS.globalposition]: string("The event's place in the store's global order, as `commit/prepare`.", { pattern: '^\\d{1,16}/\\d{1,16}$' }),
    [CE_HEADERS.schemaversion]: string("The version of the payload's schema.", { const: String(definition.schemaVersion) }),
    [CE_HEADERS.recordedat]: string('When the store recorded it (RFC 3339, UTC).', { format: 'date-time' }),
    [CE_HEADERS.correlationid]: string('The request, import or process it belongs to.', { minLength: 1 }),
    [CE_HEADERS.causationid]: string('The command or event that caused it; absent for a command a person sent.', { minLength: 1 }),
    [CE_HEADERS.actoruserid]: string('Who acted (a user id, or a service name).', { minLength: 1 }),
    [CE_HEADERS.actorrole]: string('The role they acted in.', { enum: [...ROLE_IDS] }),
    [CE_HEADERS.traceparent]: string(
      "The trace of the command that stored the event (W3C Trace Context, CloudEvents' distributed-tracing extension), when Sales-ops traces (OTEL_EXPORTER_OTLP_ENDPOINT): a consumer's span of the event joins it as a child.",
      { pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    ),
    [CE_HEADERS.relaybatch]: string(
      'The relay send this message was part of, as `<global position of its last event>;<number of events>`: every event before that send is on the topics before any of it is (the relay sends one acknowledged batch after another), which lets a reader merge the topics back into the global order.',
      { pattern: '^\\d{1,16}/\\d{1,16};\\d{1,9}$' },
    ),
    [CE_HEADERS.contentType]: string('The content type of the value.', { const: 'application/json' }),
  };
  return {
    type: 'object',
    description: 'CloudEvents 1.0 attributes and Sales-ops extensions (Kafka binding, binary mode). Other headers may be present.',
    required: [...REQUIRED_HEADERS],
    properties,
  };
}

function pascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

/** `DealHandedOffToCloser` → `Deal handed off to closer`. */
function words(pascalCase: string): string {
  const spaced = pascalCase.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
