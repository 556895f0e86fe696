/**
 * The process's configuration: read once at boot from the environment, checked, then injected.
 * Defaults make the embedded default work with nothing set.
 */
import { parseEventStoreUrl } from '#libs/event-store';
import { defaultReadModelUrl, type QueueSettings } from '#libs/projections';

export interface AppConfig {
  /** `sqlite:<path>` or `postgres://…` (see openEventStore). */
  readonly eventStoreUrl: string;
  readonly eventStorePoolSize: number;
  /** Where the read models (queues, KPI facts) are persisted; by default beside the events (see defaultReadModelUrl). */
  readonly readModelUrl: string;
  /** When work shows up in the queues as stale, breached or due. */
  readonly queues: QueueSettings;
  readonly host: string;
  readonly port: number;
  /** Won revenue (in the account's currency) from which an account is promoted to a key account. */
  readonly keyAccountThreshold: number;
  /** Where the embedded default keeps its files (the SQLite store by default, the generated JWT secret). */
  readonly dataDir: string;
  /** How far past its live size the CLI's heap may grow before a full collection, in percent (0: V8's own choice); see heap.ts. */
  readonly replayHeapGrowingPercent: number;
  /** Kafka, when KAFKA_BROKERS is set: the relay publishes every stored event (libs/messaging). */
  readonly kafka: KafkaSettings | undefined;
  /** Where the projections read the events: the store itself, or its Kafka topics (needs KAFKA_BROKERS). */
  readonly readModelSource: 'store' | 'kafka';
  readonly auth:
    | { readonly kind: 'shared-secret'; readonly secret: string | undefined }
    | { readonly kind: 'oidc'; readonly jwksUrl: string; readonly issuer?: string; readonly audience?: string };
}

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Put before every topic's name, to keep a deployment's topics apart on a shared cluster. */
  readonly topicPrefix: string;
  /** Partitions of the topics the relay creates. */
  readonly topicPartitions: number;
  /** The relay's producer threads, which share each send. */
  readonly relayThreads: number;
}

export const APP_CONFIG = Symbol('AppConfig');

export const CONFIG_DEFAULTS = {
  EVENT_STORE_URL: 'sqlite:./data/sales-ops.db',
  EVENT_STORE_POOL_SIZE: '10',
  READ_MODEL_URL: '',
  QUEUE_STALE_DEAL_DAYS: '14',
  QUEUE_SPEED_TO_LEAD_MINUTES: '60',
  QUEUE_FARMER_TOUCH_DAYS: '30',
  QUEUE_KAM_TOUCH_DAYS: '14',
  HOST: '0.0.0.0',
  PORT: '3000',
  DATA_DIR: './data',
  REPLAY_HEAP_GROWING_PERCENT: '50',
  KEY_ACCOUNT_THRESHOLD: '1000000',
  JWT_SECRET: '',
  OIDC_JWKS_URL: '',
  OIDC_ISSUER: '',
  OIDC_AUDIENCE: '',
  KAFKA_BROKERS: '',
  KAFKA_CLIENT_ID: 'sales-ops',
  KAFKA_TOPIC_PREFIX: '',
  KAFKA_TOPIC_PARTITIONS: '3',
  KAFKA_RELAY_THREADS: '2',
  READ_MODEL_SOURCE: 'store',
} as const;

