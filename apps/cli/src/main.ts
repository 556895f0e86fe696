#!/usr/bin/env node
/**
 * The analysts' command line (`npm run -s cli -- …`, or `sales-ops` once installed):
 *   replay <projection>|all                     rebuild read models beside the live ones, then swap them in
 *   kpis --as-of <date> [--from] [--to] [--group-by rep|role|source|script] [--json]
 *   export [--format ndjson|csv] [--from] [--to] [--type A,B] [--out <file>]
 *   kafka-check [--json]                        the Kafka topics against the store (needs KAFKA_BROKERS)
 *   rotate-master-key --new-key-file <file>     re-wrap the personal-data keys under a new master key
 * The store comes from EVENT_STORE_URL (and READ_MODEL_URL), or --store.
 */
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { defaultReadModelUrl, inView, parseEventStoreUrl } from '#libs/event-store';
import { ConfigError, limitHeapGrowth, loadConfig, openAppEventStore } from '#libs/platform';
import { openReadModelStore } from '#libs/projections';
import { CliError } from './cli-error';
import { exportHistory } from './export.command';
import { kafkaCheck } from './kafka-check.command';
import { kpis } from './kpis.command';
import { replay } from './replay.command';
import { rotateMasterKeyCommand } from './rotate-master-key.command';

const USAGE = `usage: sales-ops <command> [options]
  replay <projection>|all            rebuild work-queues, kpi-facts, or all of them
  kpis --as-of <date>                the KPIs as they stood then [--from] [--to] [--group-by] [--json]
  export [--format ndjson|csv]       the history into a file [--from] [--to] [--type A,B] [--out file]
  kafka-check [--json]               every stored event on its Kafka topic, each stream in order (KAFKA_BROKERS); exit 1 if not
  rotate-master-key --new-key-file <file>  re-wrap every personal-data key under a new master key (events untouched)
options for every command: --store <url> (default: EVENT_STORE_URL, else sqlite:./data/sales-ops.db; a kurrentdb:// store needs READ_MODEL_URL)`;

/**
 * The read models beside a --store, as the app would keep them. KurrentDB has none beside it: READ_MODEL_URL must be
 * set, and loadConfig says so, naming it (as does a --store it cannot read, naming EVENT_STORE_URL).
 */
function readModelBeside(store: string): string {
  try {
    return parseEventStoreUrl(store).kind === 'kurrentdb' ? '' : defaultReadModelUrl(store);
  } catch {
    return '';
  }
}

async function main(argv: string[]): Promise<void> {
  Logger.overrideLogger(['error', 'warn']); // the engine's progress logs are for servers; the CLI draws its own
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      'as-of': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'group-by': { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      type: { type: 'string' },
      out: { type: 'string' },
      'new-key-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    if (command === undefined && !values.help) throw new CliError('no command given');
    return;
  }
  if (!['replay', 'kpis', 'export', 'kafka-check', 'rotate-master-key'].includes(command)) {
    throw new CliError(`unknown command "${command}": replay, kpis, export, kafka-check or rotate-master-key`);
  }
  const config = loadConfig(values.store ? { ...process.env, EVENT_STORE_URL: values.store, READ_MODEL_URL: process.env.READ_MODEL_URL || readModelBeside(values.store) } : process.env);
  limitHeapGrowth(config.replayHeapGrowingPercent);
  // Before the store opens: opening it checks the current master key, which this command replaces.
  if (command === 'rotate-master-key') return rotateMasterKeyCommand({ newKeyFile: values['new-key-file'] }, config, process.stdout);
  const store = await openAppEventStore(config);
  try {
    if (command === 'replay') {
      const readModels = await openReadModelStore(config.readModelUrl, { writerThread: true });
      try {
        // Projections keep no personal data: they read without it.
        await replay(rest[0], inView(store, 'omit'), readModels, process.stdout);
      } finally {
        await readModels.close();
      }
    } else if (command === 'kpis') {
      await kpis({ asOf: values['as-of'], from: values.from, to: values.to, groupBy: values['group-by'], json: values.json }, inView(store, 'omit'), process.stdout);
    } else if (command === 'kafka-check') {
      if (!(await kafkaCheck({ json: values.json }, config.kafka, store, process.stdout))) process.exitCode = 1;
    } else {
      await exportHistory({ format: values.format, from: values.from, to: values.to, type: values.type, out: values.out }, store, process.stdout);
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (error: Error) => {
    // parseArgs' unknown option errors carry a code such as ERR_PARSE_ARGS_UNKNOWN_OPTION.
    const known =
      error instanceof CliError ||
      error instanceof ConfigError ||
      error.name === 'InvalidEventStoreInputError' ||
      error.name === 'PersonalDataKeysError' ||
      String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`sales-ops: ${error.message}\n`);
    if (!known) process.stderr.write(`${error.stack}\n`);
    process.exit(known ? 2 : 1);
  },
);
