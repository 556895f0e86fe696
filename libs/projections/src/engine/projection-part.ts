/** What a projection runner keeps per projection while it follows the store, and how an event moves it on. */
import { comparePositions, type ReadAllFrom, type StoredEvent, type Subscription } from '#libs/event-store';
import type { BackgroundLoad } from './background-load';
import { DocumentState } from './document-state';
import type { ProjectionDefinition } from './projection';
import type { BuildRecord, BuildWriter } from './read-model-store.port';

/** One projection's part of a cycle: its state, build and writer. */
export interface Part {
  readonly definition: ProjectionDefinition;
  readonly types: ReadonlySet<string>;
  readonly state: DocumentState;
  build: BuildRecord | undefined;
  writer: BuildWriter | undefined;
  /** Last event read (applied, or skipped as not of its types). */
  position: ReadAllFrom;
  persisted: ReadAllFrom;
  eventsApplied: number;
  /** Events read since the last persisted batch. */
  pending: number;
  committing: Promise<void>;
  lastRecordedAt: Date | undefined;
  /** Its documents being loaded behind the fold (ProjectionDefinition.loadInBackground); undefined once loaded before it. */
  behind: BackgroundLoad | undefined;
}

/** The projections' parts followed from one read of the store, until the cycle ends or must be redone. */
export interface Cycle {
  readonly parts: Part[];
  live: boolean;
  subscription?: Subscription;
}

export function newPart(definition: ProjectionDefinition, build: BuildRecord | undefined, writer: BuildWriter | undefined): Part {
  return {
    definition,
    types: new Set(definition.eventTypes),
    state: DocumentState.of(definition, writer !== undefined),
    build,
    writer,
    position: 'start',
    persisted: 'start',
    eventsApplied: 0,
    pending: 0,
    committing: Promise.resolve(),
    lastRecordedAt: undefined,
    behind: undefined,
  };
}

/** Whether `event` lies beyond what `part` has read (else it is already in this build). */
function isAhead(part: Part, event: StoredEvent): boolean {
  return part.position === 'start' || comparePositions(event.position, part.position) > 0;
}

/** Before applyEvent: while the part's documents load behind its fold, reads those the event's fold needs. */
export async function prepareEvent(part: Part, event: StoredEvent): Promise<void> {
  if (part.behind !== undefined && !part.behind.complete && isAhead(part, event) && part.types.has(event.type)) await part.behind.prepare(event);
}

export function applyEvent(part: Part, event: StoredEvent): void {
  if (!isAhead(part, event)) return;
  if (part.types.has(event.type)) {
    part.definition.apply(part.state, event);
    part.eventsApplied += 1;
  }
  part.position = event.position;
  part.pending += 1;
  part.lastRecordedAt = event.recordedAt;
}
