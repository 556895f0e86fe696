import {
  EventStoreClosedError,
  EventStoreUnavailableError,
  IncompatibleEventStoreError,
  InvalidEventStoreInputError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { isStreamNotFound, isUnreachable, toStoreError } from './kurrentdb-errors';

const context = { target: 'db:2113', closed: false };

describe("the KurrentDB client's failures as the store's errors", () => {
  it('reports an unreachable server, by the client’s type or by a bare gRPC status', () => {
    for (const failure of [
      { type: 'unavailable', message: 'UnavailableError' },
      { type: 'deadline-exceeded', message: 'late' },
      { code: 14, message: '14 UNAVAILABLE: No connection established' },
      { code: 4, message: '4 DEADLINE_EXCEEDED' },
      { message: 'Failed to discover after 10 attempts.' },
    ]) {
      expect(isUnreachable(failure)).toBe(true);
      const error = toStoreError(Object.assign(new Error(failure.message), failure), context);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error.message).toMatch(/^KurrentDB at db:2113 cannot be reached: /);
    }
    expect(isUnreachable({ type: 'wrong-expected-version' })).toBe(false);
  });

  it('reports a conflict with the stream, the expectation and the actual revision', () => {
    const error = toStoreError({ type: 'wrong-expected-version', actualState: 4n }, { ...context, append: { streamId: 'deal-1', expected: 2 } });
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 'deal-1', expectedRevision: 2, actualRevision: 4 });
    expect(toStoreError({ type: 'wrong-expected-version', actualState: 'no_stream' }, { ...context, append: { streamId: 's', expected: 'exists' } })).toMatchObject({
      actualRevision: 'no-stream',
    });
  });

  it('refuses an append over the server’s size as input naming events, and says what to change', () => {
    const error = toStoreError({ type: 'maximum-append-size-exceeded', maxAppendSize: 1048576 }, context);
    expect(error).toBeInstanceOf(InvalidEventStoreInputError);
    expect(error).toMatchObject({ field: 'events' });
    expect(error.message).toMatch(/1048576 bytes.*KURRENTDB_MAX_APPEND_SIZE/);
  });

  it('turns refused access and a deleted stream into a store that cannot be used', () => {
    expect(toStoreError({ type: 'access-denied' }, context)).toBeInstanceOf(IncompatibleEventStoreError);
    expect(toStoreError({ type: 'stream-deleted' }, context)).toBeInstanceOf(IncompatibleEventStoreError);
  });

  it('says closed for anything that fails once the store is closed, and passes other errors on', () => {
    expect(toStoreError({ type: 'unavailable' }, { ...context, closed: true })).toBeInstanceOf(EventStoreClosedError);
    const other = new TypeError('boom');
    expect(toStoreError(other, context)).toBe(other);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound(new Error('x'))).toBe(false);
  });
});
