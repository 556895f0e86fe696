/**
 * Boot benchmark (`npm run bench:boot`): how long the built all-in-one app takes from its process start until
 * `GET /health/ready` answers 200 (every projection, the roster and the lead identities live, the store
 * answering), on a store holding a simulated department's history with its read models already persisted (an
 * earlier boot built them and stopped), against the same app on an empty store — SQLite and PostgreSQL, the app's
 * defaults (the as-of ladder climbs at boot, in the background).
 *
 * History: the projections bench's department (seed 42, 45 leads a day), BOOT_MONTHS months (68: ~1,000,000
 * events; × BENCH_SCALE). The process managers' checkpoints are set to the head (the simulator wrote what they
 * would have). Rounds alternate: empty store, history store, BOOT_ROUNDS times per store; medians reported.
 * Goal (issue 17 §2): ready ≤ 5 s on the history, against ≤ 5 s on an empty store. Also reported: when a first GET /kpis
 * answered (right after ready; it waits for the KPI facts' documents, which load behind their fold).
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openEventStore } from '#libs/event-store';
import { benchProcess, benchWorkspace, startBuiltApp } from './bench-process';
import { formatRate, formatTable, median, writeResults, type BenchLine } from './bench-report';
import { benchScale, sendSimulatedDays, simulatedHistory, simulationOptions, writeSimulatedHistory } from './simulated-history';

const SCALE = benchScale();
const HISTORY = simulatedHistory(Number(process.env.BOOT_MONTHS ?? '68') * SCALE);
const ROUNDS = Number(process.env.BOOT_ROUNDS ?? '3');
const GOAL_MS = 5000;
const SECRET = 'bench-secret-of-at-least-thirty-two-characters!';
const MASTER_KEY = Buffer.alloc(32, 0x42).toString('base64');

const bench = benchProcess('boot', __filename, { '--simulate': 'simulation' });
const { role, startedAt, log } = bench;

type StoreKind = 'sqlite' | 'postgres';

/** BOOT_STORES: which stores to run (both by default; e.g. `postgres` alone for a long history, written in half the time). */
const KINDS: readonly StoreKind[] = (process.env.BOOT_STORES ?? 'sqlite,postgres').split(',').map((kind) => {
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`BOOT_STORES lists sqlite and/or postgres, got "${kind}"`);
  return kind;
});

interface Boot {
  readonly readyMs: number;
  /** From the process start until a first GET /kpis answered (it waits for the KPI facts' documents, loaded behind their fold). */
  readonly kpisMs: number;
  /** The app's resident memory once ready, from its /metrics. */
  readonly rssMb: number;
}

/** Starts the built app on a store, waits for /health/ready, reads its RSS, stops it (SIGTERM) and waits for its exit. */
async function boot(env: Record<string, string>, children: Set<ChildProcess>, timeoutMs?: number): Promise<Boot> {
  const began = performance.now();
  const { base, child } = await startBuiltApp(env, children, '/health/ready', 'the app', timeoutMs);
  const readyMs = performance.now() - began;
  const { signToken } = await import('#libs/platform');
  const token = await signToken(SECRET, { role: 'head-of-sales', userId: 'rop-1' });
  const kpis = await fetch(`${base}/kpis`, { headers: { authorization: `Bearer ${token}` } });
  await kpis.arrayBuffer();
  if (kpis.status !== 200) throw new Error(`GET /kpis answered ${kpis.status} after ready`);
  const kpisMs = performance.now() - began;
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const rss = Number(/^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+?\d+)?)$/m.exec(metrics)?.[1] ?? Number.NaN);
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
  return { readyMs, kpisMs, rssMb: Math.round(rss / 1e6) };
}

