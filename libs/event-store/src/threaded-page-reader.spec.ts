/**
 * Catch-up pages read on a thread (ThreadedPageReader over a real SQLite file and a real PostgreSQL): the
 * same pages as the store reads itself, for every kind of query; the store's own read when the thread
 * cannot open the database; and a subscription that asks for a thread delivers exactly what one without
 * does, then follows live appends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchemaName, testDatabaseUrl } from '../../../test/support/postgres';
import { toPlainEvent } from './event-columns';
import type { EventStore, NewEvent, ReadAllFrom, StoredEvent } from './event-store.port';
import type { Page, PageQuery, PageReader } from './page-reader';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { ThreadedPageReader } from './threaded-page-reader';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-page-thread-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function event(type: string, n: number): NewEvent {
  return { eventId: crypto.randomUUID(), type, data: { n, text: `é ${n} "quoted"` }, metadata: { correlationId: `c-${n}`, causationId: null, actor: { userId: 'rep-1', role: 'hunter' } }, occurredAt: new Date(1_700_000_000_000 + n) };
}

type Kind = 'sqlite' | 'postgres';
type Store = EventStore & PageReader;

interface Opened {
  readonly store: Store;
  /** A reader with its thread on this store's database, or (broken) on one that does not exist. */
  threaded(broken?: boolean): ThreadedPageReader;
}

async function storeWithHistory(kind: Kind, streams = 30, perStream = 20): Promise<Opened> {
  let opened: Opened;
  if (kind === 'sqlite') {
    const file = join(folder, `${Math.random().toString(36).slice(2, 10)}.db`);
    const store = await SqliteEventStore.open({ path: file });
    opened = {
      store,
      threaded: (broken) => new ThreadedPageReader({ kind: 'sqlite', file: broken ? join(folder, 'no-such-file.db') : file }, store),
    };
  } else {
    const schema = freshSchemaName('page_thread');
    const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema });
    opened = {
      store,
      threaded: (broken) =>
        new ThreadedPageReader({ kind: 'postgres', connectionString: testDatabaseUrl(), table: `"${broken ? 'no_such_schema' : schema}".es_events` }, store),
    };
  }
  const { store } = opened;
  for (let s = 0; s < streams; s += 1) {
    await store.append(`${s % 2 === 0 ? 'lead' : 'deal'}-${s}`, Array.from({ length: perStream }, (_, i) => event(i % 3 === 0 ? 'Odd' : 'Even', s * perStream + i)), {
      expectedRevision: 'no-stream',
    });
  }
  return opened;
}

/** A page with its events as plain objects: a catch-up thread's events parse their metadata when first read (an accessor). */
function plainPage(page: Page): Page {
  return { ...page, events: page.events.map(toPlainEvent) };
}

/** The position of the n-th event (from 1): SQLite counts them; PostgreSQL's commit part is a transaction id. */
async function positionOf(store: Store, n: number): Promise<StoredEvent['position']> {
  return (await store.readPage({ after: 'start', limit: n })).events[n - 1]!.position;
}

/** Queries by the number of the event they start after or stop at (0: the start). */
const QUERIES: ReadonlyArray<[string, { after: number; until?: number } & Omit<PageQuery, 'after' | 'untilPosition'>]> = [
  ['from the start', { after: 0, limit: 100 }],
  ['after a position', { after: 250, limit: 100 }],
  ['the last page, not full', { after: 550, limit: 100 }],
  ['filtered by type', { after: 0, limit: 70, filter: { eventTypes: ['Odd'] } }],
  ['filtered by stream prefix, not full', { after: 300, limit: 500, filter: { streamPrefix: 'deal-' } }],
  ['up to a position', { after: 0, limit: 1000, until: 123 }],
  ['up to a recording time', { after: 0, limit: 1000, untilRecordedAt: Date.now() + 60_000 }],
];

const KINDS: Kind[] = ['sqlite', 'postgres'];

