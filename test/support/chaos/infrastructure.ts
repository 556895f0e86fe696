/**
 * The chaos run's own PostgreSQL and Kafka broker: both are restarted during the run, so neither may be a
 * server other tests share. PostgreSQL is a throwaway cluster from this machine's binaries
 * (infra/postgres/throwaway-cluster.sh), Kafka a single KRaft node from the Maven Central jars
 * (infra/kafka/kafka.sh), each in a temporary directory on free ports. A restart keeps the data: the
 * cluster is paused (a fast shutdown) and started again on the same port, the broker stopped without
 * purging and started from the same directory.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ROOT, freePort, onExit } from './processes';

const run = promisify(execFile);
const POSTGRES_SCRIPT = join(ROOT, 'infra/postgres/throwaway-cluster.sh');
const KAFKA_SCRIPT = join(ROOT, 'infra/kafka/kafka.sh');

export interface OwnPostgres {
  /** The run's database (`chaos`) on the cluster. */
  readonly url: string;
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-chaos-pg-'));
  const port = await freePort();
  let adminUrl: string;
  try {
    adminUrl = (await run('bash', [POSTGRES_SCRIPT, 'start', dir, String(port)], { encoding: 'utf8', timeout: 120_000 })).stdout.trim();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the chaos run needs a PostgreSQL cluster of its own (it restarts it), from this machine's PostgreSQL binaries: ${scriptError(error)}`, { cause: error });
  }
  const forget = onExit(() => {
    execFileSync('bash', [POSTGRES_SCRIPT, 'stop', dir], { timeout: 30_000 });
  });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE chaos');
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/chaos';
  return {
    url: url.toString(),
    async restart(downMs) {
      await run('bash', [POSTGRES_SCRIPT, 'pause', dir], { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, downMs));
      await run('bash', [POSTGRES_SCRIPT, 'start', dir, String(port)], { timeout: 120_000 });
    },
    async close() {
      forget();
      await run('bash', [POSTGRES_SCRIPT, 'stop', dir], { timeout: 60_000 }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnKafka {
  readonly brokers: string[];
  restart(downMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnKafka(): Promise<OwnKafka> {
  // A port found free may be taken before the broker binds it (an outgoing connection's ephemeral port: CI saw
  // "Address already in use" on the controller's): the first start is tried again on other ports.
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'sales-ops-chaos-kafka-'));
    const port = await freePort(true);
    const script = (args: string[]) =>
      run('bash', [KAFKA_SCRIPT, ...args], {
        encoding: 'utf8',
        env: { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) },
        // The first time on a machine, Maven also fetches the jars.
        timeout: 10 * 60_000,
      });
    try {
      const address = (await script(['start', dir])).stdout.trim().split('\n').pop()!;
      return ownKafka(dir, address, script);
    } catch (error) {
      await script(['stop', dir, '--purge']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      const said = `${String((error as { stderr?: string }).stderr ?? '')} ${(error as Error).message}`;
      if (attempt < 3 && /Address already in use|is taken/.test(said)) continue;
      throw new Error(`the chaos run needs a Kafka broker of its own (it restarts it), from infra/kafka/kafka.sh: ${scriptError(error)}`, { cause: error });
    }
  }
}

function ownKafka(dir: string, address: string, script: (args: string[]) => Promise<unknown>): OwnKafka {
  const forget = onExit(() => {
    execFileSync('bash', [KAFKA_SCRIPT, 'stop', dir, '--purge'], { timeout: 60_000, env: { ...process.env, KAFKA_STOP_TIMEOUT: '5' } });
  });
  return {
    brokers: [address],
    async restart(downMs) {
      await script(['stop', dir]);
      await new Promise((r) => setTimeout(r, downMs));
      await script(['start', dir]);
    },
    async close() {
      forget();
      await script(['stop', dir, '--purge']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function scriptError(error: unknown): string {
  const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
  return stderr.split('\n').slice(-3).join(' / ') || (error instanceof Error ? error.message : String(error));
}
