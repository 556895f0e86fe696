/**
 * What a projection is: a name, a version, the event types it reads, and a pure fold of those events into
 * documents (JSON values filed under a collection and a key). The engine owns everything else: keeping the
 * documents in memory for readers, persisting the changed ones with the checkpoint in one transaction,
 * rebuilding, locking and lag. A projection never reads the clock, the store or anything but its documents.
 */
import type { StoredEvent } from '#libs/event-store';

export interface DocumentReader {
  get<T>(collection: string, key: string): T | undefined;
  /** Every document of a collection, in no particular order. */
  values<T>(collection: string): IterableIterator<T>;
  /**
   * The documents of a collection whose time span (ProjectionDefinition.timeSpans) overlaps [from, to]:
   * every one that does and perhaps a few that do not, in no particular order; every document when the
   * collection declares no span.
   */
  overlapping<T>(collection: string, from: number, to: number): IterableIterator<T>;
  size(collection: string): number;
}

/** The business time a document covers, epoch ms: [start, end], end = Infinity while it is still open. */
export type TimeSpan = readonly [start: number, end: number];

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
   * Per collection, the span of business time each document covers, for DocumentReader.overlapping: every
   * time a reader looks for in a document must lie inside it, and a document that may still change in a
   * way readers care about (an open lead, an account not churned) ends at Infinity.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each collection has its own document type
  readonly timeSpans?: Readonly<Record<string, (document: any) => TimeSpan>>;
  apply(documents: DocumentWriter, event: StoredEvent): void;
}

/** The fields of T, each exactly once: a compile error names any field of T left out. */
export function fieldsOf<T>() {
  return <const Fields extends ReadonlyArray<keyof T & string>>(
    ...fields: Fields & (Exclude<keyof T, Fields[number]> extends never ? unknown : { missing: Exclude<keyof T, Fields[number]> })
  ): readonly string[] => fields;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

export function defineProjection(definition: ProjectionDefinition): ProjectionDefinition {
  if (!NAME.test(definition.name)) throw new Error(`projection name "${definition.name}" must match ${NAME}`);
  if (!Number.isSafeInteger(definition.version) || definition.version < 1) {
    throw new Error(`projection ${definition.name}: version must be an integer ≥ 1`);
  }
  return definition;
}
