/**
 * Rate-limit benchmark (`npm run bench:rate-limit`): what counting every request costs, per request, against
 * the same app counting nothing, measured in the same run on the same machine.
 *
 * Three all-in-one apps (dist, a process each) on one PostgreSQL store, alike but for RATE_LIMIT_STORE:
 * `off` (the baseline), `memory` (the embedded default's counts) and `postgres` (the counts every instance
 * shares: an upsert per count), with limits no run reaches. Closed-loop load from this process (CONNECTIONS
 * keep-alive connections, each sending its next request when the last is answered) for ROUND_S seconds a
 * round, the three apps alternately (off first), ROUNDS (5) rounds each, on two routes:
 *
 * - `GET /team/reps` with a bearer token: counted twice (the address, then the user), the roster from memory;
 * - `GET /auth/config`, public: counted once (the address), the cheapest route there is.
 *
 * Reported: requests per second (median of the rounds) and ratio = ours ÷ off, with p50 / p99 latency. Progress
 * on stderr, the table on stdout and in bench/results/rate-limit.json. It reports; it never fails on a figure.
 */
import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchProcess, benchWorkspace, percentile, startBuiltApp } from './bench-process';
import { formatTable, median, writeResults, type BenchLine } from './bench-report';

const CONNECTIONS = 16;
const ROUND_S = Number(process.env.BENCH_RATE_LIMIT_ROUND_S ?? '5');
const ROUNDS = Number(process.env.BENCH_RATE_LIMIT_ROUNDS ?? '5');
const MASTER_KEY = Buffer.alloc(32, 0x42).toString('base64');
const WARM_UP_S = 2;
const SECRET = 'bench-secret-of-at-least-thirty-two-characters!';
const STORES = ['off', 'memory', 'postgres'] as const;
type Counting = (typeof STORES)[number];

const bench = benchProcess('rate-limit', __filename);
const { log } = bench;

interface RunningApp {
  readonly counting: Counting;
  readonly base: string;
  readonly process: ChildProcess;
}

async function startApp(counting: Counting, storeUrl: string, dir: string, children: Set<ChildProcess>): Promise<RunningApp> {
  const env = {
    DATA_DIR: join(dir, counting),
    EVENT_STORE_URL: storeUrl,
    JWT_SECRET: SECRET,
    // The three apps share one store, so one master key (each would otherwise make its own in its DATA_DIR, and the
    // second to start could not open the keys the first wrapped).
    PRIVACY_MASTER_KEY: MASTER_KEY,
    RATE_LIMIT_STORE: counting,
    RATE_LIMIT_PER_USER: '100000000',
    RATE_LIMIT_PER_IP: '100000000',
  };
  const { base, child } = await startBuiltApp(env, children, '/health', `the ${counting} app`);
  return { counting, base, process: child };
}

interface Round {
  readonly perSecond: number;
  readonly latenciesMs: number[];
}

/** CONNECTIONS closed loops of GET `path` for `seconds`: how many were answered 200, and how long each took. */
async function load(base: string, path: string, token: string | undefined, seconds: number): Promise<Round> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(path, base);
  const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const latenciesMs: number[] = [];
  let failures = 0;
  const began = performance.now();
  const until = began + seconds * 1000;
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      request(url, { agent, headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        const status = await one();
        if (status === 200) latenciesMs.push(performance.now() - sent);
        else failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  if (failures > 0) throw new Error(`${failures} requests to ${base}${path} were not answered 200`);
  return { perSecond: latenciesMs.length / elapsed, latenciesMs };
}

async function main(): Promise<void> {
  const { dir, databaseUrl, children, stop } = await benchWorkspace('rate-limit');
  try {
    const { signToken } = await import('#libs/platform');
    const token = await signToken(SECRET, { role: 'head-of-sales', userId: 'rop-1' });
    const apps: RunningApp[] = [];
    // One after the other: the first migrates the store.
    for (const counting of STORES) apps.push(await startApp(counting, databaseUrl, dir, children));
    log(`three apps on ${new URL(databaseUrl).pathname.slice(1)}: ${apps.map((app) => `${app.counting} ${app.base}`).join(', ')}; load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    const lines: BenchLine[] = [];
    for (const route of [
      { path: '/team/reps', token, counted: 'address + user' },
      { path: '/auth/config', token: undefined, counted: 'address' },
    ]) {
      for (const app of apps) await load(app.base, route.path, route.token, WARM_UP_S);
      const rounds = new Map<Counting, Round[]>(STORES.map((counting) => [counting, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const app of apps) {
          const result = await load(app.base, route.path, route.token, ROUND_S);
          rounds.get(app.counting)!.push(result);
          log(`GET ${route.path} round ${round + 1}, counts ${app.counting}: ${Math.round(result.perSecond)} requests/s, p50 ${percentile(result.latenciesMs, 0.5).toFixed(2)} ms`);
        }
      }
      const baseline = median(rounds.get('off')!.map((each) => each.perSecond));
      const latency = (counting: Counting) => {
        const all = rounds.get(counting)!.flatMap((each) => each.latenciesMs);
        return `p50 ${percentile(all, 0.5).toFixed(2)} / p99 ${percentile(all, 0.99).toFixed(2)} ms`;
      };
      for (const counting of ['memory', 'postgres'] as const) {
        const ours = median(rounds.get(counting)!.map((each) => each.perSecond));
        lines.push({
          name: `GET ${route.path} (${route.counted}) vs no limit`,
          store: counting,
          ours_per_s: Math.round(ours),
          baseline_per_s: Math.round(baseline),
          ratio: Math.round((ours / baseline) * 1000) / 1000,
          note: `${latency(counting)} against ${latency('off')}; rounds ${rounds.get(counting)!.map((each) => Math.round(each.perSecond)).join(', ')} vs ${rounds.get('off')!.map((each) => Math.round(each.perSecond)).join(', ')}/s`,
        });
      }
    }
    log(`load average at the end: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    process.stdout.write(`${formatTable(lines)}\n`);
    log(`wrote ${writeResults('rate-limit.json', lines)}`);
  } finally {
    await stop();
  }
}

bench.mainEntry(main);
