import { join } from 'node:path';

/** The hook that compiles TypeScript on load (source mode: the repository's tools/, three levels above this file). */
const REGISTER_TS = join(__dirname, '..', '..', '..', 'tools', 'register-ts.cjs');

/**
 * The file a worker thread runs, beside the module that starts it (`directory`, its __dirname): the
 * compiled `<name>.js`, or in source mode (tests, scripts run with tools/register-ts.cjs) `<name>.ts`
 * with the same hook. Used by every lib that starts threads (page reading, read-model commits,
 * the Kafka relay's producers).
 */
export function workerEntry(directory: string, name: string): { filename: string; execArgv?: string[] } {
  if (__filename.endsWith('.js')) return { filename: join(directory, `${name}.js`) };
  return { filename: join(directory, `${name}.ts`), execArgv: ['--require', REGISTER_TS] };
}

/**
 * Heap limits for a thread that passes data through (reads pages, commits batches): what it allocates is
 * handed on or dropped at once, so a smaller young generation does. V8's default grows to 48 MB when
 * objects outlive a scavenge (a page read ahead waits to be asked for), which adds tens of MB to a rebuild's
 * peak RSS across the page and writer threads. 16 MB keeps most of that off; much smaller, the threads
 * scavenge so often that the rebuild pays for it in CPU (bench:projections shows both).
 */
export const PASS_THROUGH_THREAD_LIMITS = { maxYoungGenerationSizeMb: 16 } as const;
