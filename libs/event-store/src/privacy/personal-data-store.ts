/**
 * The store as Sales-ops uses it: personal fields sealed on the way in, opened on the way out.
 *
 * Wraps an adapter. append() and appendMany() take the fields the catalogue marks personal out of each event and
 * seal them under their subject's key (personal-data-envelope.ts), so the adapter never sees them in clear. Reads
 * come in three views of the same store:
 * - `open` (the default): the fields opened, as the command path, process managers, GET /events and the CLI
 *   need them; an erased subject's fields are absent and listed in the event's `erasedFields`;
 * - `omit`: the fields left out, unread — for readers that need no personal data (projections): no key, no cost;
 * - `sealed`: as stored, except that an erased subject's ciphertext is dropped — what the relay publishes.
 */
import { newUuidV7 } from '../new-uuid-v7';
import { ROOT_OWNER_PREFIXES, personalFieldsOf, type PersonalFields } from '#libs/contracts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventStoreHealth,
  NewEvent,
  ReadAllFrom,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  SubscriptionStatus,
} from '../event-store.port';
import { withData } from '../event-columns';
import { SEALED_MEMBER, openFields, sealFields, sealedOf, valueAt, withFields, type SealedPersonalData } from './personal-data-envelope';
import { mappedInBatches, readyBatches } from './ready-batches';
import { SubjectKeyTakenError, appendsWithKeys } from './appends-with-keys';
import { randomBytesFromPool } from '../random-pool';
import { OpenedValues } from './opened-values';
import type { SubjectKeys } from './subject-keys';

export type PersonalDataView = 'open' | 'omit' | 'sealed';

/** A new subject's key, made for the append that brings its first personal data. */
interface FreshKey {
  readonly subjectId: string;
  readonly key: Buffer;
}

/** An event as sealed for the adapter, and the values it sealed (none when it holds no personal field). */
interface SealedEvent {
  readonly event: NewEvent;
  readonly values?: readonly unknown[];
}

/** The personal fields an event holds, as paths and as the dotted names its envelope lists. */
interface PresentFields {
  readonly paths: readonly (readonly string[])[];
  readonly names: readonly string[];
}

/** The values withFields puts at every path: none (each field removed). */
const NO_VALUES: readonly unknown[] = [];

/** Every personal field of a type, computed once: most events hold all of theirs. */
const allFieldsOf = new WeakMap<PersonalFields, PresentFields>();

function presentFields(fields: PersonalFields, data: Record<string, unknown>): PresentFields | undefined {
  let all = allFieldsOf.get(fields);
  if (all === undefined) {
    all = { paths: fields.paths, names: fields.paths.map((path) => path.join('.')) };
    allFieldsOf.set(fields, all);
  }
  if (all.paths.every((path) => valueAt(data, path) !== undefined)) return all;
  const paths = all.paths.filter((path) => valueAt(data, path) !== undefined);
  return paths.length === 0 ? undefined : { paths, names: paths.map((path) => path.join('.')) };
}

/** The event with its present personal fields taken out and sealed under `key` in its `$pii` member. */
function sealedWith(key: Buffer, subjectId: string, event: NewEvent, data: Record<string, unknown>, present: PresentFields): SealedEvent {
  const eventId = event.eventId ?? newUuidV7();
  const values = present.paths.map((path) => valueAt(data, path));
  // withFields builds a fresh object: the sealed member is added to it, not spread into another copy.
  const sealedData = withFields(data, present.paths, NO_VALUES);
  sealedData[SEALED_MEMBER] = sealFields(key, eventId, subjectId, present.names, values);
  return { event: { ...event, eventId, data: sealedData }, values };
}

/** Events opened per batch of a read: one key lookup each. */
const BATCH = 256;

export class PersonalDataStore implements EventStore {
  readonly kind: EventStore['kind'];

  constructor(
    private readonly inner: EventStore,
    readonly keys: SubjectKeys,
    readonly view: PersonalDataView = 'open',
    private readonly recent = new OpenedValues(),
  ) {
    this.kind = inner.kind;
  }

