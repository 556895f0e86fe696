/**
 * The PostgreSQL database a benchmark run works in: created for the run, dropped at its end (also on
 * Ctrl-C, by the caller's handlers). Shared by bench:store and bench:projections.
 */
import pg from 'pg';

/** Creates a database of its own for this run; returns its URL and a function that drops it. */
export async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sales_ops_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  // A lost admin connection surfaces when the database is dropped, not as an unhandled 'error' event.
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL at ${describe(adminUrl)} is unreachable or refused CREATE DATABASE: ${(error as Error).message}. ` +
        'Start it (npm run postgres:ensure) or set DATABASE_URL.',
      { cause: error },
    );
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = async (): Promise<void> => {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  // Once, whether the run ends or is interrupted.
  return { url: url.toString(), drop: () => (dropped ??= drop()) };
}

function describe(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured PostgreSQL';
  }
}
