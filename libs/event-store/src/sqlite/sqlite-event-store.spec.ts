import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import type { EventStore } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-sqlite-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const files = new WeakMap<EventStore, string>();
let count = 0;

async function openAt(path: string, idleRecheckMs?: number): Promise<EventStore> {
  const store = await SqliteEventStore.open({ path, idleRecheckMs, busyTimeoutMs: 100 });
  files.set(store, path);
  return store;
}

function fileOf(store: EventStore): string {
  const path = files.get(store);
  if (!path) throw new Error('not a store opened by this harness');
  return path;
}

/** Another connection to the same file, as another process would have. */
function rawConnection(store: EventStore): Database.Database {
  return new Database(fileOf(store), { timeout: 100 });
}

describeEventStoreConformance({
  name: 'SQLite',
  guarantees: { appendManyAtomic: true, eventIdsUniqueAcrossStreams: true, oneRecordedAtPerAppend: true, openWriters: 'serialise' },
  openStore: (options) => openAt(join(folder, `store-${++count}.db`), options?.idleRecheckMs),
  openSecondInstance: (store, options) => openAt(fileOf(store), options?.idleRecheckMs),
  async recordSchemaVersion(store, version) {
    const db = rawConnection(store);
    db.prepare('INSERT INTO es_schema (version, applied_at) VALUES (?, ?)').run(version, Date.now());
    db.close();
  },
  gap: {
    async holdOpenAppend(store, streamId, event) {
      const db = rawConnection(store);
      db.exec('BEGIN IMMEDIATE');
      db.prepare(
        `INSERT INTO es_events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at)
         VALUES (?, ?, 0, ?, 1, ?, ?, ?, ?)`,
      ).run(crypto.randomUUID(), streamId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), Date.now(), Date.now());
      const finish = async (sql: string): Promise<void> => {
        db.exec(sql);
        db.close();
      };
      return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
    },
    async naiveReadAfter(store, after) {
      const db = rawConnection(store);
      const rows = db
        .prepare('SELECT event_id AS eventId, position AS sequence FROM es_events WHERE position > ? ORDER BY position')
        .all(after) as Array<{ eventId: string; sequence: number }>;
      db.close();
      return rows;
    },
  },
});
