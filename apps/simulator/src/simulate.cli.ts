/**
 * Writes a realistic department's history into an empty store, through the deciders:
 *   npm run simulate -- --months 12 --seed 42 [--store sqlite:./data/demo.db] [--leads-per-day 30] [--start 2025-01-01]
 */
import { parseArgs } from 'node:util';
import { openEventStore } from '#libs/event-store';
import { DepartmentSimulation } from './department-simulation';

function fail(message: string): never {
  process.stderr.write(`simulate: ${message}\n`);
  process.exit(2);
}

function integer(text: string | undefined, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text ?? '') || value < min || value > max) fail(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      months: { type: 'string', default: '12' },
      seed: { type: 'string', default: '42' },
      store: { type: 'string', default: 'sqlite:./data/demo.db' },
      'leads-per-day': { type: 'string', default: '30' },
      start: { type: 'string', default: '2025-01-01' },
      'key-account-threshold': { type: 'string', default: '1000000' },
    },
  });
  const start = new Date(`${values.start}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start!) || Number.isNaN(start.getTime())) fail('--start must be a date such as 2025-01-01');
  const simulation = new DepartmentSimulation({
    months: integer(values.months, 'months', 1, 60),
    seed: integer(values.seed, 'seed', 0, 2 ** 32 - 1),
    leadsPerDay: integer(values['leads-per-day'], 'leads-per-day', 1, 1000),
    keyAccountThreshold: integer(values['key-account-threshold'], 'key-account-threshold', 1, 1e12),
    start,
  });
  const store = await openEventStore(values.store!).catch((error: Error) => fail(error.message));
  for await (const _ of store.readAll({ batchSize: 1 })) {
    await store.close();
    fail(`the store at ${values.store} already holds events: simulate into an empty one, e.g. --store sqlite:./data/demo-2.db`);
  }
  const began = Date.now();
  let events = 0;
  let days = 0;
  for (const batch of simulation.dayBatches()) {
    await store.appendMany(batch);
    events += batch.reduce((sum, append) => sum + append.events.length, 0);
    if (++days % 30 === 0) process.stderr.write(`\r${days} days, ${events} events, ${Math.round(events / ((Date.now() - began) / 1000))} events/s`);
  }
  await store.close();
  const seconds = (Date.now() - began) / 1000;
  process.stderr.write('\n');
  process.stdout.write(
    `wrote ${events} events for ${simulation.days} days in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s) into ${values.store}\n` +
      Object.entries(simulation.counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, count]) => `  ${type.padEnd(24)} ${count}`)
        .join('\n') +
      '\n',
  );
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
