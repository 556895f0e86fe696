/**
 * KurrentDB (EventStoreDB 22.6+, KurrentDB 25+) behind the port, through the official Node client
 * (@kurrent/kurrentdb-client). A thin shell: the layout of an event (kurrentdb-envelope.ts), what is read of `$all`
 * (kurrentdb-filter.ts), positions (kurrentdb-positions.ts), expected revisions (kurrentdb-stream-state.ts),
 * idempotent appends (kurrentdb-retry.ts), the schema record (kurrentdb-schema.ts) and subscriptions
 * (kurrentdb-subscription*.ts) are each decided in their own module.
 *
 * What differs from the SQL stores (the suite states it in its harness, and tests it):
 * - appendMany is not one transaction: KurrentDB has none across streams. Everything is checked first (input, and
 *   each stream's revision, so a conflict visible up front writes nothing), then the streams are appended one by one
 *   in the order given with event ids fixed before the first. A failure part-way (a connection lost, a writer that
 *   came in between) leaves the streams before it written; the same batch (same ids) run again answers those as
 *   stored (written: false) and writes the rest: it completes exactly once.
 * - One writer, the server, and no transaction a client holds open: nothing is ever held back, no gap to wait for.
 * - An event id is unique per stream, not across streams (no index of ids across streams).
 * - Checkpoints, personal-data keys, leases and read models have no tables here: they live in READ_MODEL_URL's
 *   database (open-event-store.ts, app-config.ts).
 */
