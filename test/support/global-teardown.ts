import pg from 'pg';
import { kurrentDbNotRunLine } from './kurrentdb-server';

export default async function globalTeardown(): Promise<void> {
  await Promise.all([dropDatabase(), globalThis.salesOpsKafka?.stop()]);
  // Last, where it is seen: the KurrentDB suite is not in this run's result, and why (kurrentdb-server.ts).
  const probe = globalThis.salesOpsKurrentDbProbe;
  if (probe) process.stderr.write(`\n${kurrentDbNotRunLine(probe)}\n\n`);
}

async function dropDatabase(): Promise<void> {
  const run = globalThis.salesOpsRunDatabase;
  if (!run) return;
  const admin = new pg.Client({ connectionString: run.adminUrl });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${run.name}" WITH (FORCE)`);
  } finally {
    await admin.end().catch(() => undefined);
    await run.server.stop();
  }
}