  /** The same store read another way (writes are the same in every view). */
  withView(view: PersonalDataView): PersonalDataStore {
    return view === this.view ? this : new PersonalDataStore(this.inner, this.keys, view, this.recent);
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const fresh = this.freshRootSubject(streamId, events, options);
    if (fresh !== undefined && appendsWithKeys(this.inner)) {
      // A new lead: its key goes in with its first events, in one transaction (no round trip of its own).
      const key = randomBytesFromPool(32);
      const sealed = await this.sealAll(events, { subjectId: fresh, key });
      try {
        const result = await this.inner.appendWithKeys(streamId, sealed.events, options, [{ subjectId: fresh, wrappedKey: this.keys.wrap(key) }]);
        this.keys.adopt(fresh, key);
        this.remember(sealed.values);
        return result;
      } catch (error) {
        // The subject has a key after all (a retried capture, another process): seal with that one.
        if (!(error instanceof SubjectKeyTakenError)) throw error;
      }
    }
    const sealed = await this.sealAll(events);
    const result = await this.inner.append(streamId, sealed.events, options);
    this.remember(sealed.values);
    return result;
  }

  /** The values of events just stored, as a reader would open them (a subscription is about to). */
  private remember(values: ReadonlyArray<readonly [string, readonly unknown[]]>): void {
    for (const [eventId, opened] of values) this.recent.set(eventId, opened);
  }

  /**
   * The root subject a new stream's append brings personal data for (a lead's stream, created by this append),
   * when its key is not known here: it is most likely new.
   */
  private freshRootSubject(streamId: string, events: readonly NewEvent[], options: AppendOptions): string | undefined {
    if (options?.expectedRevision !== 'no-stream' || !Array.isArray(events)) return undefined;
    if (!ROOT_OWNER_PREFIXES.some((prefix) => streamId.startsWith(prefix)) || this.keys.isKnown(streamId)) return undefined;
    const personal = events.some((event) => {
      const fields = event && typeof event === 'object' ? personalFieldsOf(event.type) : undefined;
      return fields?.rule.root === true && typeof event.data === 'object' && event.data !== null && fields.rule.owner(event.data as Record<string, unknown>) === streamId;
    });
    return personal ? streamId : undefined;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (!Array.isArray(appends)) return this.inner.appendMany(appends);
    const sealed: StreamAppend[] = [];
    const values: Array<readonly [string, readonly unknown[]]> = [];
    await Promise.all(
      appends.map(async (append, index) => {
        if (!append || !Array.isArray(append.events)) {
          sealed[index] = append;
          return;
        }
        const events = await this.sealAll(append.events);
        sealed[index] = { ...append, events: events.events };
        values.push(...events.values);
      }),
    );
    const results = await this.inner.appendMany(sealed);
    this.remember(values);
    return results;
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    return this.reading(this.inner.readStream(streamId, options));
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    return this.reading(this.inner.readAll(options));
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (this.view !== 'open') {
      const inner = this.inner.subscribe(options);
      const read = (event: StoredEvent): StoredEvent => (this.view === 'omit' ? omitted(event) : this.sealedAsPublished(event));
      return {
        get status() {
          return inner.status;
        },
        close: () => inner.close(),
        async *[Symbol.asyncIterator]() {
          for await (const event of inner) yield read(event);
        },
      };
    }
    return new OpenedSubscription(this.inner, options, (events) => this.opened(events), (event) => this.needsKeyLookup(event));
  }

  headPosition(): Promise<ReadAllFrom> {
    return this.inner.headPosition();
  }

  health(): Promise<EventStoreHealth> {
    return this.inner.health();
  }

  async close(): Promise<void> {
    await this.inner.close();
    await this.keys.close();
  }

  private reading(events: AsyncIterable<StoredEvent>): AsyncIterable<StoredEvent> {
    if (this.view === 'omit') return mapEach(events, omitted);
    if (this.view === 'sealed') return mapEach(events, (event) => this.sealedAsPublished(event));
    return mappedInBatches(events, BATCH, (batch) => this.opened(batch));
  }

