/**
 * readAll and headPosition over KurrentDB's `$all`, a page at a time. KurrentDB reads `$all` from a position
 * inclusively, while the port's positions are exclusive checkpoints: each page asks for one event more and drops what
 * is not after the position it started from. The next page is read while the caller works through this one.
 */
import type { RecordedEvent } from '@kurrent/kurrentdb-client';
import type { ReadAllFrom, StoredEvent } from '../event-store.port';
import { comparePositions, type GlobalPosition } from '../global-position';
import type { CheckedReadAllOptions } from '../read-options';
import { toGlobalPosition } from './kurrentdb-positions';

/** An event of `$all`: always with its position. */
export type AllEvent = RecordedEvent & { readonly position: NonNullable<RecordedEvent['position']> };

/** Up to `count` events of `$all` from `from` (inclusive), in `direction`, filtered on the server. */
export type AllPageRead = (from: ReadAllFrom | 'end', count: number, direction: 'forwards' | 'backwards') => Promise<AllEvent[]>;

export interface AllReadHooks {
  /** Whether the event is the store's to deliver (kurrentdb-filter.ts). */
  accepts(event: AllEvent): boolean;
  decode(event: AllEvent): StoredEvent;
  /** Throws once the store is closed: a read cut short by close() ends with EventStoreClosedError. */
  checkOpen(): void;
}

type Options = Pick<CheckedReadAllOptions, 'from' | 'batchSize' | 'untilPosition' | 'untilRecordedAt'>;

export async function* readAllPages(read: AllPageRead, options: Options, hooks: AllReadHooks): AsyncGenerator<StoredEvent> {
  const { batchSize, untilPosition, untilRecordedAt } = options;
  const fetch = async (from: ReadAllFrom): Promise<{ events: AllEvent[]; more: boolean }> => {
    const asked = batchSize + (from === 'start' ? 0 : 1);
    const events = await read(from, asked, 'forwards');
    return { events: events.filter((event) => isAfter(event, from)), more: events.length === asked };
  };
  let pending: Promise<{ events: AllEvent[]; more: boolean }> | undefined = fetch(options.from);
  try {
    while (pending) {
      const page: { events: AllEvent[]; more: boolean } = await pending;
      pending = undefined;
      const last = page.events.at(-1);
      const pastUntil = last !== undefined && untilPosition !== undefined && comparePositions(toGlobalPosition(last.position), untilPosition) >= 0;
      if (last !== undefined && page.more && !pastUntil) {
        pending = fetch(toGlobalPosition(last.position));
        pending.catch(() => undefined); // awaited on the next turn, unless the caller stops first
      }
      for (const event of page.events) {
        hooks.checkOpen();
        if (untilPosition !== undefined && comparePositions(toGlobalPosition(event.position), untilPosition) > 0) return;
        if (!hooks.accepts(event)) continue;
        // As of a time: skip what was recorded after it (the store's clock, KurrentDB's `created`).
        if (untilRecordedAt !== undefined && event.created.getTime() > untilRecordedAt) continue;
        yield hooks.decode(event);
      }
    }
  } finally {
    pending?.catch(() => undefined);
  }
}

const HEAD_PAGE = 100;

/** The position of the store's newest event, or 'start': `$all` read backwards until an event of the store's. */
export async function findHead(read: AllPageRead, accepts: (event: AllEvent) => boolean): Promise<ReadAllFrom> {
  let from: ReadAllFrom | 'end' = 'end';
  for (;;) {
    const asked = HEAD_PAGE + (from === 'end' ? 0 : 1);
    const events = await read(from, asked, 'backwards');
    const before = from;
    const page = before === 'end' ? events : events.filter((event) => comparePositions(toGlobalPosition(event.position), before as GlobalPosition) < 0);
    const newest = page.find(accepts);
    if (newest) return toGlobalPosition(newest.position);
    const oldest = page.at(-1);
    if (events.length < asked || oldest === undefined) return 'start';
    from = toGlobalPosition(oldest.position);
  }
}

function isAfter(event: AllEvent, from: ReadAllFrom): boolean {
  return from === 'start' || comparePositions(toGlobalPosition(event.position), from) > 0;
}
