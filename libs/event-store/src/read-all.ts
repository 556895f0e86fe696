import type { ReadAllFrom, StoredEvent } from './event-store.port';
import type { Page, PageReader } from './page-reader';
import type { CheckedReadAllOptions } from './read-options';

const HELD_BACK_FIRST_DELAY_MS = 5;
const HELD_BACK_MAX_DELAY_MS = 500;

/**
 * Streams the global order page by page, fetching the next page while the caller works through the
 * current one; at most two pages are in memory. It returns every event committed before the call: where
 * some are held back behind an older transaction still in flight (PostgreSQL), it waits for that
 * transaction rather than end early or deliver out of order.
 */
export async function* readAllInPages(reader: PageReader, options: CheckedReadAllOptions): AsyncGenerator<StoredEvent> {
  const { batchSize: limit, filter, untilPosition, untilRecordedAt } = options;
  const heldBackBefore = await reader.readCutoff();
  const read = (after: ReadAllFrom): Promise<Page> =>
    reader.readPage({ after, limit, filter, untilPosition, untilRecordedAt, heldBackBefore });
  let after = options.from;
  let delay = HELD_BACK_FIRST_DELAY_MS;
  let pending: Promise<Page> | undefined = read(after);
  try {
    while (pending) {
      const page: Page = await pending;
      after = page.events.at(-1)?.position ?? after;
      const from = after;
      if (page.events.length === limit) {
        pending = read(from);
      } else if (page.heldBack) {
        pending = new Promise((resolve) => setTimeout(resolve, delay)).then(() => read(from));
        delay = Math.min(delay * 2, HELD_BACK_MAX_DELAY_MS);
      } else {
        pending = undefined;
      }
      yield* page.events;
    }
  } finally {
    // The caller stopped early: a prefetch still running must not surface as an unhandled rejection.
    pending?.catch(() => undefined);
  }
}