  /** The events with their personal fields sealed, and the values sealed, by event id. */
  private async sealAll(events: readonly NewEvent[], fresh?: FreshKey): Promise<{ events: NewEvent[]; values: Array<readonly [string, readonly unknown[]]> }> {
    if (!Array.isArray(events)) return { events: events as NewEvent[], values: [] };
    const each = events.map((event) => this.seal(event, fresh));
    // Side by side: the new subjects of a batch (a day of the simulator, an import) get their keys in one statement.
    // Most appends need no lookup at all (the key is cached): they are sealed without a promise.
    const sealed = each.some((one) => one instanceof Promise) ? await Promise.all(each) : (each as SealedEvent[]);
    const values: Array<readonly [string, readonly unknown[]]> = [];
    for (const one of sealed) if (one.values !== undefined) values.push([one.event.eventId!, one.values]);
    return { events: sealed.map((one) => one.event), values };
  }

  /**
   * One event with its personal fields sealed (and the values sealed), and its owner linked to its subject; a
   * promise only when its subject or key has to be looked up or created.
   */
  private seal(event: NewEvent, fresh?: FreshKey): SealedEvent | Promise<SealedEvent> {
    const fields = event && typeof event === 'object' ? personalFieldsOf(event.type) : undefined;
    const data = event?.data as Record<string, unknown> | undefined;
    if (fields === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return { event };
    // The subject first, even for an event without personal values: an opening event links its owner to it.
    const subjectId = this.knownSubjectOf(fields, data);
    if (subjectId === undefined) return this.subjectOf(fields, data).then((id) => this.sealUnder(id, event, data, fields, fresh));
    return this.sealUnder(subjectId, event, data, fields, fresh);
  }

  private sealUnder(subjectId: string, event: NewEvent, data: Record<string, unknown>, fields: PersonalFields, fresh?: FreshKey): SealedEvent | Promise<SealedEvent> {
    const present = presentFields(fields, data);
    if (present === undefined) return { event };
    const key = fresh?.subjectId === subjectId ? fresh.key : this.keys.cachedKeyForWriting(subjectId, present.names[0]!);
    if (key === undefined) return this.keys.keyForWriting(subjectId, present.names[0]!).then((found) => sealedWith(found, subjectId, event, data, present));
    return sealedWith(key, subjectId, event, data, present);
  }

  /** The subject of an event's personal fields when known here without a lookup: a root's own, or a link cached. */
  private knownSubjectOf(fields: PersonalFields, data: Record<string, unknown>): string | undefined {
    const owner = fields.rule.owner(data);
    return fields.rule.root ? owner : this.keys.knownSubjectOfOwner(owner);
  }

  /** The subject of an event's personal fields: its owner's, which an opening event links to the one it came from. */
  private async subjectOf(fields: PersonalFields, data: Record<string, unknown>): Promise<string> {
    const owner = fields.rule.owner(data);
    if (fields.rule.root) return owner;
    const from = fields.rule.inheritsFrom?.(data);
    const linked = await this.keys.subjectsOfOwners(from === undefined ? [owner] : [owner, from]);
    if (linked.has(owner)) return linked.get(owner)!;
    if (from === undefined) return owner;
    return this.keys.linkOwner(owner, linked.get(from) ?? from);
  }

  /** A page of events with their personal fields opened (or, for an erased subject, listed as erased). */
  private async opened(events: StoredEvent[]): Promise<StoredEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) {
      const sealed = sealedOf(event.data);
      if (sealed !== undefined) subjects.add(sealed.s);
    }
    if (subjects.size === 0) return events;
    const states = await this.keys.statesOf(subjects);
    return events.map((event) => {
      const sealed = sealedOf(event.data);
      if (sealed === undefined) return event;
      const key = states.get(sealed.s);
      const data = event.data as Record<string, unknown>;
      const paths = sealed.f.map((name) => name.split('.'));
      if (key instanceof Buffer && sealed.ct !== undefined) return withData(event, withFields(data, paths, this.valuesOf(key, event.eventId, sealed)));
      this.recent.delete(event.eventId);
      return withData(event, withFields(data, paths, paths.map(() => undefined)), sealed.f);
    });
  }

  /** Whether opening the event needs its subject's key from the table (not known here yet). */
  private needsKeyLookup(event: StoredEvent): boolean {
    const sealed = sealedOf(event.data);
    return sealed !== undefined && !this.keys.isKnown(sealed.s);
  }

  /** An event's personal values, opened with its subject's key (which the caller holds), or as opened lately. */
  private valuesOf(key: Buffer, eventId: string, sealed: SealedPersonalData): readonly unknown[] {
    const known = this.recent.get(eventId);
    if (known !== undefined) return known;
    const values = openFields(key, eventId, sealed);
    this.recent.set(eventId, values);
    return values;
  }

  /** As stored, but with no ciphertext left for an erased subject. */
  private sealedAsPublished(event: StoredEvent): StoredEvent {
    const sealed = sealedOf(event.data);
    if (sealed === undefined || !this.keys.isErased(sealed.s)) return event;
    const erased: SealedPersonalData = { s: sealed.s, f: sealed.f, erased: true };
    return withData(event, { ...(event.data as Record<string, unknown>), [SEALED_MEMBER]: erased });
  }
}

