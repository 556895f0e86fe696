/** A row of the SQLite es_events table as the benchmarks' raw baselines read it (sqlite-migrations.ts). */
export interface SqliteRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_at: number;
  recorded_at: number;
}
