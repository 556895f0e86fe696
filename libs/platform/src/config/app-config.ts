/**
 * The process's configuration: read once at boot from the environment, checked, then injected.
 * Defaults make the embedded default work with nothing set.
 */
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from '#libs/contracts';
import { InvalidEventStoreInputError, defaultReadModelUrl, parseEventStoreUrl, parseMasterKey, parseSqlDatabaseUrl, sideDatabaseUrl } from '#libs/event-store';
import { defaultWebRoot } from '../http/web-app';

export interface AppConfig {
  /** `sqlite:<path>`, `postgres://…` or `kurrentdb://…` (see openEventStore). */
  readonly eventStoreUrl: string;
  readonly eventStorePoolSize: number;
  /**
   * Where the read models (queues, KPI facts) are persisted; by default beside the events (see defaultReadModelUrl).
   * Required with events on KurrentDB, where it also holds the checkpoints, the personal-data keys, the relay lease
   * and the rate-limit counts (sideDatabaseUrl).
   */
  readonly readModelUrl: string;
  /** When work shows up in the queues as stale, breached or due. */
  readonly queues: QueueSettings;
  readonly host: string;
  readonly port: number;
  /** How long a stop (SIGTERM, SIGINT) may take — requests in flight finished, readers stopped, the store closed — before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** LOG_LEVEL: the least severe level written (JSON lines on stdout); silent writes none. */
  readonly logLevel: LogLevel;
  /** Won revenue (in the account's currency) from which an account is promoted to a key account. */
  readonly keyAccountThreshold: number;
  /** Where the embedded default keeps its files (the SQLite store by default, the generated JWT and session secrets). */
  readonly dataDir: string;
  /** Where the built web front end is (WEB_ROOT; default dist/web of this checkout), served by the apps that serve it. */
  readonly webRoot: string;
  /** How far past its live size the CLI's heap may grow before a full collection, in percent (0: V8's own choice); see heap.ts. */
  readonly replayHeapGrowingPercent: number;
  /** Kafka, when KAFKA_BROKERS is set: the relay publishes every stored event (libs/messaging). */
  readonly kafka: KafkaSettings | undefined;
  /** Where the projections read the events: the store itself, or its Kafka topics (needs KAFKA_BROKERS). */
  readonly readModelSource: 'store' | 'kafka';
  /**
   * When the apps that serve /kpis climb the as-of ladder (libs/projections as-of-ladder.ts): at boot, once the
   * read models are live, so that the first view of a past moment is quick too; or at the first such view
   * (lazy: no memory for it until then).
   */
  readonly asOfLadder: 'boot' | 'lazy';
  /**
   * The address browsers use (PUBLIC_URL, an origin): the sign-in link, the OIDC redirect URI, the origin
   * cookie-authenticated requests must come from. Unset: http://localhost:<the port it listens on>.
   */
  readonly publicUrl: string | undefined;
  /** The browser's session cookie and, on the embedded default, its one-time sign-in codes. */
  readonly webSession: WebSessionSettings;
  readonly auth: SharedSecretAuth | OidcAuth;
  /** What a bearer token may claim: how long it lives, how far clocks may disagree. */
  readonly tokens: TokenSettings;
  /** Requests per user and per client address in a window (429 beyond), and where the counts are kept. */
  readonly rateLimit: RateLimitSettings;
  /** Who may call the API from a browser on another origin (CORS), and which proxies say who the client is. */
  readonly http: HttpSettings;
  /** What one caller may hold open on the streamed routes (GET /events, GET /live). */
  readonly streams: StreamSettings;
  readonly privacy: PrivacySettings;
}

export interface TokenSettings {
  /** The longest a bearer token may live: exp − iat, and exp − now for a token without iat. */
  readonly maxLifetimeSeconds: number;
  /** How far the issuer's clock and ours may disagree when exp, nbf and iat are checked. */
  readonly clockSkewSeconds: number;
}

export interface RateLimitSettings {
  /**
   * Where the counts are kept: `postgres` (shared by every instance on one PostgreSQL, in the store's
   * database), `memory` (this process only: the embedded default) or `off` (behind a gateway that limits).
   */
  readonly store: 'memory' | 'postgres' | 'off';
  readonly windowSeconds: number;
  /** Requests one authenticated caller (by user id) may make in a window, across every route. */
  readonly perUser: number;
  /** Requests one client address (an IPv6 /64) may make in a window, across every route, signed in or not. */
  readonly perIp: number;
}

