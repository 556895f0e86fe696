/**
 * A projection's documents as they stood at a past moment, folded from the history in memory: the live
 * read models are not touched. "As of" is business time: every event that had occurred by then.
 */
import type { EventStore, GlobalPosition, ReadAllFrom } from '#libs/event-store';
import { DocumentState } from './engine/document-state';
import type { ProjectionDefinition } from './engine/projection';

export interface FoldedDocuments {
  readonly documents: DocumentState;
  readonly eventsApplied: number;
  readonly position: ReadAllFrom;
}

export async function foldHistory(
  store: EventStore,
  projection: ProjectionDefinition,
  options: { readonly asOf?: Date; readonly until?: GlobalPosition; readonly onEvent?: (count: number) => void } = {},
): Promise<FoldedDocuments> {
  const documents = DocumentState.of(projection, false);
  const asOf = options.asOf?.getTime() ?? Number.POSITIVE_INFINITY;
  let eventsApplied = 0;
  let position: ReadAllFrom = 'start';
  for await (const event of store.readAll({
    batchSize: 5000,
    filter: { eventTypes: projection.eventTypes },
    ...(options.until ? { until: { position: options.until } } : {}),
  })) {
    if (event.occurredAt.getTime() > asOf) continue;
    projection.apply(documents, event);
    eventsApplied++;
    position = event.position;
    options.onEvent?.(eventsApplied);
  }
  return { documents, eventsApplied, position };
}
