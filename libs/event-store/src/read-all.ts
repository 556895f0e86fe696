import { positionOf, toStoredEvent } from './event-columns';
import type { ReadAllFrom, StoredEvent } from './event-store.port';
import type { RowPageReader } from './page-reader';
import type { RawPage } from './threaded-page-reader';
import type { CheckedReadAllOptions } from './read-options';

const HELD_BACK_FIRST_DELAY_MS = 5;
const HELD_BACK_MAX_DELAY_MS = 500;

/**
 * Streams the global order page by page, fetching the next page while the caller works through the
 * current one (at most two pages in memory), or, for a reader that reads synchronously (readsAhead false),
 * once the caller has taken the current one: read early, a page's rows outlived a collection or two while the
 * one before was taken, and readAll on SQLite ran at 0.7 × a plain loop over the same rows (1.0 without).
 * It returns every event committed before the call: where
 * some are held back behind an older transaction still in flight (PostgreSQL), it waits for that
 * transaction rather than end early or deliver out of order. Each event is decoded as it is taken, not a page
 * at a time: decoded events then die young, and a page of them no longer outlives a collection or two (which had
 * made the collector a quarter of readAll's time).
 */
export async function* readAllInPages(reader: RowPageReader, options: CheckedReadAllOptions): AsyncGenerator<StoredEvent> {
  const { batchSize: limit, filter, untilPosition, untilRecordedAt } = options;
  const heldBackBefore = await reader.readCutoff();
  const read = (after: ReadAllFrom): Promise<RawPage> =>
    reader.readRows({ after, limit, filter, untilPosition, untilRecordedAt, heldBackBefore });
  let after = options.from;
  let delay = HELD_BACK_FIRST_DELAY_MS;
  const readsAhead = reader.readsAhead !== false;
  let pending: Promise<RawPage> | undefined = read(after);
  try {
    while (pending) {
      const page: RawPage = await pending;
      const lastRow = page.rows.at(-1);
      after = lastRow === undefined ? after : positionOf(lastRow);
      const from = after;
      let next: (() => Promise<RawPage>) | undefined;
      if (page.rows.length === limit) {
        next = () => read(from);
      } else if (page.heldBack) {
        const wait = delay;
        next = () => new Promise((resolve) => setTimeout(resolve, wait)).then(() => read(from));
        delay = Math.min(delay * 2, HELD_BACK_MAX_DELAY_MS);
      }
      pending = readsAhead ? next?.() : undefined;
      for (const row of page.rows) yield toStoredEvent(row);
      if (!readsAhead) pending = next?.();
    }
  } finally {
    // The caller stopped early: a prefetch still running must not surface as an unhandled rejection.
    pending?.catch(() => undefined);
  }
}
