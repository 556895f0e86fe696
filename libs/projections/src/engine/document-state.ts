/**
 * A projection's documents in memory, with the changes since the last persisted batch. Readers use it
 * directly; the engine takes the changes (already serialised, so later puts cannot alter them) to write
 * them with the checkpoint.
 */
import type { DocumentWriter, ProjectionDefinition, TimeFields } from './projection';
import { ChangeCounts, TimeSpanIndex, timesOf } from './time-span-index';

export interface DocumentChange {
  readonly collection: string;
  readonly key: string;
  /** JSON text, or null for a deleted document. */
  readonly json: string | null;
}

/** One collection: its documents, the keys changed since the last takeChanges(), its shape and time index. */
interface Collection {
  readonly name: string;
  readonly documents: Map<string, unknown>;
  readonly dirty: Set<string>;
  /** Rebuilds a document with the declared fields in order (see ProjectionDefinition.documentFields). */
  readonly shape: ((document: object) => object) | undefined;
  readonly timeFields: TimeFields | undefined;
  /** Built on the first overlapping()/holding() call and kept up to date from then on (rebuilds never pay for it). */
  index: TimeSpanIndex | undefined;
}

/**
 * Documents as they were changed since some moment, per collection and key (undefined: deleted). The objects
 * are the state's own, not copies: only for projections whose `apply` never changes a document in place.
 */
export type DocumentLayer = ReadonlyMap<string, ReadonlyMap<string, unknown>>;

export class DocumentState implements DocumentWriter {
  private readonly collections = new Map<string, Collection>();
  /** Counted from the first changeCount() call on (nothing can have been cached under a count before). */
  private changes: ChangeCounts | undefined;
  /** While documents load behind the fold (see loadBehind): per collection, the keys deleted since it began. */
  private deletedWhileLoading: Map<string, Set<string>> | undefined;

  constructor(
    collectionNames: readonly string[],
    private readonly trackChanges = true,
    documentFields: Readonly<Record<string, readonly string[]>> = {},
    timeFields: Readonly<Record<string, TimeFields>> = {},
  ) {
    for (const name of collectionNames) {
      const fields = documentFields[name];
      this.collections.set(name, {
        name,
        documents: new Map(),
        dirty: new Set(),
        shape: fields === undefined ? undefined : compileShape(fields),
        timeFields: timeFields[name],
        index: undefined,
      });
    }
  }

  /** The documents of a projection, shaped as it declares. */
  static of(projection: ProjectionDefinition, trackChanges = true): DocumentState {
    return new DocumentState(projection.collections, trackChanges, projection.documentFields, projection.timeFields);
  }

  get<T>(collection: string, key: string): T | undefined {
    return this.collection(collection).documents.get(key) as T | undefined;
  }

  values<T>(collection: string): IterableIterator<T> {
    return this.collection(collection).documents.values() as IterableIterator<T>;
  }

  overlapping<T>(collection: string, from: number, to: number): readonly T[] {
    const found = this.collection(collection);
    return this.index(found)?.overlapping<T>(from, to) ?? ([...found.documents.values()] as T[]);
  }

  holding<T>(collection: string, from: number, to: number): readonly T[] {
    const found = this.collection(collection);
    return this.index(found)?.holding<T>(from, to) ?? ([...found.documents.values()] as T[]);
  }

  changeCount(from: number, to: number): number {
    this.changes ??= new ChangeCounts();
    return this.changes.countFor(from, to);
  }

  timeFloor(collection: string): number | undefined {
    return this.index(this.collection(collection))?.timeFloor();
  }

  size(collection: string): number {
    return this.collection(collection).documents.size;
  }

  has(collection: string, key: string): boolean {
    return this.collection(collection).documents.has(key);
  }

  put(collection: string, key: string, document: unknown): void {
    const found = this.collection(collection);
    this.file(found, key, document);
    if (this.trackChanges) found.dirty.add(key);
  }

  delete(collection: string, key: string): void {
    const found = this.collection(collection);
    const previous = found.documents.get(key);
    const deletedWhileLoading = this.deletedWhileLoading?.get(collection);
    if (deletedWhileLoading !== undefined) {
      // Perhaps persisted and not loaded yet: delete it there too, and never load it.
      deletedWhileLoading.add(key);
      if (this.trackChanges) found.dirty.add(key);
    }
    if (!found.documents.delete(key)) return;
    found.index?.delete(key);
    this.countChange(found, previous, undefined);
    if (this.trackChanges) found.dirty.add(key);
  }

  /** Loads a persisted document without marking it changed. */
  load(collection: string, key: string, document: unknown): void {
    this.file(this.collection(collection), key, document);
  }

  /**
   * From now on, until loadedBehind(), the fold may run ahead of the persisted documents being loaded: loadBehind()
   * then files a persisted document only where the fold has neither put nor deleted it (background-load.ts).
   */
  loadingBehind(): void {
    this.deletedWhileLoading = new Map([...this.collections.keys()].map((name) => [name, new Set<string>()]));
  }

