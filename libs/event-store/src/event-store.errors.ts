/**
 * Typed failures of the event store. Callers branch on the class (or `code`), never on message text;
 * the HTTP layer maps them once (409 for a conflict, 400 for invalid input).
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream is not at the revision the caller expected: someone else appended first. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number | string,
    /** The stream's actual revision, or 'no-stream'. */
    readonly actualRevision: number | 'no-stream',
  ) {
    super(`stream "${streamId}" is at revision ${actualRevision}, expected ${expectedRevision}`);
  }
}

/** An event id already stored with other content, or in another stream: a reused id, not a retry. */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'event-id-conflict';
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event id ${eventId} is already stored ${reason}`);
  }
}

/** The caller passed something the store cannot take; nothing was written. */
export class InvalidEventStoreInputError extends EventStoreError {
  readonly code = 'invalid-input';
  constructor(
    /** Path of the offending value, e.g. `events[2].data.contact.phone`. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The store's files or database cannot be used by this build; it refuses to start. */
export class IncompatibleEventStoreError extends EventStoreError {
  readonly code = 'incompatible-store';
}

export class EventStoreClosedError extends EventStoreError {
  readonly code = 'store-closed';
  constructor() {
    super('the event store is closed');
  }
}

/** The store's database cannot be reached. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'store-unavailable';
}

/**
 * New personal data for a subject whose personal data was erased: refused, so that an erasure stays one
 * (the HTTP layer answers 422 naming the field).
 */
export class PersonalDataErasedError extends EventStoreError {
  readonly code = 'personal-data-erased';
  constructor(
    readonly subjectId: string,
    /** The personal field that was refused, e.g. `note` or `contact.email`. */
    readonly field: string,
  ) {
    super(`${field}: the personal data of ${subjectId} was erased; no new personal data may be stored for it`);
  }
}

/** The personal-data keys cannot be used: a lost key table, or a master key that does not open it. Refuses to start. */
export class PersonalDataKeysError extends EventStoreError {
  readonly code = 'personal-data-keys';
}
