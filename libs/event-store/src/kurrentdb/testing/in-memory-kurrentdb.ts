/**
 * A model of a KurrentDB server behind the client's API, in memory: what the adapter's tests use where there is no
 * server (as on the machine this was written on). It follows what KurrentDB documents and the adapter relies on —
 * positions `{ commit, prepare }` that grow with the log, `$all` read from a position inclusively and subscribed to
 * exclusively, server-side filters on the stream name or the event type, a stream's revision checked on append, the
 * server's own idempotency (the same ids at the expected revision, or found by ANY: a success that writes nothing,
 * whatever their content), caught-up markers, system (`$`) and other services' streams in `$all` — and can be told
 * to fail: lose the connection, or name a caught-up position past the next event (KurrentDB issue #4970).
 *
 * It is a model written from the documentation, not KurrentDB: what it proves is that the adapter does right by
 * those rules. The conformance suite on a real server (`npm run test:kurrentdb`) is what proves the rules.
 */
import { EventEmitter } from 'node:events';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendResult,
  AppendStreamState,
  Filter,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentDbClient } from '../kurrentdb-client';

interface ModelRecord {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly created: Date;
  readonly data: unknown;
  readonly metadataText: string | undefined;
  readonly position: Position;
}

interface EventInput {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: unknown;
  readonly metadata?: unknown;
}

export interface ModelOptions {
  /** The position an append answers with: its first event's (default; the adapter then reads the last), or its last's. */
  readonly appendPosition?: 'first' | 'last';
  /** Caught-up messages name the position the next event will have (KurrentDB issue #4970), not the last one. */
  readonly caughtUpPastNext?: boolean;
  /** The server's MaxAppendSize: an append of more bytes is refused (KurrentDB's default is 1 MiB). */
  readonly maxAppendBytes?: number;
}

export interface ModelClient extends KurrentDbClient {
  /** Every open subscription of this client fails as a lost connection (the adapter subscribes again). */
  dropSubscriptions(): void;
}

export class InMemoryKurrentDb {
  private readonly log: ModelRecord[] = [];
  private readonly streams = new Map<string, ModelRecord[]>();
  /** Bytes of log so far: where the next record goes (a fresh KurrentDB's first records are its own). */
  private logEnd = 4096n;
  private readonly subscriptions = new Set<ModelSubscription>();

  constructor(private readonly options: ModelOptions = {}) {
    // What a real `$all` holds besides a store's events: the server's own, and another service's (same type names).
    this.write('$stats-127.0.0.1:2113', [{ id: crypto.randomUUID(), type: '$statsCollected', contentType: 'application/json', data: {} }]);
    this.write('other-service-1', [{ id: crypto.randomUUID(), type: 'LeadCaptured', contentType: 'application/json', data: { foreign: true } }]);
  }

  /** Events another writer (another service, an operator) puts straight into a stream. */
  writeRaw(streamName: string, type: string, data: unknown, metadata?: unknown): void {
    this.write(streamName, [{ id: crypto.randomUUID(), type, contentType: 'application/json', data, metadata }]);
  }

  /** A client connected to this server: each store instance gets its own, as each process would. */
  client(): ModelClient {
    return this.connect(this);
  }

  /** A client of `server` (this model; a parameter rather than an alias of `this`, for the closures below). */
  private connect(server: InMemoryKurrentDb): ModelClient {
    const opened = new Set<ModelSubscription>();
    let disposed = false;
    const checkConnected = (): void => {
      if (disposed) throw failure('CancelledError', 'cancelled', 'the client was disposed');
    };
    const client = {
      async appendToStream(streamName: string, events: EventInput | EventInput[], options: { streamState?: AppendStreamState } = {}): Promise<AppendResult> {
        await tick();
        checkConnected();
        return server.append(streamName, Array.isArray(events) ? events : [events], options.streamState ?? 'any');
      },
      readStream(streamName: string, options: ReadStreamOptions = {}) {
        return (async function* () {
          await tick();
          checkConnected();
          yield* server.readStream(streamName, options).map((record) => ({ event: recorded(record) }));
        })();
      },
      readAll(options: ReadAllOptions = {}) {
        return (async function* () {
          await tick();
          checkConnected();
          yield* server.readAll(options).map((record) => ({ event: recorded(record), commitPosition: record.position.commit }));
        })();
      },
      subscribeToAll(options: SubscribeToAllOptions = {}) {
        checkConnected();
        const subscription = new ModelSubscription(server, options, server.options.caughtUpPastNext ?? false, () => {
          opened.delete(subscription);
          server.subscriptions.delete(subscription);
        });
        opened.add(subscription);
        server.subscriptions.add(subscription);
        subscription.start();
        return subscription as unknown as AllStreamSubscription;
      },
      async dispose() {
        disposed = true;
        for (const subscription of [...opened]) await subscription.unsubscribe();
      },
      dropSubscriptions() {
        for (const subscription of [...opened]) subscription.lose();
      },
    };
    return client as unknown as ModelClient;
  }