  /**
   * Loads a persisted document unless the state holds that key or deleted it since loadingBehind(): what the fold
   * did to it since is newer than what was persisted. Whether it was filed.
   */
  loadBehind(collection: string, key: string, document: unknown): boolean {
    const found = this.collection(collection);
    if (found.documents.has(key) || this.deletedWhileLoading?.get(collection)?.has(key) === true) return false;
    this.file(found, key, document);
    return true;
  }

  /** Every persisted document is loaded: deletions need no longer be remembered. */
  loadedBehind(): void {
    this.deletedWhileLoading = undefined;
  }

  /** The documents changed since the last call, serialised now. */
  takeChanges(): DocumentChange[] {
    const changes: DocumentChange[] = [];
    this.collections.forEach(({ name, documents, dirty }) => {
      dirty.forEach((key) => {
        const document = documents.get(key);
        changes.push({ collection: name, key, json: document === undefined ? null : JSON.stringify(document) });
      });
      dirty.clear();
    });
    return changes;
  }

  /**
   * A state made of layers of changed documents, each laid over the ones before it (see takeLayer); the
   * documents are shared, not copied.
   */
  static layered(projection: ProjectionDefinition, layers: readonly DocumentLayer[]): DocumentState {
    const state = DocumentState.of(projection, false);
    for (const layer of layers) {
      layer.forEach((changed, name) => {
        const { documents } = state.collection(name);
        changed.forEach((document, key) => (document === undefined ? documents.delete(key) : documents.set(key, document)));
      });
    }
    return state;
  }

  /**
   * The documents changed since the last takeLayer() or takeChanges(), as they are now (not serialised).
   * Needs a state that tracks changes.
   */
  changedLayer(): DocumentLayer {
    if (!this.trackChanges) throw new Error('a layer of changes needs a DocumentState that tracks changes');
    const layer = new Map<string, Map<string, unknown>>();
    this.collections.forEach(({ name, documents, dirty }) => {
      if (dirty.size === 0) return;
      const changed = new Map<string, unknown>();
      dirty.forEach((key) => changed.set(key, documents.get(key)));
      layer.set(name, changed);
    });
    return layer;
  }

  /** changedLayer(), and from now on those documents count as unchanged. */
  takeLayer(): DocumentLayer {
    const layer = this.changedLayer();
    this.collections.forEach(({ dirty }) => dirty.clear());
    return layer;
  }

  /** Every document, for comparing two states (tests, the crash check). Sorted by collection and key. */
  snapshot(): Record<string, Record<string, unknown>> {
    const result: Record<string, Record<string, unknown>> = {};
    for (const [name, { documents }] of [...this.collections].sort(([a], [b]) => a.localeCompare(b))) {
      result[name] = Object.fromEntries([...documents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return result;
  }

  /** The collection's time index, built now if it has none yet; undefined when it declares no time fields. */
  private index(collection: Collection): TimeSpanIndex | undefined {
    if (collection.index === undefined && collection.timeFields !== undefined) {
      const index = new TimeSpanIndex(collection.timeFields);
      collection.documents.forEach((document, key) => index.put(key, document));
      collection.index = index;
    }
    return collection.index;
  }

  private file(collection: Collection, key: string, document: unknown): void {
    const shaped = collection.shape !== undefined && typeof document === 'object' && document !== null ? collection.shape(document) : document;
    if (this.changes !== undefined) this.countChange(collection, collection.documents.get(key), shaped);
    collection.documents.set(key, shaped);
    collection.index?.put(key, shaped);
  }

  private countChange(collection: Collection, before: unknown, after: unknown): void {
    if (this.changes === undefined) return;
    const fields = collection.timeFields;
    if (fields === undefined) return this.changes.changedEverywhere();
    if (before !== undefined) this.changes.changed(timesOf(fields, before));
    if (after !== undefined) this.changes.changed(timesOf(fields, after));
  }

  private collection(name: string): Collection {
    const found = this.collections.get(name);
    if (found === undefined) throw new Error(`no collection "${name}" in this projection`);
    return found;
  }
}

/**
 * A function that copies a document into a new object with `fields` first, in order (absent ones as
 * undefined), then any other fields it has. Compiled once per collection: an object literal with the
 * fields spelled out gets its final shape in one allocation, several times faster than assigning the
 * fields in a loop (a put per event during a rebuild). Field names are quoted with JSON.stringify, so
 * any string is safe in the generated code.
 */
function compileShape(fields: readonly string[]): (document: object) => object {
  const listed = new Set(fields);
  const literal = fields.map((field) => `${JSON.stringify(field)}: source[${JSON.stringify(field)}]`).join(', ');
  const copy = new Function('source', 'listed', `const result = { ${literal} };\nfor (const field in source) if (!listed.has(field)) result[field] = source[field];\nreturn result;`) as (
    source: object,
    listed: ReadonlySet<string>,
  ) => object;
  return (document) => copy(document, listed);
}
