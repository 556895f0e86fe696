/**
 * Finds a KurrentDB for the KurrentDB suite (`npm run test:kurrentdb`), in this order: KURRENTDB_URL; a container
 * (docker.kurrent.io/kurrent-latest/kurrentdb, insecure, in memory) through testcontainers when a Docker engine
 * answers. There is no third way (no KurrentDB binaries to start here): where neither exists the finder fails with
 * one error saying what was tried and how to fix it, and the suite does not run — it is never reported as passed.
 */
// By path, not '#libs/event-store': Jest's global setup loads this file outside its module map, where '#libs/*'
// would resolve to dist/ (absent until a build) and load the whole library.
import { parseKurrentDbUrl } from '../../libs/event-store/src/kurrentdb/kurrentdb-url';

export interface KurrentDbServer {
  /** A connection string for the adapter (kurrentdb://host:port?tls=false). */
  readonly url: string;
  readonly source: string;
  /** The server's MaxAppendSize where it is known (the container's); undefined for a server of KURRENTDB_URL. */
  readonly maxAppendBytes: number | undefined;
  stop(): Promise<void>;
}

export interface FindKurrentDbOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Resolves when a Docker engine answers (testcontainers' own check by default). */
  readonly dockerEngine?: () => Promise<unknown>;
  /** Starts the container (once an engine answered). */
  readonly startContainer?: () => Promise<KurrentDbServer>;
  /** Whether a server at a connection string answers (a read of $all by default). */
  readonly answers?: (url: string) => Promise<void>;
}

export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';
/**
 * The container's MaxAppendSize: the suite stores events past KurrentDB's default 1 MiB (a 1.4 MB payload), and
 * tests the adapter's refusal of an append over the server's limit against this one.
 */
export const CONTAINER_MAX_APPEND_BYTES = 16 * 1024 * 1024;

const HOW_TO_FIX =
  'Set KURRENTDB_URL to a KurrentDB (or EventStoreDB 23.10+) the tests may write to, e.g. kurrentdb://127.0.0.1:2113?tls=false ' +
  `for a server started in insecure mode with MaxAppendSize of 4 MiB or more (KURRENTDB_MAX_APPEND_SIZE), or start a Docker engine ` +
  `(the suite then runs ${KURRENTDB_IMAGE} through testcontainers)`;

export async function findKurrentDbServer(options: FindKurrentDbOptions = {}): Promise<KurrentDbServer> {
  const env = options.env ?? process.env;
  const fromEnv = env.KURRENTDB_URL?.trim();
  if (fromEnv) {
    let url: string;
    try {
      url = parseKurrentDbUrl(fromEnv, 'KURRENTDB_URL').connectionString;
    } catch (error) {
      throw new Error(`the KurrentDB suite did not run: KURRENTDB_URL ${(error as { reason?: string }).reason ?? (error as Error).message}. ${HOW_TO_FIX}.`, { cause: error });
    }
    try {
      await (options.answers ?? serverAnswers)(url);
    } catch (error) {
      throw new Error(`the KurrentDB suite did not run: the KurrentDB of KURRENTDB_URL does not answer (${firstLine(error)}). ${HOW_TO_FIX}.`, { cause: error });
    }
    const maxAppendBytes = Number(env.KURRENTDB_MAX_APPEND_SIZE);
    return { url, source: 'KURRENTDB_URL', maxAppendBytes: Number.isSafeInteger(maxAppendBytes) && maxAppendBytes > 0 ? maxAppendBytes : undefined, stop: async () => undefined };
  }
  try {
    await (options.dockerEngine ?? dockerEngine)();
  } catch (error) {
    throw new Error(`the KurrentDB suite did not run: KURRENTDB_URL is not set and no Docker engine answers for testcontainers (${firstLine(error)}). ${HOW_TO_FIX}.`, { cause: error });
  }
  try {
    return await (options.startContainer ?? startContainer)();
  } catch (error) {
    throw new Error(`the KurrentDB suite did not run: the ${KURRENTDB_IMAGE} container did not start (${firstLine(error)}). ${HOW_TO_FIX}.`, { cause: error });
  }
}

/**
 * Whether the KurrentDB suite could run here, without starting anything: what `npm test` says at its end (it does
 * not run that suite itself).
 */
export async function probeKurrentDb(options: Pick<FindKurrentDbOptions, 'env' | 'dockerEngine'> = {}): Promise<{ readonly reachable: boolean; readonly why: string }> {
  const env = options.env ?? process.env;
  if (env.KURRENTDB_URL?.trim()) return { reachable: true, why: 'KURRENTDB_URL is set' };
  try {
    await (options.dockerEngine ?? dockerEngine)();
    return { reachable: true, why: 'a Docker engine answers (testcontainers)' };
  } catch (error) {
    return { reachable: false, why: `KURRENTDB_URL is not set and no Docker engine answers (${firstLine(error)})` };
  }
}

/** The one loud line `npm test` ends with: the KurrentDB suite did not run in it, and why. */
export function kurrentDbNotRunLine(probe: { readonly reachable: boolean; readonly why: string }): string {
  return probe.reachable
    ? `!!! the KurrentDB suite is not in this Jest run's count: ${probe.why}, so \`npm test\` ran it before Jest, apart (\`npm run test:kurrentdb\`; test/support/kurrentdb-if-reachable.js)`
    : `!!! KURRENTDB SUITE NOT RUN (not counted as passed): ${probe.why}; \`npm run test:kurrentdb\` fails here for that reason`;
}

async function dockerEngine(): Promise<unknown> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  return getContainerRuntimeClient();
}

async function serverAnswers(url: string): Promise<void> {
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  const client = KurrentDBClient.connectionString(url);
  try {
    for await (const _ of client.readAll({ maxCount: 1, deadline: 10_000 })) break;
  } finally {
    await client.dispose();
  }
}

async function startContainer(): Promise<KurrentDbServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(KURRENTDB_IMAGE)
    .withEnvironment({
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_MEM_DB: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'None',
      KURRENTDB_MAX_APPEND_SIZE: String(CONTAINER_MAX_APPEND_BYTES),
    })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    source: `testcontainers (${KURRENTDB_IMAGE})`,
    maxAppendBytes: CONTAINER_MAX_APPEND_BYTES,
    stop: async () => {
      await container.stop();
    },
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? 'unknown error';
}
