/**
 * Once per `npm test`: a fresh PostgreSQL database for this run, so that runs never see each other, and a
 * Kafka broker; and a look for a KurrentDB, whose suite this run does not hold (global-teardown.ts says so). The database's URL reaches the test workers as SALES_OPS_TEST_DATABASE_URL, the broker's
 * addresses as SALES_OPS_TEST_KAFKA_BROKERS; a failure, if any, as SALES_OPS_TEST_DATABASE_ERROR or
 * SALES_OPS_TEST_KAFKA_ERROR, and every test that needs the service fails with it (postgres.ts, kafka.ts).
 */
import pg from 'pg';
import { findKafkaServer, type KafkaServer } from './kafka-server';
import { probeKurrentDb } from './kurrentdb-server';
import { findPostgresServer, type PostgresServer } from './postgres-server';

export interface RunDatabase {
  readonly server: PostgresServer;
  readonly adminUrl: string;
  readonly name: string;
}

declare global {
  var salesOpsRunDatabase: RunDatabase | undefined;
  var salesOpsKafka: KafkaServer | undefined;
  /** Whether the KurrentDB suite (`npm run test:kurrentdb`, not part of this run) could run here, and why: told at the end. */
  var salesOpsKurrentDbProbe: { readonly reachable: boolean; readonly why: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  await Promise.all([setUpDatabase(), setUpKafka(), probeKurrentDbSuite()]);
}

async function probeKurrentDbSuite(): Promise<void> {
  globalThis.salesOpsKurrentDbProbe = await probeKurrentDb().catch((error: unknown) => ({ reachable: false, why: `the probe failed: ${(error as Error).message}` }));
}

async function setUpKafka(): Promise<void> {
  try {
    const server = await findKafkaServer();
    process.env.SALES_OPS_TEST_KAFKA_BROKERS = server.brokers.join(',');
    globalThis.salesOpsKafka = server;
  } catch (error) {
    process.env.SALES_OPS_TEST_KAFKA_ERROR = (error as Error).message;
  }
}

async function setUpDatabase(): Promise<void> {
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
