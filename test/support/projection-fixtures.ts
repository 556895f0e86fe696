/** Histories and comparisons for the projection tests. */
import { openEventStore, type EventStore, type ReadAllFrom, type SubscribeOptions } from '#libs/event-store';
import { DocumentState, foldHistory, type ProjectionDefinition, type ReadModelStore } from '#libs/projections';
import { DepartmentSimulation } from '../../apps/simulator/src/department-simulation';
import { freshKurrentDbUrl } from './kurrentdb';
import { freshSchemaName, testDatabaseUrl } from './postgres';

/** 'kurrentdb' only under `npm run test:kurrentdb`. */
export type Kind = 'sqlite' | 'postgres' | 'kurrentdb';

export function storeUrl(kind: Kind, folder: string, name: string): string {
  if (kind === 'sqlite') return `sqlite:${folder}/${name}.db`;
  if (kind === 'kurrentdb') return freshKurrentDbUrl(name.replace(/_/g, '-'));
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('schema', freshSchemaName(name));
  return url.toString();
}

/** Where a store's read models are: beside the events on SQLite and PostgreSQL, a SQLite file of their own beside KurrentDB. */
export function readModelUrlOf(kind: Kind, url: string, folder: string, name: string): string {
  return kind === 'kurrentdb' ? `sqlite:${folder}/${name}.read-models.db` : url;
}

export async function openStore(url: string): Promise<EventStore> {
  return openEventStore(url);
}

/** A simulated department's days, as appendMany batches (deterministic for a seed). */
export function simulatedDays(seed: number, days: number, leadsPerDay = 6) {
  const simulation = new DepartmentSimulation({
    seed,
    months: Math.max(1, days / 30.4),
    start: new Date('2025-01-01T00:00:00Z'),
    leadsPerDay,
    keyAccountThreshold: 300_000,
  });
  return [...simulation.dayBatches()].slice(0, days);
}

export async function writeDays(store: EventStore, batches: ReturnType<typeof simulatedDays>): Promise<number> {
  let events = 0;
  for (const batch of batches) {
    await store.appendMany(batch);
    events += batch.reduce((sum, append) => sum + append.events.length, 0);
  }
  return events;
}

/** JSON of every document, as comparable text-free values (undefined fields dropped, as persisted). */
export function plain(state: { snapshot(): unknown }): unknown {
  return JSON.parse(JSON.stringify(state.snapshot()));
}

/** The documents of the projection's active build, as persisted. */
export async function persisted(readModels: ReadModelStore, projection: ProjectionDefinition): Promise<{ buildId: number; documents: unknown; eventsApplied: number }> {
  const active = await readModels.activeBuild(projection.name);
  if (active === undefined) throw new Error(`${projection.name} has no active build`);
  const state = DocumentState.of(projection, false);
  const loaded = await readModels.loadBuild(active.buildId, (collection, key, document) => state.load(collection, key, document));
  return { buildId: active.buildId, documents: plain(state), eventsApplied: loaded!.eventsApplied };
}

/** A fresh fold of the whole history: what every read model must equal. */
export async function rebuilt(store: EventStore, projection: ProjectionDefinition): Promise<{ documents: unknown; eventsApplied: number }> {
  const folded = await foldHistory(store, projection);
  return { documents: plain(folded.documents), eventsApplied: folded.eventsApplied };
}

/** Each projection's active build, as persisted, equals a fresh fold of the history: same events applied, same documents. */
export async function expectPersistedEqualRebuilt(store: EventStore, readModels: ReadModelStore, projections: readonly ProjectionDefinition[]): Promise<void> {
  for (const projection of projections) {
    const whole = await rebuilt(store, projection);
    const saved = await persisted(readModels, projection);
    expect(saved.eventsApplied).toBe(whole.eventsApplied);
    expect(saved.documents).toEqual(whole.documents);
  }
}

/** The store, with the `from` of every subscription it opened. */
export function watched(store: EventStore): { store: EventStore; froms: Array<ReadAllFrom | 'end' | undefined> } {
  const froms: Array<ReadAllFrom | 'end' | undefined> = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'subscribe') return Reflect.get(target, property, receiver) as unknown;
      return (options: SubscribeOptions) => {
        froms.push(options.from);
        return target.subscribe(options);
      };
    },
  });
  return { store: proxy, froms };
}
