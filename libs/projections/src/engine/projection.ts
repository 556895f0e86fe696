/**
 * What a projection is: a name, a version, and a pure fold of events into documents (JSON values filed
 * under a collection and a key), written as handlers keyed by event type (the types it reads are theirs). The engine owns everything else: keeping the
 * documents in memory for readers, persisting the changed ones with the checkpoint in one transaction,
 * rebuilding, locking and lag. A projection never reads the clock, the store or anything but its documents.
 */
import { eventDispatch, type EventHandlers } from '#libs/event-sourcing';
import type { StoredEvent } from '#libs/event-store';

export interface DocumentReader {
  get<T>(collection: string, key: string): T | undefined;
  /** Every document of a collection, in no particular order. */
  values<T>(collection: string): IterableIterator<T>;
  /**
   * The documents of a collection whose span (from the earliest to the latest time they hold) reaches [from, to],
   * or that are open and started by `to` (see ProjectionDefinition.timeFields): every one that does and perhaps a
   * few that do not, in no particular order; every document when the collection declares no time fields.
   */
  overlapping<T>(collection: string, from: number, to: number): readonly T[];
  /** Like overlapping(), without the open documents whose times all lie before `from`. */
  holding<T>(collection: string, from: number, to: number): readonly T[];
  /**
   * A count that grows whenever a document holding a time in [from, to] changes (or any document of a
   * collection without time fields): readers cache what they computed for a period under it.
   */
  changeCount(from: number, to: number): number;
  /**
   * A time no later than any a document of the collection holds (see ProjectionDefinition.timeFields): where a
   * reader summing everything before a moment may start. Undefined when none holds a time, or the collection
   * declares no time fields.
   */
  timeFloor(collection: string): number | undefined;
  size(collection: string): number;
}

/** Where a collection's documents sit in business time (epoch ms): see ProjectionDefinition.timeFields. */
export interface TimeFields {
  /** The fields holding times; a document covers from the earliest to the latest of those set. */
  readonly times: readonly string[];
  /** While a document is open (an open lead, an account not churned) it covers all time after its start too. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each collection has its own document type
  readonly open?: (document: any) => boolean;
}

/**
 * Documents are values: put a new object rather than changing one that get() returned, so that the engine
 * can persist exactly what changed.
 */
export interface DocumentWriter extends DocumentReader {
  put(collection: string, key: string, document: unknown): void;
  delete(collection: string, key: string): void;
}

export interface ProjectionDefinition {
  /** Lower-case letters, digits and '-'; names the read model in the database, /health and the CLI. */
  readonly name: string;
  /** Raise it when apply() changes: the read model is then rebuilt beside the old one and swapped in. */
  readonly version: number;
  readonly description: string;
  readonly eventTypes: readonly string[];
  readonly collections: readonly string[];
  /**
   * The fields of each collection's documents, in order. Every document is rebuilt with exactly this
   * shape (absent values as undefined) whether it comes from apply() or from the database, so that the
   * loops of queues and KPIs over thousands of documents stay monomorphic (several times faster in V8).
   * Fields a document has beyond the list are kept, after the listed ones.
   */
  readonly documentFields?: Readonly<Record<string, readonly string[]>>;
  /**
   * Per collection, the fields that place a document in business time, for DocumentReader.overlapping and
   * changeCount: every time a reader looks for in a document must be one of them.
   */
  readonly timeFields?: Readonly<Record<string, TimeFields>>;
  /**
   * The writer of its build follows the store from the checkpoint at once and loads the persisted documents behind
   * its fold (background-load.ts), rather than before it: for read models that grow with the history and whose
   * readers can wait for them (ProjectionRunner.loadedDocumentsOf), not for those a command needs. Its `apply` must
   * read documents by key only (get).
   */
  readonly loadInBackground?: boolean;
  apply(documents: DocumentWriter, event: StoredEvent): void;
}

/** An event's business time, epoch ms: what documents record. */
export const businessTime = (event: { readonly occurredAt: Date }): number => event.occurredAt.getTime();

/** Puts the changed document and returns it; a change that returns the document itself writes nothing. */
export function updateDocument<T>(documents: DocumentWriter, collection: string, key: string, change: (current: T) => T): T | undefined {
  const current = documents.get<T>(collection, key);
  if (current === undefined) return undefined;
  const next = change(current);
  if (next !== current) documents.put(collection, key, next);
  return next;
}

/** The fields of T, each exactly once: a compile error names any field of T left out. */
export function fieldsOf<T>() {
  return <const Fields extends ReadonlyArray<keyof T & string>>(
    ...fields: Fields & (Exclude<keyof T, Fields[number]> extends never ? unknown : { missing: Exclude<keyof T, Fields[number]> })
  ): readonly string[] => fields;
}

/** A projection as one is written: what ProjectionDefinition says, with handlers in place of `eventTypes` and `apply`. */
interface ProjectionHandlers extends Omit<ProjectionDefinition, 'eventTypes' | 'apply'> {
  /** Never changes a document in place (a new version is a new object): readers and the as-of ladder share them. */
  readonly on: EventHandlers<DocumentWriter>;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** Checks a projection's name and version; from handlers, derives the event types it reads and its `apply`. */
export function defineProjection(definition: ProjectionHandlers | ProjectionDefinition): ProjectionDefinition {
  if (!NAME.test(definition.name)) throw new Error(`projection name "${definition.name}" must match ${NAME}`);
  if (!Number.isSafeInteger(definition.version) || definition.version < 1) {
    throw new Error(`projection ${definition.name}: version must be an integer ≥ 1`);
  }
  if (!('on' in definition)) return definition;
  const { on, ...rest } = definition;
  const { eventTypes, dispatch } = eventDispatch(on);
  return { ...rest, eventTypes, apply: dispatch };
}