/** Every bad variable at once, each named with what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; reason: string }>) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: Array<{ variable: string; reason: string }> = [];
  const read = (variable: keyof typeof CONFIG_DEFAULTS): string => {
    const value = env[variable]?.trim();
    return value === undefined || value === '' ? CONFIG_DEFAULTS[variable] : value;
  };
  const integer = (variable: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number => {
    const text = read(variable);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      problems.push({ variable, reason: `must be an integer from ${min} to ${max} (got "${text}")` });
    }
    return value;
  };

  const eventStoreUrl = read('EVENT_STORE_URL');
  try {
    parseEventStoreUrl(eventStoreUrl);
  } catch (error) {
    problems.push({ variable: 'EVENT_STORE_URL', reason: reasonOf(error) });
  }
  const explicitReadModelUrl = read('READ_MODEL_URL');
  if (explicitReadModelUrl !== '') {
    try {
      parseEventStoreUrl(explicitReadModelUrl);
    } catch (error) {
      problems.push({ variable: 'READ_MODEL_URL', reason: reasonOf(error).replace('sqlite:./data/sales-ops.db', 'sqlite:./data/read-models.db') });
    }
  }
  const readModelUrl = explicitReadModelUrl || safely(() => defaultReadModelUrl(eventStoreUrl), eventStoreUrl);
  const config: AppConfig = {
    eventStoreUrl,
    eventStorePoolSize: integer('EVENT_STORE_POOL_SIZE', 1, 200),
    readModelUrl,
    queues: {
      staleDealDays: integer('QUEUE_STALE_DEAL_DAYS', 1, 3650),
      speedToLeadMinutes: integer('QUEUE_SPEED_TO_LEAD_MINUTES', 1, 525_600),
      farmerTouchDays: integer('QUEUE_FARMER_TOUCH_DAYS', 1, 3650),
      kamTouchDays: integer('QUEUE_KAM_TOUCH_DAYS', 1, 3650),
    },
    host: read('HOST'),
    port: integer('PORT', 0, 65_535),
    keyAccountThreshold: integer('KEY_ACCOUNT_THRESHOLD', 1, 1_000_000_000_000),
    dataDir: read('DATA_DIR'),
    replayHeapGrowingPercent: integer('REPLAY_HEAP_GROWING_PERCENT', 0, 1000),
    kafka: readKafka(read, integer, problems),
    readModelSource: readModelSource(read('READ_MODEL_SOURCE'), read('KAFKA_BROKERS') !== '', problems),
    auth: readAuth(read, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}

function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : (error as Error).message;
}

function readModelSource(value: string, kafka: boolean, problems: Array<{ variable: string; reason: string }>): 'store' | 'kafka' {
  if (value !== 'store' && value !== 'kafka') {
    problems.push({ variable: 'READ_MODEL_SOURCE', reason: `must be store or kafka (got "${value}")` });
    return 'store';
  }
  if (value === 'kafka' && !kafka) problems.push({ variable: 'READ_MODEL_SOURCE', reason: 'kafka needs KAFKA_BROKERS' });
  return value;
}

function readKafka(
  read: (variable: keyof typeof CONFIG_DEFAULTS) => string,
  integer: (variable: keyof typeof CONFIG_DEFAULTS, min: number, max: number) => number,
  problems: Array<{ variable: string; reason: string }>,
): KafkaSettings | undefined {
  const partitions = integer('KAFKA_TOPIC_PARTITIONS', 1, 1000);
  const relayThreads = integer('KAFKA_RELAY_THREADS', 1, 16);
  const topicPrefix = read('KAFKA_TOPIC_PREFIX');
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(topicPrefix)) {
    problems.push({ variable: 'KAFKA_TOPIC_PREFIX', reason: 'may hold only letters, digits, ".", "_" and "-" (at most 100)' });
  }
  const clientId = read('KAFKA_CLIENT_ID');
  const list = read('KAFKA_BROKERS');
  if (list === '') return undefined;
  const brokers = list.split(',').map((broker) => broker.trim());
  const bad = brokers.filter((broker) => {
    const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(broker);
    return !match || Number(match[2]) < 1 || Number(match[2]) > 65_535;
  });
  if (bad.length > 0) {
    problems.push({ variable: 'KAFKA_BROKERS', reason: `must be a comma-separated list of host:port (not ${bad.map((broker) => `"${broker}"`).join(', ')})` });
  }
  return { brokers, clientId, topicPrefix, topicPartitions: partitions, relayThreads };
}

function readAuth(
  read: (variable: keyof typeof CONFIG_DEFAULTS) => string,
  problems: Array<{ variable: string; reason: string }>,
): AppConfig['auth'] {
  const jwksUrl = read('OIDC_JWKS_URL');
  const secret = read('JWT_SECRET');
  if (jwksUrl === '') {
    if (secret !== '' && secret.length < 32) problems.push({ variable: 'JWT_SECRET', reason: 'must be at least 32 characters' });
    return { kind: 'shared-secret', secret: secret === '' ? undefined : secret };
  }
  if (secret !== '') problems.push({ variable: 'JWT_SECRET', reason: 'cannot be set together with OIDC_JWKS_URL' });
  if (!/^https?:\/\/\S+$/.test(jwksUrl)) problems.push({ variable: 'OIDC_JWKS_URL', reason: 'must be an http(s) URL' });
  const issuer = read('OIDC_ISSUER');
  const audience = read('OIDC_AUDIENCE');
  return { kind: 'oidc', jwksUrl, ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) };
}
