import { PersonalDataStore, erasedAsNull, type EventStore } from '#libs/event-store';
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
    // A view shows an erased subject's fields as null (GET /leads/{id} and the like): there, and erased.
    const shown = stored.erasedFields === undefined ? stored : { ...stored, data: erasedAsNull(stored.data, stored.erasedFields) };
    history.push({ event: schemas.upcast(shown) as Event, occurredAt: stored.occurredAt });
  }
  return history;
}

/** Whose personal data an aggregate holds, and whether it is erased: what its view says under `personalData`. */
export interface PersonalDataSummary {
  /** The data subject (`lead-<leadId>` for a lead and the deal and account that came from it). */
  readonly subjectId: string;
  readonly erased: boolean;
  readonly erasedAt?: string;
}

/** The summary for an aggregate (`deal-<dealId>`); its own subject when the store links it to none. */
export async function personalDataSummary(store: EventStore, ownerId: string): Promise<PersonalDataSummary> {
  if (!(store instanceof PersonalDataStore)) return { subjectId: ownerId, erased: false };
  const subjectId = (await store.keys.subjectsOfOwners([ownerId])).get(ownerId) ?? ownerId;
  const erasedAt = await store.keys.erasedAt(subjectId);
  return { subjectId, erased: erasedAt !== undefined, ...(erasedAt ? { erasedAt: erasedAt.toISOString() } : {}) };
}
