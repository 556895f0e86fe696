/**
 * Once per `npm run test:kurrentdb`: the KurrentDB the suite runs on (kurrentdb-server.ts). Without one the run fails
 * here, with the finder's one message saying why — before any test, so nothing is reported as passed.
 */
import { findKurrentDbServer, type FindKurrentDbOptions, type KurrentDbServer } from './kurrentdb-server';

declare global {
  var salesOpsKurrentDb: KurrentDbServer | undefined;
}

export async function setUpKurrentDb(options: FindKurrentDbOptions = {}): Promise<KurrentDbServer> {
  const server = await findKurrentDbServer(options);
  process.env.SALES_OPS_TEST_KURRENTDB_URL = server.url;
  if (server.maxAppendBytes !== undefined) process.env.SALES_OPS_TEST_KURRENTDB_MAX_APPEND_BYTES = String(server.maxAppendBytes);
  process.stderr.write(`\nKurrentDB suite on ${server.source}\n`);
  return server;
}

export default async function kurrentDbGlobalSetup(): Promise<void> {
  globalThis.salesOpsKurrentDb = await setUpKurrentDb();
}
