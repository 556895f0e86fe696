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
  size(collection: string): number;
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
  apply(documents: DocumentWriter, event: StoredEvent): void;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

export function defineProjection(definition: ProjectionDefinition): ProjectionDefinition {
  if (!NAME.test(definition.name)) throw new Error(`projection name "${definition.name}" must match ${NAME}`);
  if (!Number.isSafeInteger(definition.version) || definition.version < 1) {
    throw new Error(`projection ${definition.name}: version must be an integer ≥ 1`);
  }
  return definition;
}
