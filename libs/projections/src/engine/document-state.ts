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

export class DocumentState implements DocumentWriter {
  private readonly collections = new Map<string, Map<string, unknown>>();
  private readonly shapes = new Map<string, { readonly fields: readonly string[]; readonly listed: ReadonlySet<string> }>();
  private dirty = new Map<string, Map<string, true>>();
  /** Built on a collection's first overlapping() call and kept up to date from then on (rebuilds never pay for it). */
  private readonly indexes = new Map<string, TimeSpanIndex>();
  /** Counted from the first changeCount() call on (nothing can have been cached under a count before). */
  private changes: ChangeCounts | undefined;

  constructor(
    collectionNames: readonly string[],
    private readonly trackChanges = true,
    documentFields: Readonly<Record<string, readonly string[]>> = {},
    private readonly timeFields: Readonly<Record<string, TimeFields>> = {},
  ) {
    for (const name of collectionNames) this.collections.set(name, new Map());
    for (const [name, fields] of Object.entries(documentFields)) this.shapes.set(name, { fields, listed: new Set(fields) });
  }

  /** The documents of a projection, shaped as it declares. */
  static of(projection: ProjectionDefinition, trackChanges = true): DocumentState {
    return new DocumentState(projection.collections, trackChanges, projection.documentFields, projection.timeFields);
  }

  get<T>(collection: string, key: string): T | undefined {
    return this.collection(collection).get(key) as T | undefined;
  }

  values<T>(collection: string): IterableIterator<T> {
    return this.collection(collection).values() as IterableIterator<T>;
  }

  overlapping<T>(collection: string, from: number, to: number): readonly T[] {
    return this.index(collection)?.overlapping<T>(from, to) ?? ([...this.collection(collection).values()] as T[]);
  }

  holding<T>(collection: string, from: number, to: number): readonly T[] {
    return this.index(collection)?.holding<T>(from, to) ?? ([...this.collection(collection).values()] as T[]);
  }

  changeCount(from: number, to: number): number {
    this.changes ??= new ChangeCounts();
    return this.changes.countFor(from, to);
  }

  size(collection: string): number {
    return this.collection(collection).size;
  }

  put(collection: string, key: string, document: unknown): void {
    this.file(collection, key, document);
    this.markDirty(collection, key);
  }

  delete(collection: string, key: string): void {
    const documents = this.collection(collection);
    const previous = documents.get(key);
    if (!documents.delete(key)) return;
    this.indexes.get(collection)?.delete(key);
    this.countChange(collection, previous, undefined);
    this.markDirty(collection, key);
  }

  /** Loads a persisted document without marking it changed. */
  load(collection: string, key: string, document: unknown): void {
    this.file(collection, key, document);
  }

  /** The documents changed since the last call, serialised now. */
  takeChanges(): DocumentChange[] {
    const changes: DocumentChange[] = [];
    for (const [collection, keys] of this.dirty) {
      const documents = this.collection(collection);
      for (const key of keys.keys()) {
        const document = documents.get(key);
        changes.push({ collection, key, json: document === undefined ? null : JSON.stringify(document) });
      }
    }
    this.dirty = new Map();
    return changes;
  }

  /** Every document, for comparing two states (tests, the crash check). Sorted by collection and key. */
  snapshot(): Record<string, Record<string, unknown>> {
    const result: Record<string, Record<string, unknown>> = {};
    for (const [name, documents] of [...this.collections].sort(([a], [b]) => a.localeCompare(b))) {
      result[name] = Object.fromEntries([...documents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return result;
  }

  /** The collection's time index, built now if it has none yet; undefined when it declares no time fields. */
  private index(collection: string): TimeSpanIndex | undefined {
    const documents = this.collection(collection);
    let index = this.indexes.get(collection);
    if (index === undefined) {
      const fields = this.timeFields[collection];
      if (fields === undefined) return undefined;
      index = new TimeSpanIndex(fields);
      for (const [key, document] of documents) index.put(key, document);
      this.indexes.set(collection, index);
    }
    return index;
  }

  private file(collection: string, key: string, document: unknown): void {
    const shaped = this.shaped(collection, document);
    const documents = this.collection(collection);
    if (this.changes !== undefined) this.countChange(collection, documents.get(key), shaped);
    documents.set(key, shaped);
    this.indexes.get(collection)?.put(key, shaped);
  }

  private countChange(collection: string, before: unknown, after: unknown): void {
    if (this.changes === undefined) return;
    const fields = this.timeFields[collection];
    if (fields === undefined) return this.changes.changedEverywhere();
    if (before !== undefined) this.changes.changed(timesOf(fields, before));
    if (after !== undefined) this.changes.changed(timesOf(fields, after));
  }

  private collection(name: string): Map<string, unknown> {
    const documents = this.collections.get(name);
    if (documents === undefined) throw new Error(`no collection "${name}" in this projection`);
    return documents;
  }

  /** The document rebuilt with the collection's declared fields in order (see ProjectionDefinition.documentFields). */
  private shaped(collection: string, document: unknown): unknown {
    const shape = this.shapes.get(collection);
    if (shape === undefined || typeof document !== 'object' || document === null) return document;
    const source = document as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const field of shape.fields) result[field] = source[field];
    for (const field in source) if (!shape.listed.has(field)) result[field] = source[field];
    return result;
  }

  private markDirty(collection: string, key: string): void {
    if (!this.trackChanges) return;
    let keys = this.dirty.get(collection);
    if (keys === undefined) this.dirty.set(collection, (keys = new Map()));
    keys.set(key, true);
  }
}
