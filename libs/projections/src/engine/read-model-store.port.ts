/**
 * Where read models are persisted: the documents of every build of every projection, each build with its
 * checkpoint. A build is one fold of the history by one version of a projection; the active build is the
 * one readers are served from. Documents and checkpoint of a build only ever change together, in one
 * transaction, so a crash at any point leaves a build exactly as it stood after some event.
 */
import type { GlobalPosition, ReadAllFrom } from '#libs/event-store';
import type { DocumentChange } from './document-state';

export type BuildStatus = 'building' | 'active' | 'retired';

export interface BuildRecord {
  readonly buildId: number;
  readonly projection: string;
  readonly version: number;
  readonly status: BuildStatus;
  readonly checkpoint: ReadAllFrom;
  readonly eventsApplied: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The one writer of a build (on PostgreSQL it holds an advisory lock for as long as it lives). */
export interface BuildWriter {
  readonly buildId: number;
  /**
   * Writes the changed documents and moves the checkpoint, atomically. Refused (StaleBuildWriterError)
   * when the build's checkpoint is already at or past `checkpoint` (another writer got there) or the build
   * is gone: the caller must reload.
   */
  commit(changes: readonly DocumentChange[], checkpoint: GlobalPosition, eventsApplied: number): Promise<void>;
  /** Makes this build the one readers use; the build active before is retired and its documents dropped. */
  activate(): Promise<void>;
  /** False once the lock is lost (connection gone): stop writing and reload. */
  readonly healthy: boolean;
  release(): Promise<void>;
}

export interface ReadModelStore {
  readonly kind: 'sqlite' | 'postgres';
  builds(projection?: string): Promise<BuildRecord[]>;
  activeBuild(projection: string): Promise<BuildRecord | undefined>;
  createBuild(projection: string, version: number): Promise<BuildRecord>;
  /**
   * Reads a build's documents and its checkpoint as of one moment (one snapshot), calling `onDocument`
   * for each. Undefined when the build does not exist (any more).
   */
  loadBuild(buildId: number, onDocument: (collection: string, key: string, document: unknown) => void): Promise<BuildRecord | undefined>;
  /**
   * Some documents of a build, by key (a key it does not hold is not in the map): what a projection served from its
   * persisted documents (StoredProjectionRunner) reads, instead of loading them all.
   */
  readDocuments(buildId: number, collection: string, keys: readonly string[]): Promise<Map<string, unknown>>;
  /**
   * At most `limit` of a build's documents in (collection, key) order, after `after` (from the first when undefined):
   * what a writer loading its documents behind its fold reads (background-load.ts). Each page is read on its own, not
   * in one snapshot with the others: only the build's writer changes it, and that writer knows what it changed.
   */
  documentPage(buildId: number, after: DocumentAddress | undefined, limit: number): Promise<PersistedDocument[]>;
  /** Becomes the writer of a build, or undefined when another process is (PostgreSQL advisory lock). */
  tryWriter(buildId: number): Promise<BuildWriter | undefined>;
  /**
   * Resolves once the documents of every build retired so far are deleted: an activation only flips the
   * statuses, and the retired build's documents go afterwards, a few thousand a transaction (and at the next
   * open if the process stopped first). Readers never see them either way.
   */
  whenSwept(): Promise<void>;
  /** Waits for the deletion of retired builds' documents (whenSwept), then closes. */
  close(): Promise<void>;
}

/** Where a document is filed in a build: its collection and key. */
export type DocumentAddress = readonly [collection: string, key: string];

/** A persisted document with its address. */
export type PersistedDocument = readonly [collection: string, key: string, document: unknown];

export class StaleBuildWriterError extends Error {
  constructor(buildId: number) {
    super(`build ${buildId} is already past this checkpoint, or gone: another writer is ahead; reload`);
    this.name = 'StaleBuildWriterError';
  }
}

export function positionFromColumns(commit: number | string, prepare: number | string): ReadAllFrom {
  const c = Number(commit);
  const p = Number(prepare);
  return c < 0 ? 'start' : { commit: c, prepare: p };
}
