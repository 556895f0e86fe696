import type { EventStore } from '#libs/event-store';
import type { EventSchemas } from './command-runner';
import type { DomainEvent } from './decider';

/** One stream's events, upcast, with when each happened: what a GET of one aggregate folds into its view. */
export async function readStreamHistory<Event extends DomainEvent>(
  store: EventStore,
  schemas: Pick<EventSchemas, 'upcast'>,
  streamId: string,
): Promise<Array<{ event: Event; occurredAt: Date }>> {
  const history: Array<{ event: Event; occurredAt: Date }> = [];
  for await (const stored of store.readStream(streamId)) {
    history.push({ event: schemas.upcast(stored) as Event, occurredAt: stored.occurredAt });
  }
  return history;
}
