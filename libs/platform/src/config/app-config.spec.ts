import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store on port 3000', () => {
    expect(loadConfig({})).toEqual({
      eventStoreUrl: 'sqlite:./data/sales-ops.db',
      eventStorePoolSize: 10,
      readModelUrl: 'sqlite:./data/sales-ops.read-models.db',
      queues: { staleDealDays: 14, speedToLeadMinutes: 60, farmerTouchDays: 30, kamTouchDays: 14 },
      host: '0.0.0.0',
      port: 3000,
      shutdownTimeoutMs: 10_000,
      logLevel: 'info',
      keyAccountThreshold: 1_000_000,
      dataDir: './data',
      webRoot: join(process.cwd(), 'dist', 'web'),
      replayHeapGrowingPercent: 50,
      kafka: undefined,
      readModelSource: 'store',
      asOfLadder: 'boot',
      publicUrl: undefined,
      webSession: { secret: undefined, ttlSeconds: 43_200, signInCodeTtlSeconds: 900 },
      auth: { kind: 'shared-secret', secret: undefined },
      tokens: { maxLifetimeSeconds: 86_400, clockSkewSeconds: 30 },
      rateLimit: { store: 'memory', windowSeconds: 60, perUser: 3000, perIp: 12_000 },
      http: { corsOrigins: [], trustProxyHops: 0, keepAliveTimeoutMs: 65_000 },
      streams: { historyPerUser: 2, historyPageMaxEvents: 100_000, livePerUser: 20 },
      privacy: { masterKey: undefined, retentionDays: undefined, retentionCheckSeconds: 3600 },
    });
  });

  it('keeps the rate limits’ counts in PostgreSQL when the store is there, in memory otherwise, or nowhere', () => {
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://u@db:5432/sales' }).rateLimit.store).toBe('postgres');
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://u@db:5432/sales', RATE_LIMIT_STORE: 'memory' }).rateLimit.store).toBe('memory');
    expect(loadConfig({ RATE_LIMIT_STORE: 'off' }).rateLimit.store).toBe('off');
    expect(loadConfig({ RATE_LIMIT_PER_USER: '50', RATE_LIMIT_PER_IP: '200', RATE_LIMIT_WINDOW_SECONDS: '10' }).rateLimit).toEqual({
      store: 'memory',
      windowSeconds: 10,
      perUser: 50,
      perIp: 200,
    });
  });

  it('opens CORS to the origins CORS_ORIGINS lists, and believes TRUST_PROXY_HOPS proxies', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://crm.example.com, http://localhost:5173/', TRUST_PROXY_HOPS: '1' }).http).toEqual({
      corsOrigins: ['https://crm.example.com', 'http://localhost:5173'],
      trustProxyHops: 1,
      keepAliveTimeoutMs: 65_000,
    });
    expect(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '120000' }).http.keepAliveTimeoutMs).toBe(120_000);
  });

  it('requires the issuer and the audience of OIDC tokens in production', () => {
    const error = (() => {
      try {
        loadConfig({ NODE_ENV: 'production', OIDC_JWKS_URL: 'https://id.example/jwks' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems.map((problem) => problem.variable)).toEqual(['OIDC_ISSUER', 'OIDC_AUDIENCE']);
    expect(error.message).toContain('OIDC_AUDIENCE is required when NODE_ENV=production');
    expect(loadConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example', OIDC_AUDIENCE: 'sales-ops-api' }).auth).toMatchObject({
      issuer: 'https://id.example',
      audience: 'sales-ops-api',
    });
    // The embedded default's own tokens name their issuer already; elsewhere OIDC's are optional (a local provider).
    expect(loadConfig({ NODE_ENV: 'production' }).auth.kind).toBe('shared-secret');
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example' }).auth).not.toHaveProperty('audience');
  });

  it('serves the web front end from WEB_ROOT, by default dist/web of this checkout', () => {
    expect(loadConfig({ WEB_ROOT: '/srv/sales-ops/web' }).webRoot).toBe('/srv/sales-ops/web');
  });

  it('keeps the read models in the PostgreSQL store, unless READ_MODEL_URL names another place', () => {
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://u@db:5432/sales?schema=s1' }).readModelUrl).toBe('postgres://u@db:5432/sales?schema=s1');
    expect(loadConfig({ READ_MODEL_URL: 'sqlite:/var/lib/rm.db' }).readModelUrl).toBe('sqlite:/var/lib/rm.db');
  });

  it('takes events on KurrentDB with everything else in READ_MODEL_URL, the rate limits’ counts included when it is PostgreSQL', () => {
    const onPostgres = loadConfig({ EVENT_STORE_URL: 'kurrentdb://db:2113?tls=false', READ_MODEL_URL: 'postgres://u@pg:5432/sales?schema=rm' });
    expect(onPostgres).toMatchObject({ eventStoreUrl: 'kurrentdb://db:2113?tls=false', readModelUrl: 'postgres://u@pg:5432/sales?schema=rm', rateLimit: { store: 'postgres' } });
    const onSqlite = loadConfig({ EVENT_STORE_URL: 'esdb://db:2113?tls=false', READ_MODEL_URL: 'sqlite:./data/read-models.db' });
    expect(onSqlite).toMatchObject({ readModelUrl: 'sqlite:./data/read-models.db', rateLimit: { store: 'memory' } });
  });

  it('takes PostgreSQL and a port from the environment', () => {
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://u@db:5432/sales', PORT: '8080', EVENT_STORE_POOL_SIZE: '25' })).toMatchObject({
      eventStoreUrl: 'postgres://u@db:5432/sales',
      port: 8080,
      eventStorePoolSize: 25,
    });
  });

  it.each([
    [{ EVENT_STORE_URL: 'mysql://db/sales' }, 'EVENT_STORE_URL', /must start with sqlite:, postgres:\/\/ or kurrentdb:\/\//],
    [{ EVENT_STORE_URL: 'kurrentdb://db:2113?tls=false' }, 'READ_MODEL_URL', /is required when EVENT_STORE_URL names KurrentDB: the checkpoints, the personal-data keys/],
    [{ EVENT_STORE_URL: 'esdb://db:2113', READ_MODEL_URL: 'kurrentdb://db:2113' }, 'READ_MODEL_URL', /SQLite .* or PostgreSQL .* URL: KurrentDB holds events only/],
    [{ EVENT_STORE_URL: 'kurrentdb://db:2113?namespace=$all', READ_MODEL_URL: 'sqlite:./rm.db' }, 'EVENT_STORE_URL', /namespace must be/],
    [{ EVENT_STORE_URL: 'kurrentdb://', READ_MODEL_URL: 'sqlite:./rm.db' }, 'EVENT_STORE_URL', /needs a host/],
    [
      { EVENT_STORE_URL: 'kurrentdb://db:2113', READ_MODEL_URL: 'sqlite:./rm.db', RATE_LIMIT_STORE: 'postgres' },
      'RATE_LIMIT_STORE',
      /postgres needs a PostgreSQL READ_MODEL_URL when the events are on KurrentDB/,
    ],
    [{ EVENT_STORE_URL: 'sqlite:' }, 'EVENT_STORE_URL', /needs a file path/],
    [{ READ_MODEL_URL: 'redis://cache' }, 'READ_MODEL_URL', /must start with sqlite: or postgres:\/\//],
    [{ QUEUE_STALE_DEAL_DAYS: '0' }, 'QUEUE_STALE_DEAL_DAYS', /integer from 1 to 3650/],
    [{ QUEUE_SPEED_TO_LEAD_MINUTES: 'soon' }, 'QUEUE_SPEED_TO_LEAD_MINUTES', /integer from 1 to 525600/],
    [{ PORT: 'eighty' }, 'PORT', /integer from 0 to 65535 \(got "eighty"\)/],
    [{ PORT: '70000' }, 'PORT', /integer from 0 to 65535/],
    [{ EVENT_STORE_POOL_SIZE: '0' }, 'EVENT_STORE_POOL_SIZE', /integer from 1 to 200/],
    [{ REPLAY_HEAP_GROWING_PERCENT: '-5' }, 'REPLAY_HEAP_GROWING_PERCENT', /integer from 0 to 1000/],
    [{ REPLAY_HEAP_GROWING_PERCENT: 'half' }, 'REPLAY_HEAP_GROWING_PERCENT', /integer from 0 to 1000/],
    [{ SHUTDOWN_TIMEOUT_MS: '50' }, 'SHUTDOWN_TIMEOUT_MS', /integer from 100 to 600000/],
    [{ SHUTDOWN_TIMEOUT_MS: '10s' }, 'SHUTDOWN_TIMEOUT_MS', /integer from 100 to 600000/],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /must be trace or debug or info or warn or error or fatal or silent/],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET', /at least 32 characters/],
    [{ OIDC_JWKS_URL: 'ftp://x' }, 'OIDC_JWKS_URL', /http\(s\) URL/],
    [{ OIDC_JWKS_URL: 'https://id.example/jwks', JWT_SECRET: 'x'.repeat(40) }, 'JWT_SECRET', /together with OIDC_JWKS_URL/],
    [{ OIDC_ISSUER: 'https://id.example', JWT_SECRET: 'x'.repeat(40) }, 'JWT_SECRET', /together with OIDC_ISSUER/],
    [{ OIDC_ISSUER: 'id.example' }, 'OIDC_ISSUER', /issuer URL, e.g. https:/],
    [{ OIDC_ISSUER: 'http://id.example' }, 'OIDC_ISSUER', /https URL \(http only for localhost\)/],
    [{ OIDC_ISSUER: 'https://id.example/?realm=x' }, 'OIDC_ISSUER', /without query/],
    [{ OIDC_CLIENT_ID: 'sales-ops-web' }, 'OIDC_CLIENT_ID', /needs OIDC_ISSUER/],
    [{ OIDC_CLIENT_ID: 'sales-ops-web', OIDC_JWKS_URL: 'https://id.example/jwks' }, 'OIDC_CLIENT_ID', /needs OIDC_ISSUER/],
    [{ OIDC_CLIENT_SECRET: 's3cret' }, 'OIDC_CLIENT_SECRET', /needs OIDC_CLIENT_ID/],
    [{ OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'web', OIDC_SCOPES: 'profile email' }, 'OIDC_SCOPES', /must include openid \(got "profile email"\)/],
    [{ OIDC_ISSUER: 'https://id.example', OIDC_ROLE_CLAIM: 'sales role' }, 'OIDC_ROLE_CLAIM', /must be a claim name/],
    [{ PUBLIC_URL: 'localhost:3000' }, 'PUBLIC_URL', /http\(s\) origin browsers use/],
    [{ PUBLIC_URL: 'ftp://sales.example.com' }, 'PUBLIC_URL', /http\(s\) origin/],
    [{ PUBLIC_URL: 'https://sales.example.com/app' }, 'PUBLIC_URL', /no path/],
    [{ PUBLIC_URL: 'https://sales.example.com/?x=1' }, 'PUBLIC_URL', /no path, query/],
    [{ PUBLIC_URL: 'https://sales.example.com?' }, 'PUBLIC_URL', /no path, query/],
    [{ PUBLIC_URL: 'https://rop:pw@sales.example.com' }, 'PUBLIC_URL', /or user/],
    [{ SESSION_SECRET: 'too-short' }, 'SESSION_SECRET', /at least 32 characters/],
    [{ SESSION_TTL_SECONDS: '30' }, 'SESSION_TTL_SECONDS', /integer from 60 to 2592000/],
    [{ SESSION_TTL_SECONDS: 'forever' }, 'SESSION_TTL_SECONDS', /integer from 60 to 2592000/],
    [{ SIGN_IN_CODE_TTL_SECONDS: '0' }, 'SIGN_IN_CODE_TTL_SECONDS', /integer from 10 to 86400/],
    [{ TOKEN_MAX_LIFETIME_SECONDS: '31536000' }, 'TOKEN_MAX_LIFETIME_SECONDS', /integer from 60 to 2592000/],
    [{ TOKEN_CLOCK_SKEW_SECONDS: '3600' }, 'TOKEN_CLOCK_SKEW_SECONDS', /integer from 0 to 300/],
    [{ RATE_LIMIT_STORE: 'redis' }, 'RATE_LIMIT_STORE', /must be auto or memory or postgres or off \(got "redis"\)/],
    [{ RATE_LIMIT_STORE: 'postgres' }, 'RATE_LIMIT_STORE', /postgres needs a PostgreSQL EVENT_STORE_URL/],
    [{ RATE_LIMIT_PER_USER: '0' }, 'RATE_LIMIT_PER_USER', /integer from 1 to 100000000/],
    [{ RATE_LIMIT_PER_IP: 'many' }, 'RATE_LIMIT_PER_IP', /integer from 1 to 100000000 \(got "many"\)/],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, 'RATE_LIMIT_WINDOW_SECONDS', /integer from 1 to 86400/],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS', /http\(s\) origins .* no \*; got "\*"/],
    [{ CORS_ORIGINS: 'https://crm.example.com/app' }, 'CORS_ORIGINS', /no path/],
    [{ TRUST_PROXY_HOPS: 'yes' }, 'TRUST_PROXY_HOPS', /integer from 0 to 10/],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' }, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', /integer from 1000 to 600000/],
    [{ HISTORY_STREAMS_PER_USER: '0' }, 'HISTORY_STREAMS_PER_USER', /integer from 1 to 100/],
    [{ HISTORY_PAGE_MAX_EVENTS: '-5' }, 'HISTORY_PAGE_MAX_EVENTS', /integer from 1 to 10000000/],
    [{ LIVE_STREAMS_PER_USER: '5000' }, 'LIVE_STREAMS_PER_USER', /integer from 1 to 1000/],
  ])('refuses %j naming %s', (env, variable, reason) => {
    const error = (() => {
      try {
        loadConfig(env);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.variable).toBe(variable);
    expect(problems[0]!.reason).toMatch(reason);
    expect((error as Error).message).toContain(variable);
  });

  it('takes an OIDC provider for production', () => {
    expect(loadConfig({ OIDC_JWKS_URL: 'https://id.example/jwks', OIDC_ISSUER: 'https://id.example' }).auth).toEqual({
      kind: 'oidc',
      jwksUrl: 'https://id.example/jwks',
      issuer: 'https://id.example',
      roleClaim: 'role',
    });
  });

  it('discovers the JWKS from OIDC_ISSUER alone, and signs browsers in with OIDC_CLIENT_ID', () => {
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example/realms/sales' }).auth).toEqual({ kind: 'oidc', issuer: 'https://id.example/realms/sales', roleClaim: 'role' });
    expect(
      loadConfig({
        OIDC_ISSUER: 'https://id.example/realms/sales',
        OIDC_CLIENT_ID: 'sales-ops-web',
        OIDC_CLIENT_SECRET: 's3cret',
        OIDC_ROLE_CLAIM: 'https://sales.example.com/role',
        OIDC_SCOPES: 'openid profile  sales',
        OIDC_AUDIENCE: 'sales-ops-api',
      }).auth,
    ).toEqual({
      kind: 'oidc',
      issuer: 'https://id.example/realms/sales',
      audience: 'sales-ops-api',
      roleClaim: 'https://sales.example.com/role',
      client: { clientId: 'sales-ops-web', clientSecret: 's3cret', scopes: ['openid', 'profile', 'sales'] },
    });
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'web' }).auth).toMatchObject({ client: { clientId: 'web', scopes: ['openid', 'profile'] } });
    // Plain http only for a provider on this machine (development, tests).
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'web' }).auth).toMatchObject({ issuer: 'http://127.0.0.1:4000' });
    expect(loadConfig({ OIDC_ISSUER: 'http://localhost:4000' }).auth).toMatchObject({ issuer: 'http://localhost:4000' });
    // With a JWKS URL and no client the issuer is only compared with the tokens' iss, never fetched.
    expect(loadConfig({ OIDC_JWKS_URL: 'https://id.example/jwks', OIDC_ISSUER: 'urn:id' }).auth).toMatchObject({ issuer: 'urn:id' });
  });

  it('takes the public URL and the session settings', () => {
    expect(
      loadConfig({ PUBLIC_URL: 'https://sales.example.com/', SESSION_SECRET: 's'.repeat(32), SESSION_TTL_SECONDS: '3600', SIGN_IN_CODE_TTL_SECONDS: '60' }),
    ).toMatchObject({
      publicUrl: 'https://sales.example.com',
      webSession: { secret: 's'.repeat(32), ttlSeconds: 3600, signInCodeTtlSeconds: 60 },
    });
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('turns the Kafka relay on with KAFKA_BROKERS', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'kafka-1:9092, 10.0.0.7:19092', KAFKA_TOPIC_PREFIX: 'staging.', KAFKA_TOPIC_PARTITIONS: '12' }).kafka).toEqual({
      brokers: ['kafka-1:9092', '10.0.0.7:19092'],
      clientId: 'sales-ops',
      topicPrefix: 'staging.',
      topicPartitions: 12,
      relayThreads: 2,
    });
    expect(loadConfig({ KAFKA_BROKERS: 'kafka-1:9092', KAFKA_RELAY_THREADS: '4' }).kafka?.relayThreads).toBe(4);
  });

  it.each([
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'kafka-1' }, /KAFKA_BROKERS must be a comma-separated list of host:port \(not "kafka-1"\)/],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'kafka-1:0,ok:1' }, /KAFKA_BROKERS .*"kafka-1:0"/],
    ['KAFKA_TOPIC_PREFIX', { KAFKA_TOPIC_PREFIX: 'a/b' }, /KAFKA_TOPIC_PREFIX may hold only/],
    ['KAFKA_TOPIC_PARTITIONS', { KAFKA_TOPIC_PARTITIONS: '0' }, /KAFKA_TOPIC_PARTITIONS must be an integer from 1 to 1000/],
    ['KAFKA_RELAY_THREADS', { KAFKA_RELAY_THREADS: '0' }, /KAFKA_RELAY_THREADS must be an integer from 1 to 16/],
    ['KAFKA_RELAY_THREADS', { KAFKA_RELAY_THREADS: '2.5' }, /KAFKA_RELAY_THREADS must be an integer from 1 to 16/],
    ['READ_MODEL_SOURCE', { READ_MODEL_SOURCE: 'redis' }, /READ_MODEL_SOURCE must be store or kafka \(got "redis"\)/],
    ['AS_OF_LADDER', { AS_OF_LADDER: 'never' }, /AS_OF_LADDER must be boot or lazy \(got "never"\)/],
    ['READ_MODEL_SOURCE', { READ_MODEL_SOURCE: 'kafka', KAFKA_BROKERS: '' }, /READ_MODEL_SOURCE kafka needs KAFKA_BROKERS/],
  ])('refuses a bad %s', (_variable, env, message) => {
    expect(() => loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', ...env })).toThrow(message);
  });

  it('takes the personal-data master key and retention, and names what is wrong with them', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ PRIVACY_MASTER_KEY: key.toString('base64'), PRIVACY_RETENTION_DAYS: '365', PRIVACY_RETENTION_CHECK_SECONDS: '60' }).privacy).toEqual({
      masterKey: key.toString('base64'),
      retentionDays: 365,
      retentionCheckSeconds: 60,
    });
    expect(loadConfig({ PRIVACY_MASTER_KEY: key.toString('hex') }).privacy.masterKey).toBe(key.toString('hex'));
    expect(() => loadConfig({ PRIVACY_MASTER_KEY: 'too-short' })).toThrow(/PRIVACY_MASTER_KEY must be 32 random bytes, as base64 \(44 characters\) or hex \(64\)/);
    expect(() => loadConfig({ PRIVACY_RETENTION_DAYS: '0' })).toThrow(/PRIVACY_RETENTION_DAYS must be an integer from 1 to 36500/);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '-1', EVENT_STORE_URL: 'x' })).toThrow(/EVENT_STORE_URL .*; PORT /);
  });
});
