import type { StoredEvent } from './event-store.port';
import type { Page, PageReader } from './page-reader';
import type { CheckedReadAllOptions } from './read-options';

/**
 * Streams the global order page by page, fetching the next page while the caller works through the
 * current one; at most two pages are in memory.
 */
export async function* readAllInPages(reader: PageReader, options: CheckedReadAllOptions): AsyncGenerator<StoredEvent> {
  const { batchSize: limit, filter, untilPosition, untilRecordedAt } = options;
  let pending: Promise<Page> | undefined = reader.readPage({ after: options.from, limit, filter, untilPosition, untilRecordedAt });
  try {
    while (pending) {
      const { events }: Page = await pending;
      pending =
        events.length === limit
          ? reader.readPage({ after: events[limit - 1]!.position, limit, filter, untilPosition, untilRecordedAt })
          : undefined;
      yield* events;
    }
  } finally {
    // The caller stopped early: a prefetch still running must not surface as an unhandled rejection.
    pending?.catch(() => undefined);
  }
}
