/**
 * The client's failures as the port's typed errors. The client marks its errors with a `type` (ErrorType); some
 * failures of the gRPC channel reach the caller unconverted, with only gRPC's status `code`: both are read here.
 */
import {
  EventStoreClosedError,
  EventStoreUnavailableError,
  IncompatibleEventStoreError,
  InvalidEventStoreInputError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import { actualRevision } from './kurrentdb-stream-state';

/** gRPC status codes of a server that cannot be reached or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const UNREACHABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);

interface ClientFailure {
  readonly type?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly actualState?: unknown;
  readonly maxAppendSize?: unknown;
}

export interface FailureContext {
  /** host:port of the server, never with credentials. */
  readonly target: string;
  /** The store was closed: whatever failed, failed because of that. */
  readonly closed: boolean;
  /** For an append: the stream and what the caller expected of it. */
  readonly append?: { readonly streamId: string; readonly expected: ExpectedRevision };
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as ClientFailure | null)?.type === 'stream-not-found';
}

/** Whether the failure means the server is (for now) out of reach: worth waiting for rather than giving up. */
export function isUnreachable(error: unknown): boolean {
  const { type, code, message } = (error ?? {}) as ClientFailure;
  return (
    (typeof type === 'string' && UNREACHABLE_TYPES.has(type)) ||
    code === GRPC_UNAVAILABLE ||
    code === GRPC_DEADLINE_EXCEEDED ||
    (typeof message === 'string' && /^Failed to discover after \d+ attempts/.test(message))
  );
}

export function toStoreError(error: unknown, context: FailureContext): Error {
  if (context.closed) return new EventStoreClosedError();
  const failure = (error ?? {}) as ClientFailure;
  if (isUnreachable(error)) {
    return new EventStoreUnavailableError(`KurrentDB at ${context.target} cannot be reached: ${firstLine(failure.message)}`);
  }
  switch (failure.type) {
    case 'wrong-expected-version':
      if (context.append) {
        return new WrongExpectedRevisionError(context.append.streamId, context.append.expected, actualRevision(failure.actualState as never));
      }
      break;
    case 'maximum-append-size-exceeded':
      return new InvalidEventStoreInputError(
        'events',
        `are larger than the KurrentDB server at ${context.target} takes in one append` +
          (typeof failure.maxAppendSize === 'number' ? ` (${failure.maxAppendSize} bytes)` : '') +
          ': raise its MaxAppendSize (KURRENTDB_MAX_APPEND_SIZE) to 64 MiB, what Sales-ops allows in one append',
      );
    case 'access-denied':
      return new IncompatibleEventStoreError(
        `KurrentDB at ${context.target} refused access: give the user of EVENT_STORE_URL read and write rights on the store's streams and $all`,
      );
    case 'stream-deleted':
    case 'stream-tombstoned':
      return new IncompatibleEventStoreError(
        `KurrentDB at ${context.target}: a stream of this store was deleted there; Sales-ops never deletes streams and cannot go on with one missing`,
      );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function firstLine(message: unknown): string {
  return typeof message === 'string' ? (message.split('\n')[0] ?? '').slice(0, 300) : 'no answer';
}