/** An event without its sealed member (and so without its personal fields). */
function omitted(event: StoredEvent): StoredEvent {
  const data = event.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null || !(SEALED_MEMBER in data)) return event;
  const { [SEALED_MEMBER]: _sealed, ...rest } = data;
  return withData(event, rest);
}

function mapEach(events: AsyncIterable<StoredEvent>, map: (event: StoredEvent) => StoredEvent): AsyncIterable<StoredEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const event of events) yield map(event);
    },
  };
}

/**
 * A subscription whose events are opened a batch at a time. Its status follows what it has delivered: a
 * status the inner subscription reports (caught up, fallen behind) is passed on once the events read before it
 * have been delivered, so that 'live' never comes ahead of the events it follows.
 */
class OpenedSubscription implements Subscription {
  private readonly inner: Subscription;
  private pulled = 0;
  private delivered = 0;
  private lastPosition: ReadAllFrom;
  private readonly waiting: Array<{ after: number; status: SubscriptionStatus }> = [];

  constructor(
    store: EventStore,
    private readonly options: SubscribeOptions,
    private readonly open: (events: StoredEvent[]) => Promise<StoredEvent[]>,
    private readonly needsKeyLookup: (event: StoredEvent) => boolean,
  ) {
    this.lastPosition = options.from === undefined || options.from === 'end' ? 'start' : options.from;
    this.inner = store.subscribe({
      ...options,
      onStatus: options.onStatus === undefined ? undefined : (status) => this.statusCame(status),
    });
  }

  get status(): SubscriptionStatus {
    const inner = this.inner.status;
    if (this.delivered === this.pulled) return inner;
    return { state: inner.state === 'closed' ? 'closed' : 'catching-up', position: this.lastPosition };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<StoredEvent> {
    const counted = this.counting();
    // A live event whose key is known (a lead captured here, a subject read lately) is opened and delivered at once.
    for await (const batch of readyBatches(counted, BATCH, this.needsKeyLookup)) {
      for (const event of await this.open(batch)) {
        yield event;
        this.delivered++;
        this.lastPosition = event.position;
        this.flushStatuses();
      }
    }
  }

  private async *counting(): AsyncGenerator<StoredEvent> {
    for await (const event of this.inner) {
      this.pulled++;
      yield event;
    }
  }

  private statusCame(status: SubscriptionStatus): void {
    this.waiting.push({ after: this.pulled, status });
    this.flushStatuses();
  }

  private flushStatuses(): void {
    while (this.waiting.length > 0 && this.waiting[0]!.after <= this.delivered) this.options.onStatus!(this.waiting.shift()!.status);
  }
}

/** A store read in another view when it is the personal-data layer (any other store is read as it is). */
export function inView(store: EventStore, view: PersonalDataView): EventStore {
  return store instanceof PersonalDataStore ? store.withView(view) : store;
}
