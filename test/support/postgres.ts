/** The run's PostgreSQL database (created by global-setup.ts); fails loudly when there is none. */
export function testDatabaseUrl(): string {
  const url = process.env.SALES_OPS_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(process.env.SALES_OPS_TEST_DATABASE_ERROR ?? 'no PostgreSQL test database: run the tests with `npm test`');
  }
  return url;
}

let counter = 0;

/** A schema name no other test in this run uses. */
export function freshSchemaName(prefix = 't'): string {
  return `${prefix}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
}
