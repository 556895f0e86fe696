import type { StoredEvent } from './event-store.port';
import type { CheckedReadStreamOptions } from './read-options';

const STREAM_PAGE_SIZE = 500;

/** One page of one stream, from `fromRevision` inclusive, in `direction`. */
type StreamPageReader = (
  streamId: string,
  fromRevision: number,
  direction: CheckedReadStreamOptions['direction'],
  limit: number,
) => Promise<StoredEvent[]>;

/** Streams one stream in pages, so that a stream of any length is never held in memory whole. */
export async function* readStreamInPages(
  readPage: StreamPageReader,
  streamId: string,
  options: CheckedReadStreamOptions,
): AsyncGenerator<StoredEvent> {
  const forwards = options.direction === 'forwards';
  let next = options.fromRevision ?? (forwards ? 0 : Number.MAX_SAFE_INTEGER);
  let remaining = options.maxCount;
  while (remaining > 0 && next >= 0) {
    const limit = Math.min(STREAM_PAGE_SIZE, remaining);
    const page = await readPage(streamId, next, options.direction, limit);
    yield* page;
    remaining -= page.length;
    if (page.length < limit) return;
    next = page[page.length - 1]!.streamRevision + (forwards ? 1 : -1);
  }
}
