/** Checks the options of readStream, readAll and subscribe once, for every adapter alike. */
import { checkInstant, checkStorableText } from './append-input';
import { InvalidEventStoreInputError } from './event-store.errors';
import type {
  EventFilter,
  ReadAllFrom,
  ReadAllOptions,
  ReadDirection,
  ReadStreamOptions,
  SubscribeOptions,
} from './event-store.port';
import { checkPosition, type GlobalPosition } from './global-position';

const DEFAULT_BATCH_SIZE = 1000;
const MAX_BATCH_SIZE = 10_000;

export interface CheckedReadStreamOptions {
  readonly fromRevision: number | undefined;
  readonly direction: ReadDirection;
  readonly maxCount: number;
}

export interface CheckedReadAllOptions {
  readonly from: ReadAllFrom;
  readonly batchSize: number;
  readonly filter: EventFilter | undefined;
  readonly untilPosition: GlobalPosition | undefined;
  readonly untilRecordedAt: number | undefined;
}

export function checkReadStreamOptions(options: ReadStreamOptions = {}): CheckedReadStreamOptions {
  const { fromRevision, direction = 'forwards', maxCount } = options;
  if (fromRevision !== undefined && !isNonNegativeInteger(fromRevision)) {
    throw new InvalidEventStoreInputError('fromRevision', 'must be an integer ≥ 0');
  }
  if (direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidEventStoreInputError('direction', "must be 'forwards' or 'backwards'");
  }
  if (maxCount !== undefined && !isNonNegativeInteger(maxCount)) {
    throw new InvalidEventStoreInputError('maxCount', 'must be an integer ≥ 0');
  }
  return { fromRevision, direction, maxCount: maxCount ?? Number.MAX_SAFE_INTEGER };
}

export function checkReadAllOptions(options: ReadAllOptions = {}): CheckedReadAllOptions {
  const { until } = options;
  const untilRecordedAt = until?.recordedAt === undefined ? undefined : checkInstant(until.recordedAt, 'until.recordedAt');
  return {
    from: checkFrom(options.from ?? 'start'),
    batchSize: checkBatchSize(options.batchSize),
    filter: checkFilter(options.filter),
    untilPosition: until?.position === undefined ? undefined : checkPosition(until.position, 'until.position'),
    untilRecordedAt,
  };
}

export function checkSubscribeOptions(options: SubscribeOptions = {}): Required<Omit<SubscribeOptions, 'onStatus' | 'filter' | 'catchUpThread'>> & {
  filter: EventFilter | undefined;
} {
  const from = options.from ?? 'start';
  return {
    from: from === 'end' ? 'end' : checkFrom(from),
    batchSize: checkBatchSize(options.batchSize),
    filter: checkFilter(options.filter),
  };
}

function checkFrom(from: unknown): ReadAllFrom {
  return from === 'start' ? 'start' : checkPosition(from, 'from');
}

function checkBatchSize(batchSize: unknown): number {
  if (batchSize === undefined) return DEFAULT_BATCH_SIZE;
  if (!isNonNegativeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new InvalidEventStoreInputError('batchSize', `must be an integer from 1 to ${MAX_BATCH_SIZE}`);
  }
  return batchSize;
}

function checkFilter(filter: EventFilter | undefined): EventFilter | undefined {
  if (filter === undefined) return undefined;
  const { eventTypes, streamPrefix } = filter;
  if (
    eventTypes !== undefined &&
    (!Array.isArray(eventTypes) || eventTypes.length === 0 || eventTypes.some((t) => typeof t !== 'string' || t === ''))
  ) {
    throw new InvalidEventStoreInputError('filter.eventTypes', 'must be a non-empty array of event type names');
  }
  if (streamPrefix !== undefined && (typeof streamPrefix !== 'string' || streamPrefix === '')) {
    throw new InvalidEventStoreInputError('filter.streamPrefix', 'must be a non-empty string');
  }
  eventTypes?.forEach((type, index) => checkStorableText(type, `filter.eventTypes[${index}]`));
  if (streamPrefix !== undefined) checkStorableText(streamPrefix, 'filter.streamPrefix');
  return eventTypes === undefined && streamPrefix === undefined ? undefined : filter;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
