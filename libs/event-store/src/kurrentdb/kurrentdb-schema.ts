/**
 * The version of a KurrentDB store's layout (kurrentdb-envelope.ts), kept as events of one ordinary stream inside
 * the store's namespace, `<namespace>sales-ops-schema` — not a `$$` metadata stream, which needs rights a Sales-ops
 * user may not have. Each opening reads its last event: a newer version than this build knows refuses the store (as
 * on SQLite and PostgreSQL), an older one is brought up to date by appending the new version, once, whoever opens
 * the store first (the append expects the revision it read).
 */
import type { AppendStreamState, JSONEventData } from '@kurrent/kurrentdb-client';
import { newUuidV7 } from '../new-uuid-v7';
import { refuseNewerSchema } from '../schema-version';
import type { KurrentDbClient } from './kurrentdb-client';
import { isStreamNotFound } from './kurrentdb-errors';
import { SCHEMA_STREAM_ID } from './kurrentdb-filter';
import { toRevision } from './kurrentdb-positions';
import { exactStreamState } from './kurrentdb-stream-state';

/** Layout versions this build knows: 1, the envelope of kurrentdb-envelope.ts. Append, never change one. */
export const KURRENTDB_LAYOUT_VERSION = 1;

export const SCHEMA_EVENT_TYPE = 'SalesOpsStoreSchemaVersionRecorded';

export interface SchemaRecord {
  /** 0 when none is recorded (a new store). */
  readonly version: number;
  /** Revision of the record's stream, -1 when it has none. */
  readonly revision: number;
}

export function schemaStreamName(namespace: string): string {
  return namespace + SCHEMA_STREAM_ID;
}

/** The record's event: its data says which version, and that Sales-ops wrote it. */
export function schemaRecordEvent(version: number): JSONEventData {
  return { id: newUuidV7(), contentType: 'application/json', type: SCHEMA_EVENT_TYPE, data: { version, by: 'sales-ops' }, metadata: undefined };
}

export async function readSchemaRecord(client: KurrentDbClient, namespace: string): Promise<SchemaRecord> {
  try {
    for await (const resolved of client.readStream(schemaStreamName(namespace), { direction: 'backwards', fromRevision: 'end', maxCount: 1 })) {
      const event = resolved.event;
      if (!event) continue;
      const version = (event.data as { version?: unknown } | null)?.version;
      return { version: typeof version === 'number' && Number.isSafeInteger(version) ? version : 0, revision: toRevision(event.revision) };
    }
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
  }
  return { version: 0, revision: -1 };
}

/** Appends a version to the record, expecting the record as read (another process migrating first wins). */
export async function recordSchemaVersion(client: KurrentDbClient, namespace: string, version: number, after: SchemaRecord): Promise<void> {
  const streamState: AppendStreamState = exactStreamState(after.revision);
  await client.appendToStream(schemaStreamName(namespace), schemaRecordEvent(version), { streamState });
}

/** Refuses a store a newer build wrote; records this build's version on a new or older one. */
export async function migrateSchema(client: KurrentDbClient, namespace: string, where: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const record = await readSchemaRecord(client, namespace);
    refuseNewerSchema(where, record.version, KURRENTDB_LAYOUT_VERSION);
    if (record.version === KURRENTDB_LAYOUT_VERSION) return record.version;
    try {
      await recordSchemaVersion(client, namespace, KURRENTDB_LAYOUT_VERSION, record);
      return KURRENTDB_LAYOUT_VERSION;
    } catch (error) {
      // Another process recorded a version between the read and the append: read again.
      if ((error as { type?: unknown }).type !== 'wrong-expected-version' || attempt >= 5) throw error;
    }
  }
}
