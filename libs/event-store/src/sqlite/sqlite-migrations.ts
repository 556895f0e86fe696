/** Versioned schema of the SQLite event store. Append new versions; never edit a released one. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  // 1: events, in one global order by position; stream revisions unique per stream.
  `CREATE TABLE es_events (
     position        INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id        TEXT    NOT NULL UNIQUE,
     stream_id       TEXT    NOT NULL,
     stream_revision INTEGER NOT NULL,
     type            TEXT    NOT NULL,
     schema_version  INTEGER NOT NULL,
     data            TEXT    NOT NULL,
     metadata        TEXT    NOT NULL,
     occurred_at     INTEGER NOT NULL,
     recorded_at     INTEGER NOT NULL,
     UNIQUE (stream_id, stream_revision)
   )`,
];
