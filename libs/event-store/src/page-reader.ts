/**
 * What an adapter gives the shared read machinery: one page of the global order at a time.
 * readAll and subscribe are built on it once (read-all.ts, catch-up-subscription.ts).
 */
import type { EventFilter, ReadAllFrom, StoredEvent } from './event-store.port';
import type { GlobalPosition } from './global-position';
import type { RawPage } from './threaded-page-reader';

export interface PageQuery {
  /** Exclusive. */
  readonly after: ReadAllFrom;
  readonly limit: number;
  readonly filter?: EventFilter;
  readonly untilPosition?: GlobalPosition;
  readonly untilRecordedAt?: number;
  /** Count as held back only events whose writer began before this cutoff (see readCutoff). */
  readonly heldBackBefore?: number;
}

export interface Page {
  /** Events after `after`, in global order, that are safe to deliver: nothing can ever commit before them. */
  readonly events: StoredEvent[];
  /**
   * Committed events exist beyond this page that are not yet safe to deliver (PostgreSQL: behind an
   * older transaction still in flight). The reader should look again shortly.
   */
  readonly heldBack: boolean;
  /**
   * For a filtered query whose page is not full: every event in scope up to this position is in `events`,
   * so a reader may go on after it rather than after its last event (and not read the events that did not
   * match again). Undefined when nothing lies beyond the page's last event or `after`.
   */
  readonly scannedTo?: GlobalPosition;
}

export interface PageReader {
  readPage(query: PageQuery): Promise<Page>;
  /**
   * A mark of "now" for heldBackBefore: events held back behind a transaction that began before it
   * were committed before the mark was taken. Undefined where nothing is ever held back (SQLite).
   */
  readCutoff(): Promise<number | undefined>;
  /** Position of the last committed event, or 'start' for an empty store. */
  headPosition(): Promise<ReadAllFrom>;
}

/** A reader that also gives its pages' rows undecoded: readAll decodes each event as it is taken. */
export interface RowPageReader extends PageReader {
  readRows(query: PageQuery): Promise<RawPage>;
  /**
   * Whether readAll should ask for the next page while its caller works through the current one (the default):
   * worth it where a page is a round trip. A reader whose reads run synchronously on this thread (SQLite) says
   * false: asked early, the next page is read at once all the same, and only lives longer.
   */
  readonly readsAhead?: boolean;
}
