import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  await Promise.all([dropDatabase(), globalThis.salesOpsKafka?.stop()]);
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