export interface HttpSettings {
  /** Origins whose pages may call the API with a bearer token (CORS); empty: none but the app's own. */
  readonly corsOrigins: readonly string[];
  /** Reverse proxies in front of the app whose X-Forwarded-For is believed (express `trust proxy`); 0: none. */
  readonly trustProxyHops: number;
  /**
   * How long an idle keep-alive connection stays open. Longer than the idle timeout of whatever sits in front
   * (load balancers keep theirs for 60 s): the side that closes first must be the client's, or a request it sends
   * on a connection the app is closing at that moment is lost (ECONNRESET, a 502 at the balancer).
   */
  readonly keepAliveTimeoutMs: number;
}

export interface StreamSettings {
  /** GET /events streams one user may have open at once (per instance). */
  readonly historyPerUser: number;
  /** The most events one GET /events request returns (its `limit` and its default). */
  readonly historyPageMaxEvents: number;
  /** GET /live streams one user may have open at once (per instance): a page each. */
  readonly livePerUser: number;
}

/** Personal data: the master key of the subjects' keys, and how long data no longer needed is kept. */
export interface PrivacySettings {
  /** PRIVACY_MASTER_KEY (base64 or hex of 32 bytes); undefined: generated into DATA_DIR/privacy-master-key. */
  readonly masterKey: string | undefined;
  /**
   * PRIVACY_RETENTION_DAYS: a disqualified lead's subject is erased that many days after the disqualification, a
   * churned account's that long after the churn; undefined: kept until erased on request.
   */
  readonly retentionDays: number | undefined;
  /** PRIVACY_RETENTION_CHECK_SECONDS: how often retention looks for what is due (default hourly). */
  readonly retentionCheckSeconds: number;
}

/** The embedded default: bearer tokens (and sign-in codes) signed with one HS256 secret. */
export interface SharedSecretAuth {
  readonly kind: 'shared-secret';
  /** JWT_SECRET; undefined: generated into DATA_DIR (see jwt-secret.ts). */
  readonly secret: string | undefined;
}

/** Production: tokens from an OpenID Connect provider, and browser sign-in through it when a client is set. */
export interface OidcAuth {
  readonly kind: 'oidc';
  /** OIDC_JWKS_URL; absent: discovered from the issuer's metadata. */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** The claim of a token (bearer or ID token) that holds the caller's role. */
  readonly roleClaim: string;
  /** Browser sign-in (authorization code + PKCE), when OIDC_CLIENT_ID is set. */
  readonly client?: OidcClientSettings;
}

export interface OidcClientSettings {
  readonly clientId: string;
  /** A confidential client's secret (client_secret_basic); absent: a public client (PKCE only). */
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
}

