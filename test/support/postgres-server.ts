/**
 * Finds a PostgreSQL server for the tests, in this order: DATABASE_URL; a container through
 * testcontainers when a Docker engine answers; a throwaway cluster from the PostgreSQL binaries on this
 * machine (infra/postgres/throwaway-cluster.sh). If none works, the reason is kept and every test that
 * needs PostgreSQL fails with it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PostgresServer {
  /** A URL of the server's maintenance database, for creating and dropping test databases. */
  readonly adminUrl: string;
  readonly source: string;
  stop(): Promise<void>;
}

const THROWAWAY_SCRIPT = resolve(__dirname, '../../infra/postgres/throwaway-cluster.sh');

export async function findPostgresServer(): Promise<PostgresServer> {
  const tried: string[] = [];
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, source: 'DATABASE_URL', stop: async () => undefined };
  }
  tried.push('DATABASE_URL is not set');

  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return {
      adminUrl: container.getConnectionUri(),
      source: 'testcontainers',
      stop: async () => {
        await container.stop();
      },
    };
  } catch (error) {
    tried.push(`no Docker engine for testcontainers (${firstLine(error)})`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-pg-'));
  const port = String(40000 + (process.pid % 20000));
  try {
    const adminUrl = execFileSync('bash', [THROWAWAY_SCRIPT, 'start', dir, port], { encoding: 'utf8' }).trim();
    return {
      adminUrl,
      source: `a throwaway cluster in ${dir}`,
      stop: async () => {
        execFileSync('bash', [THROWAWAY_SCRIPT, 'stop', dir]);
      },
    };
  } catch (error) {
    tried.push(`no throwaway cluster (${firstLine(error)})`);
  }

  throw new Error(
    `no PostgreSQL for the tests: ${tried.join('; ')}. ` +
      'Set DATABASE_URL to a server the tests may create databases on (e.g. postgres://postgres@127.0.0.1:5432/postgres), ' +
      'start a Docker engine, or install PostgreSQL.',
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error as Error & { stderr?: string }).stderr || error.message : String(error);
  return text.trim().split('\n')[0] ?? 'unknown error';
}
