/**
 * Finds a Kafka broker for the tests, in this order: KAFKA_BROKERS; a container (apache/kafka) through
 * testcontainers when a Docker engine answers; a single-node broker started from the Maven Central jars by
 * infra/kafka/kafka.sh (needs Java 17 and Maven). If none works, the error says what was tried and how to
 * fix it. The broker's settings are those of infra/kafka/server.properties in both the container and the
 * script (auto.create.topics.enable=false: the relay and the tests create their topics), and its version is
 * the one in infra/kafka/pom.xml.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface KafkaServer {
  /** Bootstrap addresses (host:port), as kafkajs takes them in `brokers`. */
  readonly brokers: string[];
  readonly source: string;
  stop(): Promise<void>;
}

const KAFKA_DIR = resolve(__dirname, '../../infra/kafka');
const KAFKA_SCRIPT = join(KAFKA_DIR, 'kafka.sh');
const run = promisify(execFile);

export async function findKafkaServer(): Promise<KafkaServer> {
  const tried: string[] = [];
  const fromEnv = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (fromEnv.length > 0) {
    return { brokers: fromEnv, source: 'KAFKA_BROKERS', stop: async () => undefined };
  }
  tried.push('KAFKA_BROKERS is not set');

  let dockerHost: string | undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    dockerHost = (await getContainerRuntimeClient()).info.containerRuntime.host;
  } catch (error) {
    tried.push(`no Docker engine for testcontainers (${firstLine(error)})`);
  }
  if (dockerHost !== undefined) {
    try {
      return await startContainer(dockerHost);
    } catch (error) {
      tried.push(`the apache/kafka:${kafkaVersion()} container did not start (${firstLine(error)})`);
    }
  }

  const fromScript = await startWithScript();
  if ('server' in fromScript) return fromScript.server;
  tried.push(`no broker from infra/kafka/kafka.sh (${fromScript.reason})`);

  throw new Error(
    `no Kafka broker for the tests: ${tried.join('; ')}. ` +
      'Set KAFKA_BROKERS to a broker the tests may create and delete topics on (e.g. 127.0.0.1:9092, ' +
      'started with `npm run kafka:start`), start a Docker engine, or install Java 17+ and Maven ' +
      '(apt-get install openjdk-17-jdk-headless maven) for infra/kafka/kafka.sh.',
  );
}

/**
 * A broker from infra/kafka/kafka.sh in a directory of its own, on ports derived from the pid as the
 * PostgreSQL fallback's are (30000 + 2 × (pid mod 5000), the controller on the next one), trying a few other
 * pairs when those are taken.
 */
async function startWithScript(): Promise<{ server: KafkaServer } | { reason: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-kafka-'));
  let reason = 'no free ports';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 30000 + ((2 * (process.pid % 5000) + 2 * 997 * attempt) % 10000);
    try {
      const { stdout } = await run('bash', [KAFKA_SCRIPT, 'start', dir], {
        encoding: 'utf8',
        env: { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) },
        // The script gives up by itself after 60 s of waiting for the broker; the first time, Maven also
        // fetches about 70 MB of jars.
        timeout: 10 * 60_000,
      });
      const address = stdout.trim().split('\n').pop() ?? '';
      return {
        server: {
          brokers: [address],
          source: `a broker started by infra/kafka/kafka.sh in ${dir}`,
          stop: async () => {
            await run('bash', [KAFKA_SCRIPT, 'stop', dir, '--purge']);
          },
        },
      };
    } catch (error) {
      reason = scriptError(error);
      if (!/ is taken/.test(reason)) break;
    }
  }
  // Nothing may run on after a failed or killed start (the script stops what it started on its own errors).
  await run('bash', [KAFKA_SCRIPT, 'stop', dir]).catch(() => undefined);
  return { reason };
}

/**
 * apache/kafka as a single KRaft node. Clients reach it through a fixed host port, advertised as such (so
 * that the address is known before the container starts); the broker reaches itself on an internal listener.
 */
async function startContainer(host: string): Promise<KafkaServer> {
  const { GenericContainer, RandomPortGenerator, Wait } = await import('testcontainers');
  const hostPort = await new RandomPortGenerator().generatePort();
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(serverProperties())) {
    if (!PER_NODE_PROPERTIES.has(key)) environment[imageVariable(key)] = value;
  }
  Object.assign(environment, {
    CLUSTER_ID: clusterId(),
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_LISTENERS: 'PLAINTEXT://0.0.0.0:9092,BROKER://localhost:9094,CONTROLLER://localhost:9093',
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${hostPort},BROKER://localhost:9094`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
  });
  const container = await new GenericContainer(`apache/kafka:${kafkaVersion()}`)
    .withEnvironment(environment)
    .withExposedPorts({ container: 9092, host: hostPort })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  return {
    brokers: [`${host}:${hostPort}`],
    source: `testcontainers (apache/kafka:${kafkaVersion()})`,
    stop: async () => {
      await container.stop();
    },
  };
}

/** Set per node (listeners, quorum, storage): the container gets its own. */
const PER_NODE_PROPERTIES = new Set([
  'process.roles',
  'node.id',
  'listeners',
  'advertised.listeners',
  'listener.security.protocol.map',
  'inter.broker.listener.name',
  'controller.listener.names',
  'controller.quorum.voters',
  'controller.quorum.bootstrap.servers',
  'log.dirs',
]);

function serverProperties(): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of readFileSync(join(KAFKA_DIR, 'server.properties'), 'utf8').split('\n')) {
    const text = line.trim();
    if (text === '' || text.startsWith('#') || text.startsWith('!')) continue;
    const at = text.indexOf('=');
    if (at > 0) properties[text.slice(0, at).trim()] = text.slice(at + 1).trim();
  }
  return properties;
}

/** apache/kafka's naming of a server property as a variable: _ → __, - → ___, . → _, upper case, KAFKA_. */
function imageVariable(property: string): string {
  return `KAFKA_${property.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase()}`;
}

function kafkaVersion(): string {
  const pom = readFileSync(join(KAFKA_DIR, 'pom.xml'), 'utf8');
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error('infra/kafka/pom.xml names no kafka.version');
  return version.trim();
}

/** A cluster id as Kafka makes them: 16 random bytes in URL-safe base64, not starting with "-". */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The script's own explanation ("kafka.sh: …", with the broker's first error), or else the first line of what failed. */
function scriptError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? '';
  const own = stderr
    .split('\n')
    .find((line) => line.startsWith('kafka.sh: ') && !line.startsWith('kafka.sh: fetching'));
  return own?.slice('kafka.sh: '.length) ?? firstLine(error);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error as Error & { stderr?: string }).stderr || error.message : String(error);
  return text.trim().split('\n')[0] ?? 'unknown error';
}