export interface WebSessionSettings {
  /** SESSION_SECRET; undefined: generated into DATA_DIR/session-secret. */
  readonly secret: string | undefined;
  readonly ttlSeconds: number;
  /** How long a one-time sign-in link stays valid (embedded default only). */
  readonly signInCodeTtlSeconds: number;
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

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('AppConfig');

export const CONFIG_DEFAULTS = {
  EVENT_STORE_URL: 'sqlite:./data/sales-ops.db',
  EVENT_STORE_POOL_SIZE: '10',
  READ_MODEL_URL: '',
  QUEUE_STALE_DEAL_DAYS: String(DEFAULT_QUEUE_SETTINGS.staleDealDays),
  QUEUE_SPEED_TO_LEAD_MINUTES: String(DEFAULT_QUEUE_SETTINGS.speedToLeadMinutes),
  QUEUE_FARMER_TOUCH_DAYS: String(DEFAULT_QUEUE_SETTINGS.farmerTouchDays),
  QUEUE_KAM_TOUCH_DAYS: String(DEFAULT_QUEUE_SETTINGS.kamTouchDays),
  HOST: '0.0.0.0',
  PORT: '3000',
  SHUTDOWN_TIMEOUT_MS: '10000',
  LOG_LEVEL: 'info',
  DATA_DIR: './data',
  WEB_ROOT: '',
  REPLAY_HEAP_GROWING_PERCENT: '50',
  KEY_ACCOUNT_THRESHOLD: '1000000',
  JWT_SECRET: '',
  OIDC_JWKS_URL: '',
  OIDC_ISSUER: '',
  OIDC_AUDIENCE: '',
  OIDC_CLIENT_ID: '',
  OIDC_CLIENT_SECRET: '',
  OIDC_ROLE_CLAIM: 'role',
  OIDC_SCOPES: 'openid profile',
  PUBLIC_URL: '',
  SESSION_SECRET: '',
  SESSION_TTL_SECONDS: '43200',
  SIGN_IN_CODE_TTL_SECONDS: '900',
  KAFKA_BROKERS: '',
  KAFKA_CLIENT_ID: 'sales-ops',
  KAFKA_TOPIC_PREFIX: '',
  KAFKA_TOPIC_PARTITIONS: '3',
  KAFKA_RELAY_THREADS: '2',
  READ_MODEL_SOURCE: 'store',
  AS_OF_LADDER: 'boot',
  TOKEN_MAX_LIFETIME_SECONDS: '86400',
  TOKEN_CLOCK_SKEW_SECONDS: '30',
  RATE_LIMIT_STORE: 'auto',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_PER_USER: '3000',
  RATE_LIMIT_PER_IP: '12000',
  CORS_ORIGINS: '',
  TRUST_PROXY_HOPS: '0',
  HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
  HISTORY_STREAMS_PER_USER: '2',
  HISTORY_PAGE_MAX_EVENTS: '100000',
  LIVE_STREAMS_PER_USER: '20',
  PRIVACY_MASTER_KEY: '',
  PRIVACY_RETENTION_DAYS: '',
  PRIVACY_RETENTION_CHECK_SECONDS: '3600',
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
      parseSqlDatabaseUrl(explicitReadModelUrl, 'READ_MODEL_URL');
    } catch (error) {
      problems.push({ variable: 'READ_MODEL_URL', reason: reasonOf(error).replace('sqlite:./data/sales-ops.db', 'sqlite:./data/read-models.db') });
    }
  }
  const readModelUrl = explicitReadModelUrl || defaultReadModelFor(eventStoreUrl, problems);
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
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 100, 600_000),
    logLevel: oneOf('LOG_LEVEL', read('LOG_LEVEL'), LOG_LEVELS, problems),
    keyAccountThreshold: integer('KEY_ACCOUNT_THRESHOLD', 1, 1_000_000_000_000),
    dataDir: read('DATA_DIR'),
    webRoot: read('WEB_ROOT') || defaultWebRoot(),
    replayHeapGrowingPercent: integer('REPLAY_HEAP_GROWING_PERCENT', 0, 1000),
    kafka: readKafka(read, integer, problems),
    readModelSource: readModelSource(read('READ_MODEL_SOURCE'), read('KAFKA_BROKERS') !== '', problems),
    asOfLadder: oneOf('AS_OF_LADDER', read('AS_OF_LADDER'), ['boot', 'lazy'] as const, problems),
    publicUrl: readPublicUrl(read('PUBLIC_URL'), problems),
    webSession: {
      secret: readSessionSecret(read('SESSION_SECRET'), problems),
      ttlSeconds: integer('SESSION_TTL_SECONDS', 60, 2_592_000),
      signInCodeTtlSeconds: integer('SIGN_IN_CODE_TTL_SECONDS', 10, 86_400),
    },
    auth: readAuth(read, env.NODE_ENV === 'production', problems),
    tokens: {
      maxLifetimeSeconds: integer('TOKEN_MAX_LIFETIME_SECONDS', 60, 2_592_000),
      clockSkewSeconds: integer('TOKEN_CLOCK_SKEW_SECONDS', 0, 300),
    },
    rateLimit: {
      store: readRateLimitStore(read('RATE_LIMIT_STORE'), eventStoreUrl, readModelUrl, problems),
      windowSeconds: integer('RATE_LIMIT_WINDOW_SECONDS', 1, 86_400),
      perUser: integer('RATE_LIMIT_PER_USER', 1, 100_000_000),
      perIp: integer('RATE_LIMIT_PER_IP', 1, 100_000_000),
    },
    http: {
      corsOrigins: readCorsOrigins(read('CORS_ORIGINS'), problems),
      trustProxyHops: integer('TRUST_PROXY_HOPS', 0, 10),
      keepAliveTimeoutMs: integer('HTTP_KEEP_ALIVE_TIMEOUT_MS', 1000, 600_000),
    },
    streams: {
      historyPerUser: integer('HISTORY_STREAMS_PER_USER', 1, 100),
      historyPageMaxEvents: integer('HISTORY_PAGE_MAX_EVENTS', 1, 10_000_000),
      livePerUser: integer('LIVE_STREAMS_PER_USER', 1, 1000),
    },
    privacy: {
      masterKey: readMasterKey(read('PRIVACY_MASTER_KEY'), problems),
      retentionDays: read('PRIVACY_RETENTION_DAYS') === '' ? undefined : integer('PRIVACY_RETENTION_DAYS', 1, 36_500),
      retentionCheckSeconds: integer('PRIVACY_RETENTION_CHECK_SECONDS', 1, 86_400),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** READ_MODEL_URL's default (defaultReadModelUrl); on KurrentDB there is none, and its absence is reported. */
function defaultReadModelFor(eventStoreUrl: string, problems: Array<{ variable: string; reason: string }>): string {
  try {
    return defaultReadModelUrl(eventStoreUrl);
  } catch (error) {
    // A bad EVENT_STORE_URL is reported once, above; what is news here is KurrentDB's missing READ_MODEL_URL.
    if (error instanceof InvalidEventStoreInputError && error.field === 'READ_MODEL_URL') problems.push({ variable: 'READ_MODEL_URL', reason: error.reason });
    return '';
  }
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

function oneOf<T extends string>(variable: string, value: string, allowed: readonly T[], problems: Array<{ variable: string; reason: string }>): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push({ variable, reason: `must be ${allowed.join(' or ')} (got "${value}")` });
  return allowed[0]!;
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
  production: boolean,
  problems: Array<{ variable: string; reason: string }>,
): AppConfig['auth'] {
  const jwksUrl = read('OIDC_JWKS_URL');
  const issuer = read('OIDC_ISSUER');
  const audience = read('OIDC_AUDIENCE');
  const secret = read('JWT_SECRET');
  const clientId = read('OIDC_CLIENT_ID');
  const clientSecret = read('OIDC_CLIENT_SECRET');
  if (clientId !== '' && issuer === '') {
    problems.push({ variable: 'OIDC_CLIENT_ID', reason: 'needs OIDC_ISSUER: the provider browsers are sent to for sign-in' });
  }
  if (clientSecret !== '' && clientId === '') problems.push({ variable: 'OIDC_CLIENT_SECRET', reason: 'needs OIDC_CLIENT_ID' });
  // OIDC_ISSUER alone is enough now: the JWKS is discovered from its metadata.
  if (jwksUrl === '' && issuer === '') {
    if (secret !== '' && secret.length < 32) problems.push({ variable: 'JWT_SECRET', reason: 'must be at least 32 characters' });
    return { kind: 'shared-secret', secret: secret === '' ? undefined : secret };
  }
  if (secret !== '') {
    problems.push({ variable: 'JWT_SECRET', reason: `cannot be set together with ${jwksUrl !== '' ? 'OIDC_JWKS_URL' : 'OIDC_ISSUER'}` });
  }
  if (jwksUrl !== '' && !/^https?:\/\/\S+$/.test(jwksUrl)) problems.push({ variable: 'OIDC_JWKS_URL', reason: 'must be an http(s) URL' });
  // The issuer is fetched from (discovery) when there is no JWKS URL or when browsers sign in through it.
  if (issuer !== '' && (jwksUrl === '' || clientId !== '')) {
    const reason = issuerProblem(issuer);
    if (reason) problems.push({ variable: 'OIDC_ISSUER', reason });
  }
  // In production a provider's token is taken only when it was issued by that provider for this API: without an
  // audience, a token the provider issued to any other client of the realm would be good here too.
  if (production && issuer === '') problems.push({ variable: 'OIDC_ISSUER', reason: 'is required when NODE_ENV=production: bearer tokens must name their issuer' });
  if (production && audience === '') problems.push({ variable: 'OIDC_AUDIENCE', reason: 'is required when NODE_ENV=production: bearer tokens must be meant for this API' });
  const roleClaim = read('OIDC_ROLE_CLAIM');
  if (!/^[\x21-\x7e]{1,200}$/.test(roleClaim)) problems.push({ variable: 'OIDC_ROLE_CLAIM', reason: 'must be a claim name: 1 to 200 visible ASCII characters' });
  const scopes = read('OIDC_SCOPES').split(/\s+/);
  if (clientId !== '' && !scopes.includes('openid')) {
    problems.push({ variable: 'OIDC_SCOPES', reason: `must include openid (got "${scopes.join(' ')}")` });
  }
  return {
    kind: 'oidc',
    ...(jwksUrl ? { jwksUrl } : {}),
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
    roleClaim,
    ...(clientId ? { client: { clientId, ...(clientSecret ? { clientSecret } : {}), scopes } } : {}),
  };
}

/** An issuer Sales-ops talks to must be https; plain http only on this machine (a provider for development or tests). */
function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `must be the provider's issuer URL, e.g. https://id.example.com/realms/sales (got "${issuer}")`;
  }
  if (url.search !== '' || url.hash !== '') return 'must be an issuer URL without query or fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return 'must be an https URL (http only for localhost)';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function readRateLimitStore(value: string, eventStoreUrl: string, readModelUrl: string, problems: Array<{ variable: string; reason: string }>): RateLimitSettings['store'] {
  // The counts are kept beside the events: in READ_MODEL_URL's database for events on KurrentDB (sideDatabaseUrl).
  const onKurrentDb = safely(() => parseEventStoreUrl(eventStoreUrl).kind === 'kurrentdb', false);
  const onPostgres = /^postgres(ql)?:\/\//.test(safely(() => sideDatabaseUrl(eventStoreUrl, readModelUrl), eventStoreUrl));
  const store = oneOf('RATE_LIMIT_STORE', value, ['auto', 'memory', 'postgres', 'off'] as const, problems);
  if (store === 'auto') return onPostgres ? 'postgres' : 'memory';
  if (store === 'postgres' && !onPostgres) {
    problems.push({
      variable: 'RATE_LIMIT_STORE',
      reason: onKurrentDb
        ? 'postgres needs a PostgreSQL READ_MODEL_URL when the events are on KurrentDB (the counts are kept in its database)'
        : 'postgres needs a PostgreSQL EVENT_STORE_URL (the counts are kept beside the events)',
    });
  }
  return store;
}

