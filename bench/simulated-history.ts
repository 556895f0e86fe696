/**
 * The benchmarks' history: a simulated department (apps/simulator) written into one or more stores, one
 * appendMany per simulated day into each (the same events, ids included), as `npm run simulate` does. The
 * simulation runs in a child process of the benchmark's own script (started with `--simulate`), so that it
 * runs on the other core while the parent writes, and its memory (~450 MB at 1M events) stays out of the
 * processes measured.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { openEventStore, type EventStore, type StreamAppend } from '#libs/event-store';

export interface HistoryReport {
  readonly events: number;
  readonly appends: number;
  readonly days: number;
  readonly seconds: number;
}

/** BENCH_SCALE: multiplies a benchmark's history, requests and loads; e.g. 0.1 for a quick run. */
export function benchScale(): number {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number, got ${process.env.BENCH_SCALE}`);
  return scale;
}

/** The department every benchmark simulates (seed 42, 45 leads a day from 2025-01-01), for `months` months (at least one). */
export function simulatedHistory(months: number) {
  return { seed: 42, months: Math.max(1, Math.round(months)), leadsPerDay: 45, start: '2025-01-01T00:00:00Z', keyAccountThreshold: 1_000_000 } as const;
}

/** DepartmentSimulation's options for such a history. */
export function simulationOptions(history: ReturnType<typeof simulatedHistory>) {
  const { seed, months, start, leadsPerDay, keyAccountThreshold } = history;
  return { seed, months, start: new Date(start), leadsPerDay, keyAccountThreshold };
}

/** Simulated days the simulation child may run ahead of the writes. */
const DAYS_AHEAD = 8;

type SimulationMessage = { readonly batch: StreamAppend[] } | { readonly done: true; readonly days: number };

/**
 * The child's side: sends each day's batch to the parent (advanced serialisation keeps the Dates), at most
 * DAYS_AHEAD unacknowledged, then waits for the parent to disconnect.
 */
export async function sendSimulatedDays(simulation: { dayBatches(): Iterable<StreamAppend[]>; readonly days: number }): Promise<void> {
  let unacknowledged = 0;
  let acknowledged: (() => void) | undefined;
  process.on('message', () => {
    unacknowledged -= 1;
    acknowledged?.();
  });
  const send = (message: SimulationMessage): Promise<void> =>
    new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
  for (const batch of simulation.dayBatches()) {
    while (unacknowledged >= DAYS_AHEAD) await new Promise<void>((resolve) => (acknowledged = resolve));
    unacknowledged += 1;
    await send({ batch });
  }
  await send({ done: true, days: simulation.days });
  // The parent disconnects once it has written everything; the IPC channel keeps this process until then.
  process.once('disconnect', () => process.exit(0));
}

/**
 * The parent's side: forks `script --simulate {}` and writes every day it sends into each store.
 * `progress` is told every `every` days.
 */
export async function writeSimulatedHistory(
  script: string,
  urls: readonly string[],
  children: Set<ChildProcess>,
  progress: (report: HistoryReport) => void,
  every: number,
  /** How each store is opened (the bare adapter by default; the personal-data layer to write it sealed). */
  open: (url: string) => Promise<EventStore> = (url) => openEventStore(url),
  /** What the simulation child is told (its history's length, when not the script's own). */
  simulationJob: object = {},
): Promise<HistoryReport> {
  const stores = await Promise.all(urls.map((url) => open(url)));
  const began = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - began) / 1e9;
  let events = 0;
  let appends = 0;
  let days = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const child = fork(script, ['--simulate', JSON.stringify(simulationJob)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
      children.add(child);
      let writing: Promise<void> = Promise.resolve();
      let failed: Error | undefined;
      let finished = false;
      const fail = (error: Error): void => {
        if (finished) return;
        finished = true;
        failed = error;
        child.kill('SIGKILL');
        reject(error);
      };
      const succeed = (): void => {
        if (finished) return;
        finished = true;
        child.disconnect();
        resolve();
      };
      child.on('message', (message: SimulationMessage) => {
        if ('done' in message) {
          writing.then(() => (days === message.days ? succeed() : fail(new Error(`wrote ${days} days of ${message.days}`))), fail);
          return;
        }
        writing = writing.then(async () => {
          if (failed) return;
          await Promise.all(stores.map((store) => store.appendMany(message.batch)));
          appends += message.batch.length;
          events += message.batch.reduce((sum, append) => sum + append.events.length, 0);
          if (++days % every === 0) progress({ events, appends, days, seconds: seconds() });
          if (child.connected) child.send('ack');
        });
        writing.catch(fail);
      });
      child.on('error', fail);
      child.on('exit', (code, signal) => {
        children.delete(child);
        if (code !== 0) fail(new Error(`the simulation child exited with ${signal ?? `code ${code}`}`));
      });
    });
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
  return { events, appends, days, seconds: seconds() };
}