  /** The stream state checks and KurrentDB's own idempotency, as documented for its append. */
  private append(streamName: string, events: EventInput[], state: AppendStreamState): AppendResult {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const conflict = () => failure('WrongExpectedVersionError', 'wrong-expected-version', 'wrong expected version', {
      streamName,
      expectedState: state,
      actualState: current < 0 ? 'no_stream' : BigInt(current),
    });
    const bytes = events.reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event.data ?? null)) + (event.metadata instanceof Uint8Array ? event.metadata.length : 0), 0);
    if (this.options.maxAppendBytes !== undefined && bytes > this.options.maxAppendBytes) {
      throw failure('MaxAppendSizeExceededError', 'maximum-append-size-exceeded', 'append too large', { maxAppendSize: this.options.maxAppendBytes });
    }
    const repeat = (stored: ModelRecord[]): AppendResult => ({ success: true, nextExpectedRevision: stored.at(-1)!.revision, position: undefined });
    if (state === 'any' || state === 'stream_exists') {
      if (state === 'stream_exists' && current < 0) throw conflict();
      // ANY: ids the stream holds are taken as a repeat, compared by id alone.
      const found = stream.filter((record) => events.some((event) => event.id === record.id));
      if (found.length === events.length) return repeat(found);
      if (found.length > 0) throw conflict();
    } else {
      const expected = state === 'no_stream' ? -1 : Number(state);
      if (expected > current) throw conflict();
      if (expected < current) {
        // The same ids right after the expected revision: the first try of this append, answered again.
        const after = stream.slice(expected + 1, expected + 1 + events.length);
        if (after.length === events.length && after.every((record, index) => record.id === events[index]!.id)) return repeat(after);
        throw conflict();
      }
    }
    const written = this.write(streamName, events);
    const named = this.options.appendPosition === 'last' ? written.at(-1)! : written[0]!;
    return { success: true, nextExpectedRevision: written.at(-1)!.revision, position: named.position };
  }

  private write(streamName: string, events: EventInput[]): ModelRecord[] {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const created = new Date();
    const written = events.map((event) => {
      const data = event.contentType === 'application/json' ? (JSON.parse(JSON.stringify(event.data)) as unknown) : event.data;
      const metadataText =
        event.metadata === undefined ? undefined : event.metadata instanceof Uint8Array ? Buffer.from(event.metadata).toString('utf8') : JSON.stringify(event.metadata);
      const position = { commit: this.logEnd, prepare: this.logEnd };
      this.logEnd += BigInt(120 + JSON.stringify(data ?? null).length + (metadataText?.length ?? 0));
      const record: ModelRecord = { streamId: streamName, id: event.id, type: event.type, revision: BigInt(stream.length), created, data, metadataText, position };
      stream.push(record);
      this.log.push(record);
      return record;
    });
    for (const subscription of this.subscriptions) subscription.appended(written);
    return written;
  }

  private readStream(streamName: string, options: ReadStreamOptions): ModelRecord[] {
    const stream = this.streams.get(streamName);
    if (!stream || stream.length === 0) throw failure('StreamNotFoundError', 'stream-not-found', `${streamName} not found`);
    const { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    const count = Number(maxCount);
    if (direction === 'forwards') {
      const from = fromRevision === 'start' ? 0 : fromRevision === 'end' ? stream.length : Number(fromRevision);
      return stream.slice(from, from + count);
    }
    // Backwards from past the end starts at the last event, as the server does.
    const from = fromRevision === 'end' ? stream.length - 1 : fromRevision === 'start' ? 0 : Math.min(Number(fromRevision), stream.length - 1);
    return stream.slice(Math.max(0, from - count + 1), from + 1).reverse();
  }

  private readAll(options: ReadAllOptions): ModelRecord[] {
    const { fromPosition = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER, filter } = options;
    const count = Number(maxCount);
    const matching: ModelRecord[] = [];
    const ordered = direction === 'forwards' ? this.log : [...this.log].reverse();
    for (const record of ordered) {
      if (matching.length >= count) break;
      if (fromPosition === (direction === 'forwards' ? 'end' : 'start')) break;
      if (typeof fromPosition === 'object') {
        const order = compare(record.position, fromPosition);
        if (direction === 'forwards' ? order < 0 : order > 0) continue;
      }
      if (passes(record, filter)) matching.push(record);
    }
    return matching;
  }

  /** Records after `after` (exclusive) that pass `filter`, and the log's end, for a subscription's catch-up. */
  recordsAfter(after: Position | 'start' | 'end', filter: Filter | undefined): ModelRecord[] {
    if (after === 'end') return [];
    return this.log.filter((record) => (after === 'start' || compare(record.position, after) > 0) && passes(record, filter));
  }

  get lastPosition(): Position | undefined {
    return this.log.at(-1)?.position;
  }

  get nextPosition(): Position {
    return { commit: this.logEnd, prepare: this.logEnd };
  }
}

