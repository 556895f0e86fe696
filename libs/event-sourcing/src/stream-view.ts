import { PersonalDataStore, erasedAsNull, type EventStore } from '#libs/event-store';
import type { EventSchemas } from './command-runner';
import type { DomainEvent } from './decider';

/** One event of a stream as a GET of its aggregate reads it: upcast, with when it happened and who did it. */
export interface StreamHistoryItem<Event extends DomainEvent> {
  readonly event: Event;
  readonly occurredAt: Date;
  readonly actor: { readonly userId: string; readonly role: string } | null;
}

/** One stream's events, upcast, with when each happened: what a GET of one aggregate folds into its view. */
export async function readStreamHistory<Event extends DomainEvent>(
  store: EventStore,
  schemas: Pick<EventSchemas, 'upcast'>,
  streamId: string,
): Promise<Array<StreamHistoryItem<Event>>> {
  const history: Array<StreamHistoryItem<Event>> = [];
  for await (const stored of store.readStream(streamId)) {
    // A view shows an erased subject's fields as null (GET /leads/{id} and the like): there, and erased.
    const shown = stored.erasedFields === undefined ? stored : { ...stored, data: erasedAsNull(stored.data, stored.erasedFields) };
    history.push({ event: schemas.upcast(shown) as Event, occurredAt: stored.occurredAt, actor: actorOf(stored.metadata) });
  }
  return history;
}

function actorOf(metadata: unknown): StreamHistoryItem<DomainEvent>['actor'] {
  const actor = (metadata as { actor?: { userId?: unknown; role?: unknown } } | null)?.actor;
  return typeof actor?.userId === 'string' && typeof actor.role === 'string' ? { userId: actor.userId, role: actor.role } : null;
}

/** A line of an aggregate's history as its page shows it: what happened, when, by whom (never personal data). */
export interface HistoryEntry {
  readonly revision: number;
  readonly type: string;
  readonly at: string;
  /** The person or process that caused it; null for an event written without one. */
  readonly by: { readonly userId: string; readonly role: string } | null;
  /** What a reader needs besides the type, chosen per aggregate (the routing rule of an assignment, a stage). */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

/** The history lines of a stream's events, oldest first; `detail` picks what each shows besides its type. */
export function historyOf<Event extends DomainEvent>(
  items: ReadonlyArray<StreamHistoryItem<Event>>,
  detail: (event: Event) => HistoryEntry['detail'] | undefined = () => undefined,
): HistoryEntry[] {
  return items.map(({ event, occurredAt, actor }, revision) => {
    const shown = detail(event);
    return { revision, type: event.type, at: occurredAt.toISOString(), by: actor, ...(shown === undefined ? {} : { detail: shown }) };
  });
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
