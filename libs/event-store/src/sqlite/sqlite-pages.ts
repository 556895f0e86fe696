/**
 * The SQLite store's page of the global order (PageReader.readPage), on any connection to the file: the
 * store's own, or a read-only one on a catch-up thread (page-thread.ts). Rows come back as EventColumns
 * (better-sqlite3's raw mode), decoded by toStoredEvent where they are used.
 */
import type Database from 'better-sqlite3';
import type { EventColumns } from '../event-columns';
import type { PageQuery } from '../page-reader';
import type { RawPage } from '../threaded-page-reader';

/** The columns of EventColumns, in its order. */
export const EVENT_COLUMNS =
  'position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at';

export class SqlitePages {
  /** One prepared statement per shape of query (filters and bounds present or not). */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly head: Database.Statement<[], { position: number | null }>;

  constructor(private readonly db: Database.Database) {
    this.head = db.prepare('SELECT max(position) AS position FROM es_events');
  }

  read(query: PageQuery): RawPage {
    const conditions = ['position > @after'];
    const params: Record<string, unknown> = {
      after: query.after === 'start' ? 0 : query.after.prepare,
      limit: query.limit,
    };
    if (query.filter?.eventTypes) {
      conditions.push('type IN (SELECT value FROM json_each(@types))');
      params.types = JSON.stringify(query.filter.eventTypes);
    }
    if (query.filter?.streamPrefix !== undefined) {
      // length() counts characters as substr() does (a JavaScript length counts UTF-16 units).
      conditions.push('substr(stream_id, 1, length(@prefix)) = @prefix');
      params.prefix = query.filter.streamPrefix;
    }
    if (query.untilPosition) {
      conditions.push('position <= @untilPosition');
      params.untilPosition = query.untilPosition.prepare;
    }
    if (query.untilRecordedAt !== undefined) {
      conditions.push('recorded_at <= @untilRecordedAt');
      params.untilRecordedAt = query.untilRecordedAt;
    }
    const sql = `SELECT ${EVENT_COLUMNS} FROM es_events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT @limit`;
    let page = this.statements.get(sql);
    if (!page) {
      page = this.db.prepare(sql).raw(true);
      this.statements.set(sql, page);
    }
    const statement = page;
    const filtered = query.filter !== undefined;
    // One read transaction for the page and the head: a writer in another process cannot slip an event
    // in between the two.
    return this.db.transaction((): RawPage => {
      const rows = statement.all(params) as EventColumns[];
      if (!filtered || rows.length === query.limit) return { rows, heldBack: false };
      const head = this.head.get()?.position;
      const after = rows.at(-1)?.[0] ?? (params.after as number);
      const until = query.untilPosition?.prepare ?? Number.POSITIVE_INFINITY;
      const scanned = head == null ? undefined : Math.min(head, until);
      return { rows, heldBack: false, ...(scanned !== undefined && scanned > after ? { scannedTo: { commit: scanned, prepare: scanned } } : {}) };
    }).deferred();
  }
}
