import { join } from 'node:path';

/**
 * The file a worker thread runs, beside the module that starts it (`directory`, its __dirname): the
 * compiled `<name>.js`, or in source mode (tests, scripts run with @swc-node/register) `<name>.ts`
 * with the same register hook. Used by every lib that starts threads (page reading, read-model commits,
 * the Kafka relay's producers).
 */
export function workerEntry(directory: string, name: string): { filename: string; execArgv?: string[] } {
  if (__filename.endsWith('.js')) return { filename: join(directory, `${name}.js`) };
  return { filename: join(directory, `${name}.ts`), execArgv: ['--require', '@swc-node/register'] };
}
