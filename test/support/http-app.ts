/** Boots the all-in-one app on a store of the test's choosing and gives it an HTTP client with tokens. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '#libs/contracts';
import { EVENT_STORE, type EventStore, type StoredEvent } from '#libs/event-store';
import { signToken, type LogSink } from '#libs/platform';
import { bootstrap, type RunningApp } from '../../apps/sales-ops/src/bootstrap';
import { freshKurrentDbUrl } from './kurrentdb';
import { freshSchemaName, testDatabaseUrl } from './postgres';

/** 'kurrentdb' only under `npm run test:kurrentdb`: events there, read models, checkpoints and keys in SQLite. */
export type StoreKind = 'sqlite' | 'postgres' | 'kurrentdb';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
/** One personal-data master key for every app of a test run, so that apps sharing a store open its keys. */
export const TEST_PRIVACY_MASTER_KEY = Buffer.alloc(32, 0x5a).toString('base64');

export interface TestApp {
  readonly running: RunningApp;
  readonly store: EventStore;
  readonly url: string;
  token(role: Role, userId: string): Promise<string>;
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<TestResponse>;
  events(streamId?: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly headers: Headers;
}

/**
 * `storeUrl` shares a store with another app of the test (two instances on one PostgreSQL schema); `env`
 * adds to the app's environment (e.g. KAFKA_BROKERS).
 */
export async function startTestApp(kind: StoreKind, storeUrl?: string, env: NodeJS.ProcessEnv = {}, options: { logger?: LogSink } = {}): Promise<TestApp> {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-http-'));
  let url = storeUrl ?? `sqlite:${join(folder, 'store.db')}`;
  if (kind === 'postgres' && storeUrl === undefined) {
    const pg = new URL(testDatabaseUrl());
    pg.searchParams.set('schema', freshSchemaName('http'));
    url = pg.toString();
  }
  if (kind === 'kurrentdb' && storeUrl === undefined) url = freshKurrentDbUrl('http');
  const readModels = kind === 'kurrentdb' ? { READ_MODEL_URL: `sqlite:${join(folder, 'read-models.db')}` } : {};
  const running = await bootstrap(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, EVENT_STORE_URL: url, JWT_SECRET: SECRET, PRIVACY_MASTER_KEY: TEST_PRIVACY_MASTER_KEY, ...readModels, ...env },
    { logger: options.logger ?? false },
  );
  const store = running.app.get<EventStore>(EVENT_STORE);
  return {
    running,
    store,
    url,
    token: (role, userId) => signToken(SECRET, { role, userId }),
    async request(method, path, options = {}) {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body, headers: response.headers };
    },
    async events(streamId) {
      const events: StoredEvent[] = [];
      for await (const event of streamId ? store.readStream(streamId) : store.readAll()) events.push(event);
      return events;
    },
    close: () => running.app.close(),
  };
}
