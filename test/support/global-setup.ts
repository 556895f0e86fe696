/**
 * Once per `npm test`: a fresh PostgreSQL database for this run, so that runs never see each other.
 * Its URL reaches the test workers as SALES_OPS_TEST_DATABASE_URL; the failure, if any, as
 * SALES_OPS_TEST_DATABASE_ERROR (see postgres.ts).
 */
import pg from 'pg';
import { findPostgresServer, type PostgresServer } from './postgres-server';

export interface RunDatabase {
  readonly server: PostgresServer;
  readonly adminUrl: string;
  readonly name: string;
}

declare global {
  var salesOpsRunDatabase: RunDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  let server: PostgresServer;
  try {
    server = await findPostgresServer();
  } catch (error) {
    process.env.SALES_OPS_TEST_DATABASE_ERROR = (error as Error).message;
    return;
  }
  const name = `sales_ops_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    process.env.SALES_OPS_TEST_DATABASE_ERROR = `cannot create a test database on ${server.source}: ${(error as Error).message}`;
    await server.stop();
    return;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  process.env.SALES_OPS_TEST_DATABASE_URL = url.toString();
  globalThis.salesOpsRunDatabase = { server, adminUrl: server.adminUrl, name };
}