function readCorsOrigins(value: string, problems: Array<{ variable: string; reason: string }>): string[] {
  if (value === '') return [];
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    const origin = httpOrigin(entry);
    if (origin === undefined) {
      problems.push({ variable: 'CORS_ORIGINS', reason: `must be a comma-separated list of http(s) origins such as https://crm.example.com (no path, no *; got "${entry}")` });
      return [];
    }
    origins.push(origin);
  }
  return origins;
}

/** The origin of an http(s) URL that is nothing but an origin (no path, query, fragment or user); else undefined. */
function httpOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const bare = (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  return bare && !/[?#]$/.test(value) ? url.origin : undefined;
}

function readPublicUrl(value: string, problems: Array<{ variable: string; reason: string }>): string | undefined {
  if (value === '') return undefined;
  const origin = httpOrigin(value);
  if (origin === undefined) {
    problems.push({ variable: 'PUBLIC_URL', reason: `must be the http(s) origin browsers use, such as https://sales.example.com (no path, query or user; got "${value}")` });
  }
  return origin;
}

function readMasterKey(value: string, problems: Array<{ variable: string; reason: string }>): string | undefined {
  if (value === '') return undefined;
  try {
    parseMasterKey(value);
  } catch (error) {
    problems.push({ variable: 'PRIVACY_MASTER_KEY', reason: (error as Error).message.replace(/^PRIVACY_MASTER_KEY /, '') });
  }
  return value;
}

function readSessionSecret(value: string, problems: Array<{ variable: string; reason: string }>): string | undefined {
  if (value === '') return undefined;
  if (value.length < 32) problems.push({ variable: 'SESSION_SECRET', reason: 'must be at least 32 characters' });
  return value;
}
