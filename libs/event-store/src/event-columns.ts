import type { StoredEvent } from './event-store.port';

/**
 * A stored event as both stores' page, stream and lookup queries select it, in this order (each store's
 * EVENT_COLUMNS), data and metadata still JSON text: cheap to hand from a thread to another. PostgreSQL
 * adds its transaction id, the commit part of a position; on SQLite commit and prepare are the position.
 */
export type EventColumns = [
  position: number,
  eventId: string,
  streamId: string,
  streamRevision: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  occurredAt: number,
  recordedAt: number,
  transactionId?: number,
];

/** Decodes a row where the event is used. */
export function toStoredEvent(row: EventColumns): StoredEvent {
  return {
    eventId: row[1],
    type: row[4],
    schemaVersion: row[5],
    streamId: row[2],
    streamRevision: row[3],
    position: { commit: row[10] ?? row[0], prepare: row[0] },
    occurredAt: new Date(row[8]),
    recordedAt: new Date(row[9]),
    data: JSON.parse(row[6]) as unknown,
    metadata: JSON.parse(row[7]) as StoredEvent['metadata'],
  };
}
