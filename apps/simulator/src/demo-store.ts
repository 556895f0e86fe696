/**
 * What `npm run demo` does to the app's store before it starts the app: an empty store gets a simulated
 * year ending today; a store that holds events is left as it is; `--fresh` (SQLite only) first moves the
 * store's file and its read models aside, so the demo starts over without deleting anything.
 */
import { existsSync, renameSync } from 'node:fs';
import { DAY_MS } from '#libs/contracts';
import { openEventStore, parseEventStoreUrl, parseSqlDatabaseUrl, sideDatabaseUrl, type EventStore } from '#libs/event-store';
import { UsageError } from './cli-options';
import { DepartmentSimulation } from './department-simulation';
import { utcDay } from './simulation-window';
import { holdsEvents, markProcessManagersCaughtUp, writeSimulation, type WriteProgress } from './write-simulation';

export interface DemoStoreSettings {
  /** The app's own configuration (loadConfig): where it keeps its events and read models. */
  readonly eventStoreUrl: string;
  readonly readModelUrl: string;
  readonly keyAccountThreshold: number;
  /** Opens the store (the app's own way, with its personal-data keys); absent: the bare adapter. */
  readonly openStore?: () => Promise<EventStore>;
}

interface DemoOptions {
  readonly months: number;
  readonly seed: number;
  /** Move an existing SQLite store aside first, and start over. */
  readonly fresh: boolean;
  /** The history ends at this day's midnight UTC (the day before is its last). */
  readonly now: Date;
  readonly leadsPerDay?: number;
  readonly progress?: (progress: WriteProgress & { readonly totalDays: number }) => void;
  /** Asked before each simulated day is written: true stops the filling (SIGINT). */
  readonly stop?: () => boolean;
  /** Told of each file moved aside, as it is. */
  readonly moved?: (what: string) => void;
}

type DemoOutcome =
  | { readonly action: 'kept'; readonly movedAside: readonly string[] }
  | {
      readonly action: 'filled';
      readonly movedAside: readonly string[];
      readonly events: number;
      /** Days written, of `totalDays` (fewer when stopped). */
      readonly days: number;
      readonly totalDays: number;
      readonly seconds: number;
      /** The first and the last simulated day, YYYY-MM-DD. */
      readonly first: string;
      readonly last: string;
      readonly interrupted: boolean;
    };

/** The demo's decision, given what the store holds. */
export function demoAction(store: { readonly holdsEvents: boolean }): 'fill' | 'keep' {
  return store.holdsEvents ? 'keep' : 'fill';
}

/** `<path>.<timestamp>.bak`, e.g. data/sales-ops.db.20261204T101500Z.bak. */
export function backupName(path: string, at: Date): string {
  return `${path}.${at.toISOString().replace(/[-:]|\.\d{3}/g, '')}.bak`;
}

export async function prepareDemoStore(settings: DemoStoreSettings, options: DemoOptions): Promise<DemoOutcome> {
  const movedAside: string[] = [];
  if (options.fresh) {
    const target = parseEventStoreUrl(settings.eventStoreUrl);
    if (target.kind !== 'sqlite' || target.path === ':memory:') {
      throw new UsageError('--fresh starts over only on a SQLite store (EVENT_STORE_URL=sqlite:…): empty a PostgreSQL store yourself, or give a KurrentDB store another namespace');
    }
    movedAside.push(...moveAside([target.path, ...sqlitePath(settings.readModelUrl)], options));
  }
  const store = await (settings.openStore?.() ?? openEventStore(settings.eventStoreUrl));
  try {
    if (demoAction({ holdsEvents: await holdsEvents(store) }) === 'keep') return { action: 'kept', movedAside };
    // Read models left from another history would skip the new one's first events: they go aside too. Not on
    // KurrentDB: there READ_MODEL_URL's database holds the personal-data keys the store just opened (sideDatabaseUrl).
    if (parseEventStoreUrl(settings.eventStoreUrl).kind !== 'kurrentdb') movedAside.push(...moveAside(sqlitePath(settings.readModelUrl), options));
    const simulation = new DepartmentSimulation({
      seed: options.seed,
      months: options.months,
      end: utcDay(options.now),
      leadsPerDay: options.leadsPerDay ?? 30,
      keyAccountThreshold: settings.keyAccountThreshold,
    });
    const written = await writeSimulation(store, simulation, {
      progress: (progress) => options.progress?.({ ...progress, totalDays: simulation.days }),
      ...(options.stop ? { stop: options.stop } : {}),
    });
    await markProcessManagersCaughtUp(sideDatabaseUrl(settings.eventStoreUrl, settings.readModelUrl), store);
    const day = (index: number) => new Date(simulation.start.getTime() + index * DAY_MS).toISOString().slice(0, 10);
    return { action: 'filled', movedAside, ...written, totalDays: simulation.days, first: day(0), last: day(simulation.days - 1) };
  } finally {
    await store.close();
  }
}

/** The file of a `sqlite:` URL (none for PostgreSQL or memory). */
function sqlitePath(url: string): string[] {
  const target = parseSqlDatabaseUrl(url);
  return target.kind === 'sqlite' && target.path !== ':memory:' ? [target.path] : [];
}

/** Renames each SQLite file that exists, with its -wal and -shm companions, to its backup name. */
function moveAside(paths: readonly string[], options: Pick<DemoOptions, 'now' | 'moved'>): string[] {
  const moved: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const backup = backupName(path, options.now);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, backup + suffix);
    }
    moved.push(`${path} → ${backup}`);
    options.moved?.(moved.at(-1)!);
  }
  return moved;
}