import type { AllStreamResolvedEvent, AppendResult as ClientAppendResult, ReadPosition, RecordedEvent } from '@kurrent/kurrentdb-client';
import { checkExpectedRevision, checkStreamId, prepareAppends, prepareEvents, type PreparedEvent } from '../append-input';
import { EventStoreClosedError, EventStoreError, IncompatibleEventStoreError, InvalidEventStoreInputError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  ExpectedRevision,
  NewEvent,
  ReadAllFrom,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { resolveRetry } from '../idempotent-retry';
import { newUuidV7 } from '../new-uuid-v7';
import { checkReadAllOptions, checkReadStreamOptions, checkSubscribeOptions } from '../read-options';
import { readStreamInPages } from '../read-stream';
import { connectKurrentDb, type KurrentDbClient } from './kurrentdb-client';
import { appendIdOf, toEventData, toStoredEvent } from './kurrentdb-envelope';
import { isStreamNotFound, toStoreError, type FailureContext } from './kurrentdb-errors';
import { SCHEMA_STREAM_ID, storeFilter, type StoreFilter } from './kurrentdb-filter';
import { toClientPosition, toGlobalPosition, toRevision } from './kurrentdb-positions';
import { findHead, readAllPages, type AllEvent, type AllPageRead } from './kurrentdb-read-all';
import { hasCallerIds, writtenBy } from './kurrentdb-retry';
import { migrateSchema, readSchemaRecord } from './kurrentdb-schema';
import { exactStreamState, meetsExpectation, toStreamState, type CurrentRevision } from './kurrentdb-stream-state';
import { KurrentDbSubscription } from './kurrentdb-subscription';
import { describeKurrentDbTarget } from './kurrentdb-url';

export interface KurrentDbEventStoreOptions {
  /** A client connection string (parseKurrentDbUrl's `connectionString`: kurrentdb://…, without `namespace`). */
  readonly connectionString: string;
  /** Put before every stream name ('' or absent: none); see KurrentDbTarget. */
  readonly namespace?: string;
  /** A client to use instead of one for the connection string (a test's model, or a wrapped client). */
  readonly client?: KurrentDbClient;
}

/** Tries of an idempotent append whose stream another writer keeps moving ('any' or 'exists' expected). */
const MAX_CHECKED_ATTEMPTS = 10;
/** Streams of an appendMany whose revisions are read at once before it writes. */
const PREFLIGHT_CONCURRENCY = 8;

export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  private closed = false;
  private readonly namespace: string;
  private readonly target: string;
  private readonly everything: StoreFilter;
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly client: KurrentDbClient,
    options: KurrentDbEventStoreOptions,
  ) {
    this.namespace = options.namespace ?? '';
    this.target = describeKurrentDbTarget(options.connectionString);
    this.everything = storeFilter(this.namespace, undefined);
  }

  /** Connects and checks (or records) the store's schema version: a store a newer Sales-ops wrote is refused. */
  static async open(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    const client = options.client ?? (await connectKurrentDb(options.connectionString));
    const store = new KurrentDbEventStore(client, options);
    try {
      const where = `${store.target}${store.namespace === '' ? '' : ` (namespace ${store.namespace})`}`;
      await store.call(() => migrateSchema(client, store.namespace, where));
      return store;
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw error;
    }
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const name = this.streamName(streamId);
    const expected = checkExpectedRevision(options?.expectedRevision);
    const prepared = prepareEvents(events);
    return this.appendPrepared(streamId, name, prepared, expected, hasCallerIds(events));
  }

  /**
   * Not atomic (see the header): checked whole, each stream's revision checked, then written stream by stream in
   * order. A failure part-way leaves the streams before it written; the same batch again completes it exactly.
   */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const prepared = prepareAppends(appends).map((append, index) => ({
      ...append,
      name: this.streamName(append.streamId, `appends[${index}].streamId`),
      checked: hasCallerIds(appends[index]!.events),
    }));
    // A conflict that can be seen now writes nothing of any stream, as on a transactional store.
    await forEachLimited(prepared, PREFLIGHT_CONCURRENCY, async (append) => {
      const current = await this.currentRevision(append.name);
      if (meetsExpectation(append.expected, current)) return;
      // The stream moved past what the batch expects: a batch cut short and run again (its events are there), or a conflict.
      const stored = append.checked ? await this.findStored(append.name, append.events) : { found: [] };
      if (stored.found.length === 0) throw new WrongExpectedRevisionError(append.streamId, append.expected, current === -1 ? 'no-stream' : current);
      resolveRetry(append.streamId, append.events, stored.found); // a reused id fails here, before anything is written
    });
    const results: AppendResult[] = [];
    for (const append of prepared) {
      results.push(await this.appendPrepared(append.streamId, append.name, append.events, append.expected, append.checked));
    }
    return results;
  }

  private appendPrepared(streamId: string, name: string, events: PreparedEvent[], expected: ExpectedRevision, checked: boolean): Promise<AppendResult> {
    return checked ? this.appendChecked(streamId, name, events, expected) : this.appendNew(streamId, name, events, expected);
  }

  /** Ids the store generated: no event of the append can be stored yet, and the server's success means written. */
  private async appendNew(streamId: string, name: string, events: PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.send(streamId, name, events, expected, toStreamState(expected));
    const nextExpectedRevision = toRevision(result.nextExpectedRevision);
    // The server's position names the append as a whole: exactly the event's own for one event; for more, the last is read.
    const position =
      events.length === 1 && result.position !== undefined ? toGlobalPosition(result.position) : (await this.eventsAt(name, nextExpectedRevision, 1))[0]!.position;
    return { nextExpectedRevision, position, written: true };
  }

  /** Ids the caller fixed: the append may be a retry, decided by reading the stream (kurrentdb-retry.ts). */
  private async appendChecked(streamId: string, name: string, events: PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const { current, found } = await this.findStored(name, events);
      if (found.length > 0) return resolveRetry(streamId, events, found);
      // Sent with the revision just read where that meets the caller's expectation: a concurrent retry of the same
      // append then meets a conflict or the server's idempotency, never writes the events twice. On a stream others
      // keep moving, the last try sends the caller's own expectation ('any' must not fail for being busy).
      const tightened = attempt < MAX_CHECKED_ATTEMPTS && meetsExpectation(expected, current);
      const appendId = newUuidV7();
      let result: ClientAppendResult;
      try {
        result = await this.send(streamId, name, events, expected, tightened ? exactStreamState(current) : toStreamState(expected), appendId);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Moved under us. 'any' or 'exists' hold whatever it moved to: try again. Otherwise: our events, or a conflict.
        if (tightened && (expected === 'any' || expected === 'exists') && attempt < MAX_CHECKED_ATTEMPTS) continue;
        const again = await this.findStored(name, events);
        if (again.found.length > 0) return resolveRetry(streamId, events, again.found);
        throw error;
      }
      const last = toRevision(result.nextExpectedRevision);
      const readBack = await this.recordedAt(name, last - events.length + 1, events.length);
      switch (writtenBy(appendId, events, readBack.map((event) => ({ eventId: event.id, appendId: appendIdOf(event) })))) {
        case 'this-attempt':
          return { nextExpectedRevision: last, position: this.decode(readBack.at(-1)!).position, written: true };
        case 'another-attempt':
          return resolveRetry(streamId, events, readBack.map((event) => this.decode(event)));
        case 'not-these-events':
          if (attempt < MAX_CHECKED_ATTEMPTS) continue;
          throw new IncompatibleEventStoreError(`KurrentDB at ${this.target} answered an append of stream "${streamId}" with events it does not hold`);
      }
    }
  }

  private async send(
    streamId: string,
    name: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
    streamState: ReturnType<typeof toStreamState>,
    appendId?: string,
  ): Promise<ClientAppendResult> {
    const data = events.map((event) => toEventData(event, appendId));
    return this.call(() => this.client.appendToStream(name, data as never, { streamState }), { streamId, expected });
  }

  /** The stream's last revision, and its events that carry one of these ids (a whole read of the stream). */
  private async findStored(name: string, events: readonly PreparedEvent[]): Promise<{ current: CurrentRevision; found: StoredEvent[] }> {
    const ids = new Set(events.map((event) => event.eventId));
    const found: StoredEvent[] = [];
    let current = -1;
    await this.call(async () => {
      try {
        for await (const resolved of this.client.readStream(name)) {
          if (!resolved.event) continue;
          current = toRevision(resolved.event.revision);
          if (ids.has(resolved.event.id)) found.push(this.decode(resolved.event));
        }
      } catch (error) {
        if (!isStreamNotFound(error)) throw error;
      }
    });
    return { current, found };
  }

  private async currentRevision(name: string): Promise<CurrentRevision> {
    const [last] = await this.readStreamPage(name, 'end', 'backwards', 1);
    return last === undefined ? -1 : toRevision(last.revision);
  }

  private async recordedAt(name: string, fromRevision: number, count: number): Promise<RecordedEvent[]> {
    return this.readStreamPage(name, fromRevision, 'forwards', count);
  }

  private async eventsAt(name: string, fromRevision: number, count: number): Promise<StoredEvent[]> {
    return (await this.recordedAt(name, fromRevision, count)).map((event) => this.decode(event));
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    const name = this.streamName(streamId);
    const checked = checkReadStreamOptions(options);
    return readStreamInPages(
      async (_, fromRevision, direction, limit) => {
        // readStreamInPages starts a backwards read at MAX_SAFE_INTEGER: the stream's end, as KurrentDB says it.
        const from = direction === 'backwards' && fromRevision >= Number.MAX_SAFE_INTEGER ? 'end' : fromRevision;
        return (await this.readStreamPage(name, from, direction, limit)).map((event) => this.decode(event));
      },
      streamId,
      checked,
    );
  }

  private async readStreamPage(name: string, from: number | 'end', direction: 'forwards' | 'backwards', maxCount: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    await this.call(async () => {
      try {
        for await (const resolved of this.client.readStream(name, { fromRevision: from === 'end' ? 'end' : BigInt(from), direction, maxCount })) {
          if (resolved.event) events.push(resolved.event);
        }
      } catch (error) {
        // An unknown stream reads as empty.
        if (!isStreamNotFound(error)) throw error;
      }
    });
    return events;
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    this.assertOpen();
    const checked = checkReadAllOptions(options);
    const filter = storeFilter(this.namespace, checked.filter);
    return readAllPages(this.allPages(filter), checked, {
      accepts: (event) => filter.accepts(event.streamId, event.type),
      decode: (event) => this.decode(event),
      checkOpen: () => this.assertOpen(),
    });
  }

  private allPages(filter: StoreFilter): AllPageRead {
    return async (from, count, direction) => {
      this.assertOpen();
      const fromPosition: ReadPosition = from === 'start' ? 'start' : from === 'end' ? 'end' : toClientPosition(from);
      const events: AllEvent[] = [];
      await this.call(async () => {
        for await (const resolved of this.client.readAll({ fromPosition, maxCount: count, direction, filter: filter.server })) {
          if (resolved.event?.position) events.push(resolved.event as AllEvent);
        }
      });
      return events;
    };
  }

  subscribe(options?: SubscribeOptions): Subscription {
    this.assertOpen();
    const checked = checkSubscribeOptions(options);
    const filter = storeFilter(this.namespace, checked.filter);
    const start = checked.from === 'end' ? this.headPosition() : Promise.resolve(checked.from);
    start.catch(() => undefined); // surfaces from the subscription's first next()
    const subscription: Subscription = new KurrentDbSubscription(
      {
        open: (from) =>
          this.client.subscribeToAll({ fromPosition: from === 'start' ? 'start' : toClientPosition(from), filter: filter.server }),
        decode: (resolved: AllStreamResolvedEvent) =>
          resolved.event && filter.accepts(resolved.event.streamId, resolved.event.type) ? this.decode(resolved.event) : undefined,
        failure: (error) => toStoreError(error, { target: this.target, closed: this.closed }),
      },
      {
        start,
        batchSize: checked.batchSize,
        onStatus: options?.onStatus,
        onClose: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<ReadAllFrom> {
    this.assertOpen();
    return findHead(this.allPages(this.everything), (event) => this.everything.accepts(event.streamId, event.type));
  }

  async health(): Promise<EventStoreHealth> {
    try {
      this.assertOpen();
      const record = await this.call(() => readSchemaRecord(this.client, this.namespace));
      return { kind: 'kurrentdb', reachable: true, schemaVersion: record.version === 0 ? null : record.version };
    } catch (error) {
      return { kind: 'kurrentdb', reachable: false, schemaVersion: null, error: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose().catch(() => undefined);
  }

  /** The stream's name on the server: the namespace, then the id; refuses the ids KurrentDB or the store reserve. */
  private streamName(streamId: string, field = 'streamId'): string {
    checkStreamId(streamId, field);
    if (streamId === SCHEMA_STREAM_ID) throw new InvalidEventStoreInputError(field, `"${SCHEMA_STREAM_ID}" is reserved for the store's schema record`);
    if (this.namespace === '' && streamId.startsWith('$')) {
      throw new InvalidEventStoreInputError(field, 'must not start with $ on KurrentDB: such streams are its system streams');
    }
    return this.namespace + streamId;
  }

  private decode(event: RecordedEvent): StoredEvent {
    return toStoredEvent(event, this.namespace);
  }

  /** A call to the server, its failure as the store's typed error. */
  private async call<T>(work: () => Promise<T>, append?: FailureContext['append']): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // The store's own errors (decoding, a refused schema) are already what the caller gets.
      if (error instanceof EventStoreError) throw error;
      throw toStoreError(error, { target: this.target, closed: this.closed, ...(append ? { append } : {}) });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(workers);
}
