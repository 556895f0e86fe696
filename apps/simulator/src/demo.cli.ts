/**
 * `npm run demo`: a living department on the embedded default. With the app's own configuration
 * (EVENT_STORE_URL, by default sqlite:./data/sales-ops.db), an empty store is filled with a simulated year
 * ending today (seed 42); a store that holds events is left as it is. Then the all-in-one app starts in this
 * terminal (it prints where it listens and how to sign in); SIGINT and SIGTERM go to it, and its exit code
 * is this one's.
 *   npm run demo [-- --months 12] [--seed 42] [--fresh]
 * --fresh (SQLite only) moves the store's file and its read models aside to `<name>.<timestamp>.bak` first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, openAppEventStore } from '#libs/platform';
import { integerOption, isUsageError } from './cli-options';
import { prepareDemoStore } from './demo-store';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function fail(message: string, code = 2): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

const exitCodeOf = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      months: { type: 'string', default: '12' },
      seed: { type: 'string', default: '42' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const months = integerOption(values.months, 'months', 1, 60);
  const seed = integerOption(values.seed, 'seed', 0, 2 ** 32 - 1);
  const config = loadConfig(process.env);
  const shownUrl = config.eventStoreUrl.replace(/\/\/[^@/]*@/, '//…@');

  // Until the app runs, a signal stops the filling after the day in hand (a day is written whole).
  let stopped: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals) => (stopped = signal);
  for (const signal of SIGNALS) process.on(signal, stop);

  const tty = process.stderr.isTTY === true;
  const outcome = await prepareDemoStore({ ...config, openStore: () => openAppEventStore(config) }, {
    months,
    seed,
    fresh: values.fresh!,
    now: new Date(),
    stop: () => stopped !== undefined,
    moved: (what) => process.stderr.write(`demo: moved ${what}\n`),
    progress: ({ days, totalDays, events }) => {
      if (tty) process.stderr.write(`\rdemo: simulating day ${days} of ${totalDays}, ${events.toLocaleString('en')} events`);
      else if (days % 90 === 0) process.stderr.write(`demo: simulated day ${days} of ${totalDays}, ${events.toLocaleString('en')} events\n`);
    },
  });
  if (tty && outcome.action === 'filled') process.stderr.write('\n');
  if (outcome.action === 'kept') {
    process.stdout.write(`demo: ${shownUrl} already holds events: leaving them as they are (npm run demo -- --fresh starts over on SQLite)\n`);
  } else if (outcome.interrupted) {
    process.stderr.write(
      `demo: stopped after ${outcome.days} of ${outcome.totalDays} days (${outcome.events.toLocaleString('en')} events): ` +
        `${shownUrl} holds part of the history; npm run demo -- --fresh starts over\n`,
    );
  } else {
    process.stdout.write(
      `demo: wrote ${outcome.events.toLocaleString('en')} events, a simulated department from ${outcome.first} to ${outcome.last} ` +
        `(seed ${seed}), into ${shownUrl} in ${outcome.seconds.toFixed(1)} s\n`,
    );
  }
  if (stopped !== undefined) process.exit(exitCodeOf(stopped));
  for (const signal of SIGNALS) process.off(signal, stop);
  startApp();
}

/** The all-in-one app in this terminal, with this process's environment; its exit is ours. */
function startApp(): void {
  const main = join(__dirname, '../../sales-ops/src/main.js');
  if (!existsSync(main)) fail(`${main} is not built: run npm run demo (it builds first)`);
  const app = spawn(process.execPath, [main], { stdio: 'inherit', env: process.env });
  // A Ctrl-C in the terminal reaches both processes; the app shuts down once for either.
  const forward = (signal: NodeJS.Signals) => app.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  app.on('error', (error) => fail(`could not start the app: ${error.message}`, 1));
  app.on('exit', (code, signal) => process.exit(code ?? (signal ? exitCodeOf(signal) : 1)));
}

main().catch((error: unknown) => {
  if (isUsageError(error) || error instanceof ConfigError) fail(error.message);
  // Say what stopped it (a store out of reach, a file it may not write) in a line; the stack is for bugs.
  fail(error instanceof Error ? error.message : String(error), 1);
});