/** VACUUM (ANALYZE) of every table of a PostgreSQL schema. */
async function vacuumSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = $1`, [schema]);
    for (const { name } of rows) await client.query(`VACUUM (ANALYZE) "${schema}"."${name}"`);
  } finally {
    await client.end();
  }
}

/** The simulation child: DepartmentSimulation, one message per simulated day. */
async function simulate(): Promise<void> {
  const { DepartmentSimulation } = await import('../apps/simulator/src/department-simulation.js');
  await sendSimulatedDays(new DepartmentSimulation(simulationOptions(HISTORY)));
}

async function main(): Promise<void> {
  log(`node ${process.version}, history ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day, ${ROUNDS} rounds, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  const workspace = await benchWorkspace('boot');
  const { dir, databaseUrl, children } = workspace;
  const pgUrl = (schema: string): string => {
    const url = new URL(databaseUrl);
    url.searchParams.set('schema', schema);
    return url.toString();
  };
  const stores: Record<StoreKind, { empty: string; history: string }> = {
    sqlite: { empty: `sqlite:${join(dir, 'empty', 'events.db')}`, history: `sqlite:${join(dir, 'history', 'events.db')}` },
    postgres: { empty: pgUrl('boot_empty'), history: pgUrl('boot_history') },
  };
  mkdirSync(join(dir, 'empty'));
  mkdirSync(join(dir, 'history'));
  const lines: BenchLine[] = [];
  const notes: string[] = [];
  try {
    log('writing the history into both stores (the simulation in a child process)…');
    const history = await writeSimulatedHistory(
      __filename,
      KINDS.map((kind) => stores[kind].history),
      children,
      (report) => log(`history: ${report.days} days, ${formatRate(report.events)} events, ${formatRate(report.events / report.seconds)} events/s`),
      360,
    );
    log(`history: ${formatRate(history.events)} events written in ${history.seconds.toFixed(1)} s`);
    const { markProcessManagersCaughtUp } = await import('../apps/simulator/src/write-simulation.js');
    for (const kind of KINDS) {
      const store = await openEventStore(stores[kind].history);
      await markProcessManagersCaughtUp(stores[kind].history, store);
      await store.close();
    }
    // Statistics, hint bits and the visibility map set, as on a store that has been running (and no autovacuum of the
    // fresh tables during the rounds): on a table never analyzed, PostgreSQL planned the filtered reads of the
    // followers' first builds as scans of the whole history, ~0.8 s a page.
    await vacuumSchema(databaseUrl, 'boot_history');

    for (const kind of KINDS) {
      const env = (url: string, dataDir: string): Record<string, string> => ({
        EVENT_STORE_URL: url,
        DATA_DIR: dataDir,
        JWT_SECRET: SECRET,
        PRIVACY_MASTER_KEY: MASTER_KEY,
        LOG_LEVEL: 'warn',
      });
      const emptyEnv = (round: number): Record<string, string> => {
        // A store that is really empty each round: a new file, a new schema.
        const url = kind === 'sqlite' ? `sqlite:${join(dir, 'empty', `events-${round}.db`)}` : pgUrl(`boot_empty_${round}`);
        return env(url, join(dir, 'empty', `data-${kind}-${round}`));
      };
      const historyEnv = env(stores[kind].history, join(dir, 'history', `data-${kind}`));
      log(`${kind}: first boot on the history (builds every read model from the start)…`);
      // Building every read model from the start takes about a minute per million events here: allowed three.
      const first = await boot(historyEnv, children, Math.max(120_000, (history.events / 1e6) * 180_000));
      log(`${kind}: first boot ready in ${(first.readyMs / 1000).toFixed(1)} s (RSS ${first.rssMb} MB), /kpis answered at ${(first.kpisMs / 1000).toFixed(1)} s`);
      if (kind === 'postgres') await vacuumSchema(databaseUrl, 'boot_history');
      const empties: Boot[] = [];
      const histories: Boot[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        empties.push(await boot(emptyEnv(round), children));
        histories.push(await boot(historyEnv, children));
        log(
          `${kind}: round ${round + 1}: empty store ready in ${empties.at(-1)!.readyMs.toFixed(0)} ms, history in ${histories.at(-1)!.readyMs.toFixed(0)} ms (/kpis answered at ${histories.at(-1)!.kpisMs.toFixed(0)} ms)`,
        );
      }
      const emptyMs = median(empties.map((each) => each.readyMs));
      const historyMs = median(histories.map((each) => each.readyMs));
      const kpisMs = median(histories.map((each) => each.kpisMs));
      lines.push({
        name: `boot to ready (1000/ms), ${formatRate(history.events)} events, read models persisted, vs an empty store`,
        store: kind,
        ours_per_s: Math.round((1000 / historyMs) * 1000) / 1000,
        baseline_per_s: Math.round((1000 / emptyMs) * 1000) / 1000,
        ratio: Math.round((emptyMs / historyMs) * 1000) / 1000,
        figures: {
          readyMs: Math.round(historyMs),
          emptyReadyMs: Math.round(emptyMs),
          kpisAnsweredMs: Math.round(kpisMs),
          firstBootMs: Math.round(first.readyMs),
          events: history.events,
        },
        note: `ready in ${historyMs.toFixed(0)} ms on the history (${histories.map((each) => each.readyMs.toFixed(0)).join(', ')}), ${emptyMs.toFixed(0)} ms empty (${empties.map((each) => each.readyMs.toFixed(0)).join(', ')}); a first GET /kpis answered ${kpisMs.toFixed(0)} ms after the start (${histories.map((each) => each.kpisMs.toFixed(0)).join(', ')}); RSS ready ${median(histories.map((each) => each.rssMb))} MB vs ${median(empties.map((each) => each.rssMb))} MB; first boot (builds everything) ${(first.readyMs / 1000).toFixed(1)} s`,
      });
      notes.push(
        `${kind}: ready ${historyMs.toFixed(0)} ms on ${formatRate(history.events)} events vs ${emptyMs.toFixed(0)} ms empty — ${historyMs <= GOAL_MS && emptyMs <= GOAL_MS ? 'goal met' : 'GOAL NOT MET'} (≤ ${GOAL_MS} ms); GET /kpis answered ${kpisMs.toFixed(0)} ms after the start; first boot ${(first.readyMs / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await workspace.stop();
  }
  const path = writeResults('boot.json', lines);
  process.stdout.write(`\n${formatTable(lines)}\n\n${notes.join('\n')}\n\nwritten to ${path} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
}

if (role === 'simulation') {
  simulate().catch((error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
} else {
  bench.mainEntry(main);
}
