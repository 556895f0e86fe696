/**
 * Writes a realistic department's history into an empty store, through the deciders:
 *   npm run simulate -- --months 12 --seed 42 [--store sqlite:./data/demo.db] [--leads-per-day 30]
 *                       [--end 2026-07-01 (default: today, UTC) | --start 2025-01-01]
 * With --end (the default) the history is the --months calendar months before that day, its last day the
 * day before; with --start it begins on that day and lasts --months × 30.4 days.
 */
import { parseArgs } from 'node:util';
import { DAY_MS } from '#libs/contracts';
import { sideDatabaseUrl } from '#libs/event-store';
import { loadConfig, openAppEventStore } from '#libs/platform';
import { DepartmentSimulation } from './department-simulation';
import { integerOption, isUsageError, spanOption } from './cli-options';

import { holdsEvents, markProcessManagersCaughtUp, writeSimulation } from './write-simulation';

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      months: { type: 'string', default: '12' },
      seed: { type: 'string', default: '42' },
      store: { type: 'string', default: 'sqlite:./data/demo.db' },
      'leads-per-day': { type: 'string', default: '30' },
      start: { type: 'string' },
      end: { type: 'string' },
      'key-account-threshold': { type: 'string', default: '1000000' },
    },
  });
  const simulation = new DepartmentSimulation({
    months: integerOption(values.months, 'months', 1, 60),
    seed: integerOption(values.seed, 'seed', 0, 2 ** 32 - 1),
    leadsPerDay: integerOption(values['leads-per-day'], 'leads-per-day', 1, 1000),
    keyAccountThreshold: integerOption(values['key-account-threshold'], 'key-account-threshold', 1, 1e12),
    ...spanOption(values),
  });
  // Sealed with the master key the app will read it with (PRIVACY_MASTER_KEY, or the one in DATA_DIR); on KurrentDB the
  // keys and checkpoints go to READ_MODEL_URL's database.
  const config = loadConfig(process.env);
  const store = await openAppEventStore(config, values.store!).catch((error: Error) => fail(error.message));
  if (await holdsEvents(store)) {
    await store.close();
    fail(`the store at ${values.store} already holds events: simulate into an empty one, e.g. --store sqlite:./data/demo-2.db`);
  }
  const written = await writeSimulation(store, simulation, {
    progress: ({ days, events, seconds }) => process.stderr.write(`\r${days} days, ${events} events, ${Math.round(events / seconds)} events/s`),
  });
  await markProcessManagersCaughtUp(sideDatabaseUrl(values.store!, config.readModelUrl), store);
  await store.close();
  const last = new Date(simulation.start.getTime() + (simulation.days - 1) * DAY_MS);
  process.stderr.write('\n');
  process.stdout.write(
    `wrote ${written.events} events for ${simulation.days} days (${simulation.start.toISOString().slice(0, 10)} to ${last.toISOString().slice(0, 10)}) ` +
      `in ${written.seconds.toFixed(1)} s (${Math.round(written.events / written.seconds)} events/s) into ${values.store}\n` +
      Object.entries(simulation.counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => `  ${type.padEnd(24)} ${count}`)
        .join('\n') +
      '\n',
  );
}

main().catch((error: unknown) => fail(isUsageError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)));
