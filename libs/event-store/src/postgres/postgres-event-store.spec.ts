import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freshSchemaName, testDatabaseUrl } from '../../../../test/support/postgres';
import { prepareEvents } from '../append-input';
import { anEvent, collect, describeEventStoreConformance } from '../conformance/event-store.conformance';
import { EventStoreUnavailableError, IncompatibleEventStoreError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { encodeAppendPayload, PostgresEventStore } from './postgres-event-store';
import { eventually } from '../../../../test/support/eventually';

const schemas = new WeakMap<EventStore, string>();

async function openIn(schema: string, idleRecheckMs?: number): Promise<PostgresEventStore> {
  const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema, idleRecheckMs, poolSize: 20 });
  schemas.set(store, schema);
  return store;
}

function schemaOf(store: EventStore): string {
  const schema = schemas.get(store);
  if (!schema) throw new Error('not a store opened by this harness');
  return schema;
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describeEventStoreConformance({
  name: 'PostgreSQL',
  guarantees: { appendManyAtomic: true, eventIdsUniqueAcrossStreams: true, oneRecordedAtPerAppend: true, openWriters: 'interleave' },
  openStore: (options) => openIn(freshSchemaName('es'), options?.idleRecheckMs),
  openSecondInstance: (store, options) => openIn(schemaOf(store), options?.idleRecheckMs),
  recordSchemaVersion: (store, version) =>
    withClient(async (client) => {
      await client.query(`INSERT INTO "${schemaOf(store)}".es_schema (version) VALUES ($1)`, [version]);
    }),
  gap: {
    async holdOpenAppend(store, streamId, event) {
      const schema = schemaOf(store);
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      await client.query('BEGIN');
      await client.query(`SELECT * FROM "${schema}".es_append($1, 'any', $2)`, [
        streamId,
        encodeAppendPayload(prepareEvents([event])),
      ]);
      const finish = async (sql: string): Promise<void> => {
        await client.query(sql);
        await client.end();
      };
      return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
    },
    naiveReadAfter: (store, after) =>
      withClient(async (client) => {
        const { rows } = await client.query<{ eventId: string; sequence: string }>(
          `SELECT event_id::text AS "eventId", position AS sequence FROM "${schemaOf(store)}".es_events
           WHERE position > $1 ORDER BY position`,
          [after],
        );
        return rows.map((row) => ({ eventId: row.eventId, sequence: Number(row.sequence) }));
      }),
  },
});

describe('PostgreSQL event store', () => {
  it('refuses to start on a cluster whose transaction ids went backwards', async () => {
    const schema = freshSchemaName('rewound');
    const store = await openIn(schema);
    await store.append('s', [anEvent()], { expectedRevision: 'no-stream' });
    await store.close();
    // What a logical restore into a younger cluster looks like: stored ids ahead of the cluster's counter.
    await withClient((client) =>
      client.query(`UPDATE "${schema}".es_events SET transaction_id = (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text::xid8`),
    );
    const error = await openIn(schema).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IncompatibleEventStoreError);
    expect((error as Error).message).toMatch(/transaction ids went backwards/);
  });

  it('says which server it cannot reach', async () => {
    const error = await PostgresEventStore.open({ connectionString: 'postgres://nobody@127.0.0.1:1/nowhere' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1\/nowhere/);
  });

  it('reads a page, whether events are held back behind an older transaction and how far a filtered read scanned, in one statement', async () => {
    const schema = freshSchemaName('pages');
    const store = await openIn(schema);
    // The statements the pages send, counted at the driver.
    const statements: string[] = [];
    const older = new pg.Client({ connectionString: testDatabaseUrl() });
    await older.connect();
    try {
      await store.append('before', [anEvent('Before')], { expectedRevision: 'no-stream' });
      const before = (await store.readPage({ after: 'start', limit: 10 })).events[0]!.position;
      // An older transaction still open (an append in flight), then an append that commits: it sorts after the
      // older one, so no page may take it yet.
      await older.query('BEGIN');
      await older.query(`SELECT * FROM "${schema}".es_append($1, 'any', $2)`, ['older', encodeAppendPayload(prepareEvents([anEvent('Older')]))]);
      await store.append('newer', [anEvent('Newer')], { expectedRevision: 'no-stream' });

      const query = pg.Client.prototype.query;
      const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
        statements.push(typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string }).text ?? ''));
        return (query as (...a: unknown[]) => unknown).apply(this, args) as never;
      });
      try {
        const all = await store.readPage({ after: 'start', limit: 10 });
        expect({ types: all.events.map((event) => event.type), heldBack: all.heldBack, scannedTo: all.scannedTo }).toEqual({ types: ['Before'], heldBack: true, scannedTo: undefined });
        const caughtUp = await store.readPage({ after: before, limit: 10 });
        expect({ types: caughtUp.events.map((event) => event.type), heldBack: caughtUp.heldBack }).toEqual({ types: [], heldBack: true });
        // A filter the held-back event matches: held back; one it does not: nothing held back, and the reader may
        // go on from the newest event below the older transaction.
        const matching = await store.readPage({ after: 'start', limit: 10, filter: { eventTypes: ['Newer'] } });
        expect({ types: matching.events.map((event) => event.type), heldBack: matching.heldBack, scannedTo: matching.scannedTo }).toEqual({ types: [], heldBack: true, scannedTo: before });
        const other = await store.readPage({ after: 'start', limit: 10, filter: { eventTypes: ['Unrelated'] } });
        expect({ types: other.events, heldBack: other.heldBack, scannedTo: other.scannedTo }).toEqual({ types: [], heldBack: false, scannedTo: before });
        // A full page says nothing held back: the reader reads on at once.
        const full = await store.readPage({ after: 'start', limit: 1 });
        expect({ types: full.events.map((event) => event.type), heldBack: full.heldBack }).toEqual({ types: ['Before'], heldBack: false });
      } finally {
        spy.mockRestore();
      }
      expect(statements.filter((text) => text.includes(`"${schema}".es_events`))).toHaveLength(5);

      await older.query('COMMIT');
      const after = await store.readPage({ after: 'start', limit: 10 });
      expect({ types: after.events.map((event) => event.type), heldBack: after.heldBack }).toEqual({ types: ['Before', 'Older', 'Newer'], heldBack: false });
    } finally {
      await older.end();
      await store.close();
    }
  });

  it('keeps delivering live events after its LISTEN connection is killed', async () => {
    const schema = freshSchemaName('listen');
    const subscriber = await openIn(schema, 3_600_000);
    const writer = await openIn(schema);
    try {
      const subscription = subscriber.subscribe();
      const received: string[] = [];
      const consuming = (async () => {
        for await (const event of subscription) {
          received.push(event.type);
          if (received.length === 2) break;
        }
      })();
      // The listener connects in the background: wait until it listens before testing it.
      await waitForAsync(() =>
        withClient(async (client) => {
          const { rowCount } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE query = 'LISTEN "es_events_${schema}"'`);
          return rowCount === 1;
        }),
      );
      await writer.append('s', [anEvent('BeforeKill')], { expectedRevision: 'no-stream' });
      await eventually(() => received.length === 1, { timeoutMs: 10_000, everyMs: 5 });
      const killed = await withClient(async (client) => {
        const { rowCount } = await client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "es_events_${schema}"'`,
        );
        return rowCount;
      });
      expect(killed).toBe(1);
      await writer.append('s', [anEvent('AfterKill')], { expectedRevision: 0 });
      await consuming;
      expect(received).toEqual(['BeforeKill', 'AfterKill']);
      expect(await collect(subscriber.readAll())).toHaveLength(2);
    } finally {
      await subscriber.close();
      await writer.close();
    }
  });
});

