import { InvalidEventStoreInputError } from './event-store.errors';

/**
 * An event's place in the store's one global order: by `commit`, then by `prepare`.
 * - SQLite: both are the event's sequence number (writers are serialised, so commit order is sequence order).
 * - PostgreSQL: `commit` is the writing transaction's id, `prepare` the event's sequence number, because
 *   concurrent transactions commit out of sequence order (see postgres-event-store.ts).
 */
export interface GlobalPosition {
  readonly commit: number;
  readonly prepare: number;
}

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  return a.commit - b.commit || a.prepare - b.prepare;
}

/** A text form for checkpoint tables, logs and headers: `commit/prepare`. */
export function encodePosition(position: GlobalPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function decodePosition(text: string, field = 'position'): GlobalPosition {
  const match = /^(\d{1,16})\/(\d{1,16})$/.exec(text);
  if (!match) throw new InvalidEventStoreInputError(field, `"${text}" is not a position of the form commit/prepare`);
  return checkPosition({ commit: Number(match[1]), prepare: Number(match[2]) }, field);
}

export function checkPosition(value: unknown, field: string): GlobalPosition {
  const candidate = value as Partial<GlobalPosition> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    !isNonNegativeSafeInteger(candidate.commit) ||
    !isNonNegativeSafeInteger(candidate.prepare)
  ) {
    throw new InvalidEventStoreInputError(field, 'must be a position { commit, prepare } of non-negative integers');
  }
  return { commit: candidate.commit, prepare: candidate.prepare };
}

function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