/** A subscription to `$all` as the client's: an event emitter of 'data', 'caughtUp', 'error', with pause and resume. */
class ModelSubscription extends EventEmitter {
  private readonly queue: Array<{ kind: 'event'; record: ModelRecord } | { kind: 'caught-up' }> = [];
  private paused = false;
  private closed = false;
  private caughtUp = false;
  private pumping = false;

  constructor(
    private readonly server: InMemoryKurrentDb,
    private readonly options: SubscribeToAllOptions,
    private readonly caughtUpPastNext: boolean,
    private readonly onEnd: () => void,
  ) {
    super();
  }

  start(): void {
    setImmediate(() => {
      if (this.closed) return;
      const from = this.options.fromPosition ?? 'start';
      for (const record of this.server.recordsAfter(from, this.options.filter)) this.queue.push({ kind: 'event', record });
      this.queue.push({ kind: 'caught-up' });
      this.caughtUp = true;
      this.pump();
    });
  }

  appended(records: ModelRecord[]): void {
    // Before its catch-up read, a subscription finds these there.
    if (this.closed || !this.caughtUp) return;
    for (const record of records) if (passes(record, this.options.filter)) this.queue.push({ kind: 'event', record });
    this.pump();
  }

  pause(): this {
    this.paused = true;
    return this;
  }

  resume(): this {
    this.paused = false;
    this.pump();
    return this;
  }

  async unsubscribe(): Promise<void> {
    this.closed = true;
    this.onEnd();
  }

  lose(): void {
    if (this.closed) return;
    this.closed = true;
    this.onEnd();
    setImmediate(() => this.emit('error', failure('UnavailableError', 'unavailable', '14 UNAVAILABLE: the connection was lost (model)')));
  }

  /** Delivers what is queued a turn later, as a network would, while not paused. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      let sent = 0;
      while (!this.closed && !this.paused && this.queue.length > 0) {
        // The caught-up message comes in a message of its own, after the events before it were taken.
        if (this.queue[0]!.kind === 'caught-up' && sent > 0) {
          this.pump();
          return;
        }
        const item = this.queue.shift()!;
        sent += 1;
        if (item.kind === 'caught-up') {
          const position = this.caughtUpPastNext ? this.server.nextPosition : this.server.lastPosition;
          this.emit('caughtUp', { date: new Date(), ...(position ? { position } : {}) });
        } else {
          const resolved: AllStreamResolvedEvent = { event: recorded(item.record) as AllStreamResolvedEvent['event'], commitPosition: item.record.position.commit };
          this.emit('data', resolved);
        }
      }
    });
  }
}

function recorded(record: ModelRecord) {
  return {
    streamId: record.streamId,
    id: record.id,
    revision: record.revision,
    type: record.type,
    data: record.data,
    metadata: record.metadataText === undefined ? undefined : (JSON.parse(record.metadataText) as unknown),
    isJson: true as const,
    created: record.created,
    position: record.position,
  } as never;
}

function passes(record: ModelRecord, filter: Filter | undefined): boolean {
  if (filter === undefined) return true;
  const subject = filter.filterOn === 'streamName' ? record.streamId : record.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

function compare(a: Position, b: Position): number {
  return a.commit === b.commit ? Number(a.prepare - b.prepare) : Number(a.commit - b.commit);
}

/** An error as the client throws it: its class name and its `type`. */
export function failure(name: string, type: string, message: string, extra: Record<string, unknown> = {}): Error {
  const error = Object.assign(new Error(message), { type, ...extra });
  error.name = name;
  return error;
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