async function waitForAsync(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached in time');
}

describe('PostgreSQL event store across a server restart', () => {
  const script = resolve(__dirname, '../../../../infra/postgres/throwaway-cluster.sh');
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-restart-'));
  const port = String(30000 + (process.pid % 10000));
  const run = (...args: string[]): string => execFileSync('bash', [script, ...args], { encoding: 'utf8' }).trim();
  afterAll(() => run('stop', dir));

  it('reports the store unavailable while the server is down; appends and live subscriptions work again once it is back', async () => {
    const url = run('start', dir, port);
    // Re-checking every 50 ms, the subscription surely reads while the server is down.
    const store = await PostgresEventStore.open({ connectionString: url, idleRecheckMs: 50 });
    try {
      await store.append('s', [anEvent('Before')], { expectedRevision: 'no-stream' });
      const subscription = store.subscribe();
      const received: string[] = [];
      const consuming = (async () => {
        for await (const event of subscription) {
          received.push(event.type);
          if (received.length === 2) break;
        }
      })();
      await eventually(() => received.length === 1, { timeoutMs: 10_000, everyMs: 5 });
      run('pause', dir);
      await expect(store.append('s', [anEvent('During')], { expectedRevision: 0 })).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(await store.health()).toMatchObject({ kind: 'postgres', reachable: false });
      run('start', dir, port);
      await store.append('s', [anEvent('After')], { expectedRevision: 0 });
      expect((await collect(store.readStream('s'))).map((event) => event.type)).toEqual(['Before', 'After']);
      // The live subscription rode out the restart: it waited, reconnected its listener and carried on.
      await consuming;
      expect(received).toEqual(['Before', 'After']);
      expect(await store.health()).toMatchObject({ reachable: true, schemaVersion: 1 });
    } finally {
      await store.close();
    }
  });
});
