/** Writing a simulated history into a store, one appendMany per simulated day: what `simulate` and `demo` share. */
import { ACCOUNT_MANAGEMENT_PROCESS_MANAGERS } from '#libs/account-management';
import { DEAL_CLOSING_PROCESS_MANAGERS } from '#libs/deal-closing';
import { openCheckpointStore, type EventStore } from '#libs/event-store';
import type { ProcessManagerDependencies } from '#libs/platform';
import { PROSPECTING_PROCESS_MANAGERS } from '#libs/prospecting';
import type { DepartmentSimulation } from './department-simulation';

export interface WriteProgress {
  /** Simulated days done, of `simulation.days`. */
  readonly days: number;
  readonly events: number;
  readonly seconds: number;
}

interface WriteResult extends WriteProgress {
  /** True when `stop()` asked to stop before the last day. */
  readonly interrupted: boolean;
}

export async function holdsEvents(store: EventStore): Promise<boolean> {
  for await (const _ of store.readAll({ batchSize: 1 })) return true;
  return false;
}

/**
 * Appends the simulation's days in order. `progress` is told every `every` simulated days; `stop` is asked
 * before each day (a day is written whole or not at all).
 */
export async function writeSimulation(
  store: EventStore,
  simulation: DepartmentSimulation,
  options: { readonly progress?: (progress: WriteProgress) => void; readonly every?: number; readonly stop?: () => boolean } = {},
): Promise<WriteResult> {
  const began = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - began) / 1e9;
  const every = options.every ?? 30;
  let events = 0;
  let days = 0;
  for (const batch of simulation.dayBatches()) {
    // An append into SQLite resolves at once: without a turn of the event loop, a signal would wait for the last day.
    if (options.stop) await new Promise((resolve) => setImmediate(resolve));
    if (options.stop?.()) return { days, events, seconds: seconds(), interrupted: true };
    await store.appendMany(batch);
    events += batch.reduce((sum, append) => sum + append.events.length, 0);
    if (++days % every === 0) options.progress?.({ days, events, seconds: seconds() });
  }
  return { days: simulation.days, events, seconds: seconds(), interrupted: false };
}

/** The names (and checkpoints) of the process managers the all-in-one app runs. */
export function processManagerNames(): string[] {
  const refuse = () => Promise.reject(new Error('only the name of this process manager is asked for'));
  const inert = {
    commandBus: { execute: refuse },
    load: refuse,
    roster: {},
    config: { keyAccountThreshold: 0 },
    log: { warn: () => undefined, error: () => undefined },
  } as unknown as ProcessManagerDependencies;
  return [...PROSPECTING_PROCESS_MANAGERS, ...DEAL_CLOSING_PROCESS_MANAGERS, ...ACCOUNT_MANAGEMENT_PROCESS_MANAGERS].map((factory) => factory(inert).name);
}

/**
 * The simulation has done the process managers' work already (every assignment, deal, account and
 * promotion is in its history, with their actors and causes): their checkpoints move to the head of the
 * store, so that the app does not route the history's leads again when it starts on it. Returns their names.
 * `url` is where the checkpoints are: sideDatabaseUrl(EVENT_STORE_URL, READ_MODEL_URL).
 */
export async function markProcessManagersCaughtUp(url: string, store: EventStore): Promise<string[]> {
  const head = await store.headPosition();
  if (head === 'start') return [];
  const checkpoints = await openCheckpointStore(url);
  try {
    const names = processManagerNames();
    for (const name of names) await checkpoints.save(name, head);
    return names;
  } finally {
    await checkpoints.close();
  }
}
