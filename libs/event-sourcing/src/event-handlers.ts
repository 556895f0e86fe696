/**
 * How every reader of the history handles events: a map of handlers keyed by event type, each given the
 * event with its data typed by the catalogue (libs/contracts). The store hands events over upcast to their
 * current schema version, so a handler only ever sees the version its type declares. The types a reader
 * follows are the keys of its map, never a list kept beside it.
 */
import type { EventDataOf, SalesEventType } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';

/** A stored event of type T, its data typed by the catalogue. */
export interface SalesEvent<T extends SalesEventType = SalesEventType> extends Omit<StoredEvent, 'type' | 'data'> {
  readonly type: T;
  readonly data: EventDataOf<T>;
  /**
   * Read from Kafka: the personal fields the message carried sealed (left out of `data`; their values only through
   * the API while the subject is kept), or erased.
   */
  readonly personalData?: SealedPersonalFields;
}

export interface SealedPersonalFields {
  readonly subjectId: string;
  /** Dotted paths, e.g. `contact.email`. */
  readonly fields: readonly string[];
  readonly erased: boolean;
}

/** What a reader does with each type it reads, given its context (a projection's documents, a read model). */
export type EventHandlers<Context, Result = void> = {
  readonly [T in SalesEventType]?: (context: Context, event: SalesEvent<T>) => Result;
};

export interface EventDispatch<Context, Result = void> {
  /** The types that have a handler, in the map's order: what to ask the store for. */
  readonly eventTypes: readonly SalesEventType[];
  /** Runs the handler of the event's type; undefined for a type the map has no handler for. */
  dispatch(context: Context, event: StoredEvent): Result | undefined;
}

export function eventDispatch<Context, Result = void>(handlers: EventHandlers<Context, Result>): EventDispatch<Context, Result> {
  const eventTypes = Object.keys(handlers) as SalesEventType[];
  const byType = new Map(eventTypes.map((type) => [type as string, handlers[type] as unknown as (context: Context, event: StoredEvent) => Result]));
  return {
    eventTypes,
    dispatch: (context, event) => {
      const handler = byType.get(event.type);
      return handler === undefined ? undefined : handler(context, event);
    },
  };
}
