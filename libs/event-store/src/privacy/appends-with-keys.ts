/**
 * What the SQLite and PostgreSQL adapters offer the personal-data layer: an append that also stores new subjects'
 * keys, in the same transaction (their key table is in the same database). A new lead's capture so costs one
 * statement, not two, and its key can never be missing while its event is there.
 */
import type { AppendOptions, AppendResult, EventStore, NewEvent } from '../event-store.port';

export interface NewSubjectKey {
  readonly subjectId: string;
  readonly wrappedKey: string;
}

export interface AppendsWithKeys {
  /** As append(), with the keys inserted first; SubjectKeyTakenError (nothing written) when a subject has a key. */
  appendWithKeys(streamId: string, events: readonly NewEvent[], options: AppendOptions, keys: readonly NewSubjectKey[]): Promise<AppendResult>;
}

/** A subject the append meant to give a new key already has one (or a tombstone): nothing was written. */
export class SubjectKeyTakenError extends Error {
  constructor(readonly subjectIds: readonly string[]) {
    super(`a key is already stored for ${subjectIds.join(', ')}`);
    this.name = 'SubjectKeyTakenError';
  }
}

export function appendsWithKeys(store: EventStore): store is EventStore & AppendsWithKeys {
  return typeof (store as Partial<AppendsWithKeys>).appendWithKeys === 'function';
}