describe.each(KINDS)('ThreadedPageReader on %s', (kind) => {
  it.each(QUERIES)('reads on its thread the very page the store reads itself: %s', async (_, { after, until, ...rest }) => {
    const { store, threaded } = await storeWithHistory(kind);
    const reader = threaded();
    try {
      const query: PageQuery = {
        ...rest,
        after: after === 0 ? 'start' : await positionOf(store, after),
        ...(until !== undefined ? { untilPosition: await positionOf(store, until) } : {}),
      };
      const own = await store.readPage(query);
      const threaded = await reader.readPage(query);
      expect(own.events.length).toBeGreaterThan(0);
      // Metadata is parsed when first read (an accessor): compared as plain copies, and read directly.
      expect(plainPage(threaded)).toEqual(own);
      expect(threaded.events.map((stored) => stored.metadata)).toEqual(own.events.map((stored) => stored.metadata));
      expect(JSON.parse(JSON.stringify(threaded))).toEqual(JSON.parse(JSON.stringify(own)));
      expect(threaded.events[0]!.occurredAt).toBeInstanceOf(Date);
      expect(reader.pagesFromThread).toBe(1);
    } finally {
      await reader.close();
      await store.close();
    }
  });

  it('reads the page after a full one ahead, yet every page is what the store reads when it is asked for', async () => {
    const { store, threaded } = await storeWithHistory(kind, 6, 50);
    const reader = threaded();
    try {
      // Six full pages of 50; the thread reads each next one ahead, the last time an empty one.
      let after: ReadAllFrom = 'start';
      const seen: string[] = [];
      for (let n = 0; n < 6; n += 1) {
        const query: PageQuery = { after, limit: 50 };
        const page = await reader.readPage(query);
        expect(plainPage(page)).toEqual(await store.readPage(query));
        if (n === 2) {
          // Another query after a page read ahead of it: read as asked.
          const other: PageQuery = { after, limit: 30, filter: { eventTypes: ['Odd'] } };
          expect(plainPage(await reader.readPage(other))).toEqual(await store.readPage(other));
        }
        seen.push(...page.events.map((stored) => stored.eventId));
        after = page.events.at(-1)!.position;
      }
      // Appended after the thread read the (empty) page beyond the sixth: the next page holds them.
      await store.append('lead-late', [event('Even', 7000), event('Odd', 7001), event('Even', 7002)], { expectedRevision: 'no-stream' });
      const last = await reader.readPage({ after, limit: 50 });
      expect(last.events.map((stored) => stored.data)).toEqual([7000, 7001, 7002].map((n) => ({ n, text: `é ${n} "quoted"` })));
      seen.push(...last.events.map((stored) => stored.eventId));
      expect(new Set(seen).size).toBe(303);
      expect(reader.pagesFromThread).toBe(8);
    } finally {
      await reader.close();
      await store.close();
    }
  });

  it('reads with the store when the thread cannot read the database, and gives the same pages', async () => {
    const { store, threaded } = await storeWithHistory(kind, 5, 10);
    const reader = threaded(true);
    try {
      const query: PageQuery = { after: 'start', limit: 20 };
      expect(await reader.readPage(query)).toEqual(await store.readPage(query));
      const later: PageQuery = { ...query, after: await positionOf(store, 20) };
      expect(await reader.readPage(later)).toEqual(await store.readPage(later));
      expect(reader.pagesFromThread).toBe(0);
    } finally {
      await reader.close();
      await store.close();
    }
  });

  it('serves a subscription that asks for it: the same events as without, in order, then live appends', async () => {
    const { store } = await storeWithHistory(kind, 40, 30);
    try {
      const collect = async (catchUpThread: boolean, extra: number): Promise<StoredEvent[]> => {
        const seen: StoredEvent[] = [];
        const subscription = store.subscribe({ from: 'start', batchSize: 64, catchUpThread });
        for await (const stored of subscription) {
          seen.push(stored);
          if (seen.length === 1200 + extra) break;
        }
        return seen;
      };
      const plain = await collect(false, 0);
      const threaded = await collect(true, 0);
      expect(threaded.map(toPlainEvent)).toEqual(plain);
      expect(new Set(threaded.map((stored) => stored.eventId)).size).toBe(1200);

      // Live: an append after the catch-up arrives through the same subscription.
      const subscription = store.subscribe({ from: threaded.at(-1)!.position, catchUpThread: true });
      const next = subscription[Symbol.asyncIterator]().next();
      await store.append('lead-live', [event('Odd', 9999)], { expectedRevision: 'no-stream' });
      const live = await next;
      expect(live.value).toMatchObject({ streamId: 'lead-live', streamRevision: 0, data: { n: 9999 } });
      await subscription.close();
    } finally {
      await store.close();
    }
  });
});
