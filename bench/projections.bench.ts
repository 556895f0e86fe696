/**
 * Read-side benchmark (`npm run bench:projections`), on SQLite and on PostgreSQL in one run, over a
 * simulated department's history of about 1,000,000 events (apps/simulator):
 *
 * 1. rebuild   — every projection rebuilt from the start (ProjectionRunner with REPLAY_RUNNER_OPTIONS as the CLI's replay, runToLive):
 *                all in one runner (one read of the store, as the app and `replay all` do) and each
 *                alone, against the raw driver's keyset scan of the same es_events with data and metadata
 *                parsed: the store's own read rate. Each rebuild runs in a fresh child process whose RSS
 *                is sampled every 50 ms.
 * 2. GET /kpis — p50/p95/p99 of sequential requests to the all-in-one app booted on that store and its
 *                rebuilt read models, against GET /health measured the same way.
 * 3. lag       — commands at a steady 500/s asked, for 20 s, from a child process; for each event they
 *                write, the time from its recordedAt until readers of every projection see it, against
 *                the time until a plain subscription of the store delivers it.
 * 4. peer      — PostgreSQL only: the same two folds run by @event-driven-io/emmett-postgresql's consumer
 *                (rebuildPostgreSQLProjections) over a copy of the same events in emmett's own tables.
 *
 * Progress goes to stderr, the table to stdout and bench/results/projections.json. It reports and never
 * fails on a slow figure; it exits non-zero only on a real error (PostgreSQL unreachable, an event lost or
 * applied twice, a projection that does not go live). See bench/README.md.
 */
import { Logger, type LoggerService } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import {
  EVENT_STORE,
  comparePositions,
  defaultReadModelUrl,
  inView,
  openEventStore,
  openPersonalDataStore,
  type EventStore,
  type GlobalPosition,
  type StoredEvent,
} from '#libs/event-store';
import {
  DocumentState,
  PROJECTIONS,
  ProjectionRunner,
  REPLAY_RUNNER_OPTIONS,
  openReadModelStore,
  type ProjectionDefinition,
} from '#libs/projections';
import type { RunningApp } from '../apps/sales-ops/src/bootstrap';
// The platform's index loads NestJS; a rebuild child takes only the heap setting and the configuration it reads.
import { loadConfig } from '../libs/platform/src/config/app-config';
import { limitHeapGrowth } from '../libs/platform/src/heap';
import { createBenchDatabase } from './bench-database';
import { benchScale, sendSimulatedDays, simulatedHistory, simulationOptions, writeSimulatedHistory, type HistoryReport } from './simulated-history';
import type { SqliteRow } from './raw-rows';
import { alternate, formatRate, formatTable, lineFrom, median, writeResults, type BenchLine } from './bench-report';
import { benchProcess, ms, percentile, round3, secondsSince, sleep, describeError } from './bench-process';

// The app, the simulator and emmett are imported where they are used (import()), so that a rebuild's child
// process loads what a process that only runs projections loads, and its RSS says so.

// ---------------------------------------------------------------------------------------------- configuration

/** Multiplies the history's length, the requests and the load's duration (BENCH_SCALE). */
const SCALE = benchScale();

/**
 * The simulated history: 68 months × 45 leads a day give 1,004,218 events for seed 42 (75 months gave
 * 1,003,793 before the simulated head of sales hired when work waited: a fixed team left leads unworked).
 */
const HISTORY = simulatedHistory(68 * SCALE);
/** Events per round trip on both sides of the rebuild benchmark (the store's largest page). */
const BATCH = 5_000;
/** Measured rounds per side of "rebuild all", after one warm-up scan; each projection alone runs once. */
const REBUILD_ROUNDS = 2;
const REBUILD_GOAL = 0.5;
const POSTGRES_REBUILD_GOAL_PER_S = 100_000;
const PEAK_RSS_GOAL_MB = 400;
const RSS_SAMPLE_MS = 50;
/** GET /kpis and GET /health: requests per side, in alternated rounds after a warm-up. */
const LATENCY = { rounds: 5, requestsPerRound: Math.max(20, Math.round(100 * SCALE)), warmUp: 10 };
const KPI_GOAL_P99_MS = 20;
const KPI_QUERIES = ['/kpis', '/kpis?groupBy=rep', '/kpis?from=2025-01-01&to=2026-01-01&groupBy=source'];
/** The command load of the lag benchmark: open loop, at most maxInFlight unanswered. */
const LOAD = { commandsPerSecond: 500, seconds: Math.max(5, Math.round(20 * SCALE)), maxInFlight: 64 };
/** Rate limits no run of this benchmark reaches (see benchApp). */
const BENCH_RATE_LIMITS = { RATE_LIMIT_PER_USER: '100000000', RATE_LIMIT_PER_IP: '100000000' };
const LOAD_WINDOW_S = 5;
const LAG_GOAL_P99_MS = 100;
/** emmett's consumer is stopped after this long if it has not finished; its rate is then over what it did. */
const PEER_MAX_SECONDS = Math.max(20, Math.round(90 * SCALE));
const PG_SCHEMA = 'bench_es';
/**
 * Personal data: every projection rebuilt over a shorter history written through the personal-data layer (its
 * personal fields sealed; the projections read without them, as the app and the CLI do) against the same history
 * written in clear through the bare adapter.
 */
const PERSONAL_HISTORY = simulatedHistory(15 * SCALE);
const PERSONAL_ROUNDS = 2;
const PERSONAL_GOAL = 0.8;
const BENCH_MASTER_KEY = Buffer.alloc(32, 0x42).toString('base64');
const SECRET = 'bench-secret-of-at-least-thirty-two-characters!';

// ---------------------------------------------------------------------------------------------- helpers

const bench = benchProcess('projections', __filename, { '--simulate': 'simulation', '--rebuild': 'rebuild', '--load': 'load' });
const { role, startedAt, log } = bench;


/** The engine logs through Nest's Logger, which prints to stdout: its warnings and errors go to stderr here, the rest nowhere. */
const stderrLogger: LoggerService = {
  log: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
  warn: (message: unknown) => log(`warn: ${String(message)}`),
  error: (message: unknown) => log(`error: ${String(message)}`),
};

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

type StoreKind = 'sqlite' | 'postgres';

interface Target {
  readonly kind: StoreKind;
  /** The PostgreSQL schema of the store (PG_SCHEMA when absent). */
  readonly schema?: string;
  /** Written through the personal-data layer: opened through it, read without personal fields. */
  readonly sealed?: boolean;
  /** EVENT_STORE_URL of the store. */
  readonly url: string;
  readonly sqliteFile: string;
  readonly databaseUrl: string;
}

/** The SQLite read models live in a file of their own beside the events; PostgreSQL's in the store's schema. */
function readModelUrlOf(target: Target): string {
  return target.kind === 'sqlite' ? defaultReadModelUrl(target.url) : target.url;
}

interface EventCounts {
  readonly total: number;
  /** [type, count] pairs (a Map does not cross process boundaries). */
  readonly byType: ReadonlyArray<readonly [string, number]>;
}

function countsFrom(rows: ReadonlyArray<{ type: string; count: number | string }>): EventCounts {
  const byType = rows.map((row) => [row.type, Number(row.count)] as const);
  return { total: byType.reduce((sum, [, count]) => sum + count, 0), byType };
}

function expectedFor(projection: ProjectionDefinition, counts: EventCounts): number {
  const types = new Set(projection.eventTypes);
  return counts.byType.reduce((sum, [type, count]) => sum + (types.has(type) ? count : 0), 0);
}

/** What a store holds now (the lag benchmark's load adds events). */
async function countEvents(target: Target): Promise<EventCounts> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.sqliteFile, { readonly: true });
    try {
      return countsFrom(db.prepare('SELECT type, count(*) AS count FROM es_events GROUP BY type').all() as Array<{ type: string; count: number }>);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    return countsFrom((await client.query<{ type: string; count: string }>(`SELECT type, count(*) AS count FROM ${target.schema ?? PG_SCHEMA}.es_events GROUP BY type`)).rows);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------- 1. the history

/** The simulation child: DepartmentSimulation, one message per simulated day (see simulated-history.ts). */
async function simulate(): Promise<void> {
  const { DepartmentSimulation } = await import('../apps/simulator/src/department-simulation.js');
  const job = JSON.parse(process.argv[3] ?? '{}') as { months?: number };
  await sendSimulatedDays(
    new DepartmentSimulation(simulationOptions(job.months === undefined ? HISTORY : simulatedHistory(job.months))),
  );
}

/** A target as its bench opens it: through the personal-data layer when it was written so. */
async function openTarget(target: Target): Promise<EventStore> {
  if (!target.sealed) return openEventStore(target.url);
  return inView(await openPersonalDataStore(target.url, { masterKey: Buffer.from(BENCH_MASTER_KEY, 'base64') }), 'omit');
}

/** Writes the simulated history into both stores (the same events, ids included). */
function writeHistory(targets: Record<StoreKind, Target>, children: Set<ChildProcess>): Promise<HistoryReport> {
  return writeSimulatedHistory(
    __filename,
    [targets.sqlite.url, targets.postgres.url],
    children,
    (report) => log(`history: ${report.days} days, ${formatRate(report.events)} events, ${formatRate(report.events / report.seconds)} events/s`),
    360,
  );
}

// ---------------------------------------------------------------------------------------------- 2. rebuild against the raw scan

interface RebuildJob {
  readonly target: Target;
  /** Names of the projections rebuilt together by one runner. */
  readonly projections: readonly string[];
  readonly counts: EventCounts;
}

interface RebuildRun {
  readonly seconds: number;
  readonly startRssMb: number;
  readonly peakRssMb: number;
}

/**
 * In a fresh child process: rebuilds the projections with one runner (one read of the store feeds them
 * all), to live and activated, sampling the RSS every RSS_SAMPLE_MS; checks that each applied every event
 * of its types once.
 */
async function rebuildInChild(job: RebuildJob): Promise<RebuildRun> {
  // As `replay` does (the CLI): REPLAY_HEAP_GROWING_PERCENT, 50 by default.
  limitHeapGrowth(loadConfig(process.env).replayHeapGrowingPercent);
  const projections = job.projections.map((name) => PROJECTIONS.find((projection) => projection.name === name)!);
  const store = await openTarget(job.target);
  const readModels = await openReadModelStore(readModelUrlOf(job.target), { writerThread: true });
  try {
    collectGarbage();
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
    const began = process.hrtime.bigint();
    let statuses;
    try {
      statuses = await new ProjectionRunner(projections, store, readModels, REPLAY_RUNNER_OPTIONS).runToLive();
    } finally {
      clearInterval(timer);
    }
    const seconds = secondsSince(began);
    peak = Math.max(peak, process.memoryUsage().rss);
    for (const [index, status] of statuses.entries()) {
      const expected = expectedFor(projections[index]!, job.counts);
      if (status.eventsApplied !== expected || status.buildStatus !== 'active') {
        throw new Error(`${job.target.kind}: rebuilding ${status.projection} applied ${status.eventsApplied} events (build ${status.buildStatus}); expected ${expected}, active`);
      }
    }
    return { seconds, startRssMb: mb(start), peakRssMb: mb(peak) };
  } finally {
    await readModels.close();
    await store.close();
  }
}

interface PgRawRow {
  position: string;
  transaction_id: string;
  data: unknown;
  metadata: unknown;
}

/**
 * The raw driver's keyset scan of every event in global order, batch BATCH, with data and metadata
 * parsed: the store's own read rate. Resolves with the number of events read.
 */
async function openRawScan(target: Target): Promise<{ scan: () => Promise<number>; close: () => Promise<void> }> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.sqliteFile, { timeout: 5000, readonly: true });
    const page = db.prepare<[number, number], SqliteRow>(
      `SELECT position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at
       FROM es_events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    return {
      async scan() {
        let count = 0;
        let after = 0;
        for (;;) {
          const rows = page.all(after, BATCH);
          for (const row of rows) {
            JSON.parse(row.data);
            JSON.parse(row.metadata);
            count += 1;
          }
          if (rows.length < BATCH) return count;
          after = rows[rows.length - 1]!.position;
          // Yield between pages as the store's subscription does.
          await Promise.resolve();
        }
      },
      close: async () => {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const pageSql = `SELECT position, transaction_id, event_id, stream_id, stream_revision, type, schema_version,
      data, metadata, occurred_at, recorded_at
    FROM ${PG_SCHEMA}.es_events WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
    ORDER BY transaction_id, position LIMIT $3`;
  return {
    async scan() {
      // Keyset pages, the next one asked for as soon as one arrives; node-pg parses jsonb itself.
      let count = 0;
      const fetchPage = (after: { transaction_id: string; position: string }): Promise<pg.QueryResult<PgRawRow>> =>
        pool.query<PgRawRow>(pageSql, [after.transaction_id, after.position, BATCH]);
      let pending: Promise<pg.QueryResult<PgRawRow>> | undefined = fetchPage({ transaction_id: '0', position: '0' });
      while (pending) {
        const { rows }: pg.QueryResult<PgRawRow> = await pending;
        pending = rows.length === BATCH ? fetchPage(rows[rows.length - 1]!) : undefined;
        count += rows.length;
      }
      return count;
    },
    close: () => pool.end(),
  };
}

/**
 * Rebuild all over the personal-data history, sealed against clear (each in a fresh child, alternated): what
 * the personal-data layer costs a rebuild. Both histories hold the same events, ids included.
 */
async function benchPersonalDataRebuild(dir: string, databaseUrl: string, children: Set<ChildProcess>): Promise<BenchLine[]> {
  const target = (kind: StoreKind, sealed: boolean): Target => {
    const name = sealed ? 'sealed' : 'clear';
    const sqliteFile = join(dir, `personal-${name}.db`);
    const schema = `bench_personal_${name}`;
    const url = new URL(databaseUrl);
    url.searchParams.set('schema', schema);
    return kind === 'sqlite' ? { kind, url: `sqlite:${sqliteFile}`, sqliteFile, databaseUrl, sealed } : { kind, url: url.toString(), sqliteFile, databaseUrl, schema, sealed };
  };
  const write = (sealed: boolean): Promise<HistoryReport> =>
    writeSimulatedHistory(
      __filename,
      [target('sqlite', sealed).url, target('postgres', sealed).url],
      children,
      () => undefined,
      360,
      sealed ? (url) => openPersonalDataStore(url, { masterKey: Buffer.from(BENCH_MASTER_KEY, 'base64') }) : undefined,
      { months: PERSONAL_HISTORY.months },
    );
  log(`personal data: writing a ${PERSONAL_HISTORY.months}-month history into both stores in clear, then sealed…`);
  const clearHistory = await write(false);
  const sealedHistory = await write(true);
  log(
    `personal data: ${formatRate(clearHistory.events)} events; written in clear at ${formatRate(clearHistory.events / clearHistory.seconds)} events/s, ` +
      `sealed at ${formatRate(sealedHistory.events / sealedHistory.seconds)} events/s (${(clearHistory.seconds / sealedHistory.seconds).toFixed(2)} ×)`,
  );
  const lines: BenchLine[] = [];
  for (const kind of ['sqlite', 'postgres'] as const) {
    const counts = await countEvents(target(kind, false));
    const sealedCounts = await countEvents(target(kind, true));
    if (counts.total !== clearHistory.events || sealedCounts.total !== counts.total) {
      throw new Error(`${kind}: personal-data histories hold ${counts.total} and ${sealedCounts.total} events; the simulation wrote ${clearHistory.events}`);
    }
    const rebuild = async (sealed: boolean, round: number): Promise<number> => {
      const run = await bench.runChild<RebuildRun>('--rebuild', { target: target(kind, sealed), projections: PROJECTIONS.map((projection) => projection.name), counts } satisfies RebuildJob, children);
      const rate = counts.total / run.seconds;
      log(`${kind}: personal data round ${round + 1}/${PERSONAL_ROUNDS} ${sealed ? 'sealed' : 'clear '} ${formatRate(rate).padStart(9)} events/s (peak RSS ${run.peakRssMb} MB)`);
      return rate;
    };
    const samples = await alternate(PERSONAL_ROUNDS, { baseline: (round) => rebuild(false, round), ours: (round) => rebuild(true, round) });
    lines.push(lineFrom(`rebuild all, history with personal fields sealed vs in clear, ${formatRate(counts.total)} events`, kind, samples, PERSONAL_GOAL));
  }
  return lines;
}

interface RebuildFigures {
  readonly lines: BenchLine[];
  readonly allRate: number;
  readonly allSecondsMedian: number;
  readonly baselineRate: number;
  readonly peakRssMb: number;
  readonly startRssMb: number;
  readonly alonePeakRssMb: Record<string, number>;
}

async function benchRebuild(target: Target, counts: EventCounts, children: Set<ChildProcess>): Promise<RebuildFigures> {
  const { kind } = target;
  const { total } = counts;
  const raw = await openRawScan(target);
  const rebuildOf = (projections: readonly ProjectionDefinition[]): Promise<RebuildRun> =>
    bench.runChild<RebuildRun>('--rebuild', { target, projections: projections.map((projection) => projection.name), counts } satisfies RebuildJob, children);
  try {
    const scan = async (): Promise<number> => {
      const began = process.hrtime.bigint();
      const count = await raw.scan();
      if (count !== total) throw new Error(`${kind}: the raw scan read ${count} events; the store holds ${total}`);
      return total / secondsSince(began);
    };
    log(`${kind}: raw scan warm-up ${formatRate(await scan())} events/s`);
    const runs: RebuildRun[] = [];
    const samples = await alternate(REBUILD_ROUNDS, {
      baseline: async (round) => {
        const rate = await scan();
        log(`${kind}: rebuild round ${round + 1}/${REBUILD_ROUNDS} raw scan ${formatRate(rate).padStart(9)} events/s`);
        return rate;
      },
      ours: async (round) => {
        const run = await rebuildOf(PROJECTIONS);
        runs.push(run);
        log(
          `${kind}: rebuild round ${round + 1}/${REBUILD_ROUNDS} all      ${formatRate(total / run.seconds).padStart(9)} events/s ` +
            `(${run.seconds.toFixed(1)} s; RSS ${run.startRssMb} MB at the start, peak ${run.peakRssMb} MB)`,
        );
        return total / run.seconds;
      },
    });
    const baselineRate = median(samples.baseline);
    const lines = [lineFrom(`rebuild all ${PROJECTIONS.length} projections (one runner), ${formatRate(total)} events`, kind, samples, REBUILD_GOAL)];
    const alonePeak: Record<string, number> = {};
    for (const projection of PROJECTIONS) {
      const run = await rebuildOf([projection]);
      alonePeak[projection.name] = run.peakRssMb;
      const rate = total / run.seconds;
      log(`${kind}: rebuild ${projection.name} alone ${formatRate(rate)} events/s (${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb} MB)`);
      lines.push({
        name: `rebuild ${projection.name} alone`,
        store: kind,
        ours_per_s: Math.round(rate),
        baseline_per_s: Math.round(baselineRate),
        ratio: round3(rate / baselineRate),
        note: `one run, ${run.seconds.toFixed(1)} s for the ${formatRate(total)} events read (${formatRate(expectedFor(projection, counts))} of its types); baseline: the median raw scan above`,
      });
    }
    return {
      lines,
      allRate: median(samples.ours),
      allSecondsMedian: median(runs.map((run) => run.seconds)),
      baselineRate,
      peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
      startRssMb: Math.min(...runs.map((run) => run.startRssMb)),
      alonePeakRssMb: alonePeak,
    };
  } finally {
    await raw.close();
  }
}

// ---------------------------------------------------------------------------------------------- 3. the app: GET /kpis and lag

/**
 * The simulator wrote what the process managers would have (it runs the same deciders), so a deployment
 * on this history has them caught up: their checkpoints are set to the head. Else the app would replay the
 * whole history through them at boot.
 */
async function checkpointProcessManagersAtHead(url: string): Promise<void> {
  const { markProcessManagersCaughtUp } = await import('../apps/simulator/src/write-simulation.js');
  const store = await openEventStore(url);
  try {
    if ((await markProcessManagersCaughtUp(url, store)).length === 0) throw new Error('the store is empty');
  } finally {
    await store.close();
  }
}

/** Sends a GET with the token, reads the whole body; resolves with the milliseconds it took. */
async function timedGet(base: string, token: string, path: string): Promise<number> {
  const began = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  const took = performance.now() - began;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return took;
}

async function waitUntilLive(base: string, timeoutMs: number): Promise<void> {
  const began = performance.now();
  for (;;) {
    const response = await fetch(`${base}/health`).catch(() => undefined);
    if (response) {
      type Health = {
        projections?: { projections?: Array<{ state: string }> };
        roster?: { state: string };
        leadIdentity?: { state: string };
        asOfLadder?: { state: string };
      };
      const body = (await response.json().catch(() => undefined)) as Health | undefined;
      const states = body?.projections?.projections?.map((projection) => projection.state) ?? [];
      // Ready: every projection live, the in-memory followers read from the start at boot (the roster routing
      // reads, the lead identities imports check) caught up too, and the as-of ladder climbed (once, at boot).
      const followers = [body?.roster?.state, body?.leadIdentity?.state];
      const climbed = body?.asOfLadder?.state === 'ready';
      if (climbed && states.length === PROJECTIONS.length && [...states, ...followers].every((state) => state === 'live')) return;
      if ([...states, ...followers].includes('failed')) throw new Error(`a projection or follower failed at boot: ${JSON.stringify(body)}`);
    }
    if (performance.now() - began > timeoutMs) throw new Error(`the projections and followers were not live ${timeoutMs / 1000} s after boot`);
    await sleep(100);
  }
}

interface LatencyFigures {
  readonly kpis: number[];
  readonly health: number[];
}

/** Sequential requests, one at a time: per round, GET /health then GET /kpis (the three queries in turn). */
async function benchKpiLatency(kind: string, base: string, token: string): Promise<LatencyFigures> {
  let query = 0;
  const nextKpis = (): string => KPI_QUERIES[query++ % KPI_QUERIES.length]!;
  for (let i = 0; i < LATENCY.warmUp; i++) {
    await timedGet(base, token, '/health');
    await timedGet(base, token, nextKpis());
  }
  const figures: LatencyFigures = { kpis: [], health: [] };
  for (let round = 0; round < LATENCY.rounds; round++) {
    const health: number[] = [];
    const kpis: number[] = [];
    for (let i = 0; i < LATENCY.requestsPerRound; i++) health.push(await timedGet(base, token, '/health'));
    for (let i = 0; i < LATENCY.requestsPerRound; i++) kpis.push(await timedGet(base, token, nextKpis()));
    figures.health.push(...health);
    figures.kpis.push(...kpis);
    log(
      `${kind}: latency round ${round + 1}/${LATENCY.rounds}: /health p50 ${ms(percentile(health, 0.5))} p99 ${ms(percentile(health, 0.99))}; ` +
        `/kpis p50 ${ms(percentile(kpis, 0.5))} p99 ${ms(percentile(kpis, 0.99))}`,
    );
  }
  return figures;
}

// The load generator (child process).

interface LoadJob {
  readonly base: string;
  readonly token: string;
  readonly tag: string;
}

interface LoadReport {
  /** Commands due in LOAD.seconds at LOAD.commandsPerSecond. */
  readonly scheduled: number;
  readonly sent: number;
  readonly ok: number;
  readonly statuses: Record<string, number>;
  /** From the first command sent to the last answer. */
  readonly seconds: number;
  readonly achievedPerSecond: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly leadsCaptured: number;
  readonly contactAttempts: number;
  /** Commands answered 2xx per second, in successive windows of LOAD_WINDOW_S seconds (by answer time). */
  readonly windows: number[];
}

/**
 * Open loop for LOAD.seconds: command n is due at n / commandsPerSecond s, sent when due unless maxInFlight
 * are unanswered (then as soon as one is); what is not sent by the end is not sent. Every second command
 * is a contact attempt on a lead captured before (when one is waiting), the others POST /leads.
 */
async function generateLoad(job: LoadJob): Promise<LoadReport> {
  const { commandsPerSecond, seconds, maxInFlight } = LOAD;
  const scheduled = commandsPerSecond * seconds;
  const interval = 1000 / commandsPerSecond;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const captured: string[] = [];
  let inFlight = 0;
  let ok = 0;
  let leads = 0;
  let attempts = 0;
  const began = performance.now();
  const post = async (path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${job.base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${job.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const send = async (n: number): Promise<void> => {
    inFlight += 1;
    const sentAt = performance.now();
    let status: string;
    try {
      const leadId = n % 2 === 1 ? captured.shift() : undefined;
      if (leadId !== undefined) {
        attempts += 1;
        status = String((await post(`/leads/${leadId}/contact-attempts`, { channel: 'call', outcome: 'no-answer' })).status);
      } else {
        leads += 1;
        const response = await post('/leads', {
          company: { name: `ООО Тест ${job.tag}-${n}` },
          contact: { email: `n${job.tag}-${n}@example.ru` },
          estimatedValue: { amount: 1000, currency: 'RUB' },
        });
        status = String(response.status);
        if (response.status === 201) captured.push((response.body as { leadId: string }).leadId);
      }
    } catch (error) {
      status = (error as Error).message;
    }
    const now = performance.now();
    latencies.push(now - sentAt);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status.startsWith('2')) {
      ok += 1;
      answeredAt.push(now - began);
    }
    inFlight -= 1;
  };
  const running: Promise<void>[] = [];
  let next = 0;
  while (next < scheduled && performance.now() - began < seconds * 1000) {
    const elapsed = performance.now() - began;
    while (next < scheduled && next * interval <= elapsed && inFlight < maxInFlight) running.push(send(next++));
    await sleep(1);
  }
  await Promise.all(running);
  const took = (performance.now() - began) / 1000;
  const windows = Array.from({ length: Math.ceil(took / LOAD_WINDOW_S) }, () => 0);
  for (const at of answeredAt) windows[Math.floor(at / 1000 / LOAD_WINDOW_S)]! += 1 / LOAD_WINDOW_S;
  return {
    scheduled,
    sent: next,
    ok,
    statuses,
    seconds: took,
    achievedPerSecond: ok / took,
    latencyP50: percentile(latencies, 0.5),
    latencyP99: percentile(latencies, 0.99),
    leadsCaptured: leads,
    contactAttempts: attempts,
    windows: windows.map((rate) => Math.round(rate)),
  };
}

interface LagFigures {
  readonly load: LoadReport;
  readonly events: number;
  /** ms from recordedAt until readers of every projection see the event. */
  readonly readModels: number[];
  /** ms from recordedAt until a plain subscription of the store delivers the event. */
  readonly delivery: number[];
}

/**
 * While the load child sends commands, a subscription from 'end' sees every event they write; for each,
 * it waits on ReadModelsHost.whenCaughtUpTo(position), which resolves once readers of every projection see
 * it. Lag = when that resolves − recordedAt. When the read models applied the event before this
 * subscription delivered it, the wait resolves at once and the figure is this subscription's delay: it can
 * overstate the read models' lag, never understate it.
 */
async function benchLag(kind: string, running: RunningApp, base: string, token: string, children: Set<ChildProcess>): Promise<LagFigures> {
  const { ReadModelsHost } = await import('#libs/sales-insights');
  const store = running.app.get<EventStore>(EVENT_STORE);
  const host = running.app.get(ReadModelsHost);
  const now = (): number => performance.timeOrigin + performance.now();
  const readModels: number[] = [];
  const delivery: number[] = [];
  const waits: Promise<void>[] = [];
  let last: GlobalPosition | undefined;
  const subscription = store.subscribe({ from: 'end' });
  const consuming = (async () => {
    for await (const event of subscription as AsyncIterable<StoredEvent>) {
      const recorded = event.recordedAt.getTime();
      delivery.push(now() - recorded);
      last = event.position;
      waits.push(host.whenCaughtUpTo(event.position).then(() => void readModels.push(now() - recorded)));
    }
  })();
  await sleep(200);
  const load = await bench.runChild<LoadReport>('--load', { base, token, tag: kind } satisfies LoadJob, children);
  // Everything the load wrote: the head, as the store tells it now, delivered and applied.
  const head = await store.headPosition();
  const deadline = Date.now() + 30_000;
  while (head !== 'start' && (last === undefined || comparePositions(last, head) < 0)) {
    if (Date.now() > deadline) throw new Error(`${kind}: the subscription did not reach the head 30 s after the load`);
    await sleep(20);
  }
  await subscription.close();
  await consuming;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(waits),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${kind}: the read models did not catch up 30 s after the load`)), 30_000))),
  ]).finally(() => clearTimeout(timer));
  return { load, events: delivery.length, readModels, delivery };
}

interface AppFigures {
  readonly lines: BenchLine[];
  readonly latency: LatencyFigures;
  readonly lag: LagFigures;
  readonly liveAfterMs: number;
}

/** A latency as a results line: per second = 1000 / p99 in ms, ours and baseline; ratio = baseline p99 / ours. */
function latencyLine(name: string, store: string, ours: readonly number[], baseline: readonly number[]): BenchLine {
  const oursP99 = Math.max(percentile(ours, 0.99), 0.001);
  const baselineP99 = Math.max(percentile(baseline, 0.99), 0.001);
  const describe = (samples: readonly number[]): string =>
    `p50 ${ms(percentile(samples, 0.5))}, p95 ${ms(percentile(samples, 0.95))}, p99 ${ms(percentile(samples, 0.99))} (${samples.length})`;
  return {
    name,
    store,
    ours_per_s: Math.round((1000 / oursP99) * 10) / 10,
    baseline_per_s: Math.round((1000 / baselineP99) * 10) / 10,
    ratio: round3(baselineP99 / oursP99),
    note: `ours ${describe(ours)}; baseline ${describe(baseline)}`,
  };
}

async function benchApp(target: Target, dir: string, children: Set<ChildProcess>): Promise<AppFigures> {
  const { kind } = target;
  const [{ bootstrap }, { signToken }] = await Promise.all([import('../apps/sales-ops/src/bootstrap.js'), import('#libs/platform')]);
  await checkpointProcessManagersAtHead(target.url);
  const booted = performance.now();
  const running = await bootstrap(
    // One user sends LOAD.commandsPerSecond × LOAD.seconds commands (10,000 at 500/s) from one address: over the
    // default rate limits (3,000 a user and 12,000 an address a minute), so set above them. The limits still
    // count (in PostgreSQL on that store), as they would in production.
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, `app-${kind}`), EVENT_STORE_URL: target.url, JWT_SECRET: SECRET, ...BENCH_RATE_LIMITS },
    { logger: false },
  );
  // NestFactory set the global logger to { logger: false }: ours again, for the runner's warnings.
  Logger.overrideLogger(stderrLogger);
  try {
    const base = running.url.replace('localhost', '127.0.0.1');
    await waitUntilLive(base, 300_000);
    const liveAfterMs = performance.now() - booted;
    log(`${kind}: app booted on the rebuilt read models; every projection and follower live ${(liveAfterMs / 1000).toFixed(1)} s after boot`);
    const token = await signToken(SECRET, { role: 'head-of-sales', userId: 'rop-1' });
    const latency = await benchKpiLatency(kind, base, token);
    const lag = await benchLag(kind, running, base, token, children);
    const { load } = lag;
    log(
      `${kind}: load: ${load.ok}/${load.sent} commands ok (${load.scheduled} due) in ${load.seconds.toFixed(1)} s = ${formatRate(load.achievedPerSecond)}/s, ` +
        `statuses ${JSON.stringify(load.statuses)}, ${formatRate(lag.events)} events; command latency p50 ${ms(load.latencyP50)} p99 ${ms(load.latencyP99)}; ` +
        `answered per ${LOAD_WINDOW_S} s window: ${load.windows.join(', ')}/s; read-model lag p50 ${ms(percentile(lag.readModels, 0.5))} ` +
        `p99 ${ms(percentile(lag.readModels, 0.99))}`,
    );
    return {
      lines: [
        latencyLine('GET /kpis p99 (1000/ms) vs GET /health', kind, latency.kpis, latency.health),
        latencyLine(`read-model lag p99 (1000/ms) vs subscription, ${formatRate(load.achievedPerSecond)} cmd/s`, kind, lag.readModels, lag.delivery),
      ],
      latency,
      lag,
      liveAfterMs,
    };
  } finally {
    await running.app.close();
  }
}

// ---------------------------------------------------------------------------------------------- 4. the peer: emmett-postgresql

type Emmett = typeof import('@event-driven-io/emmett-postgresql');

/**
 * Copies the events of our PostgreSQL store into emmett's tables (public schema of the same database,
 * created by emmett's own migration) as emmett's emt_append_to_stream writes them: a stream row per stream
 * with its position; a message per event with stream_position = revision + 1, message_id = our event id,
 * schema version '1', kind 'E', stream_type = the id's prefix before '-', metadata = ours plus occurredAt
 * and recordedAt (emmett has no such columns); global_position in our global order. emmett's
 * appendToStream is not used for the copy: it ran at ~1,900 appends/s here (a transaction and an
 * unprepared statement per stream), some 7 minutes for the 840,000 appends of this history.
 */
async function copyToEmmett(emmett: Emmett, databaseUrl: string, total: number): Promise<void> {
  const eventStore = emmett.getPostgreSQLEventStore(databaseUrl);
  try {
    await eventStore.schema.migrate();
  } finally {
    await eventStore.close();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`
      INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
      SELECT stream_id, max(stream_revision) + 1, 'emt:default',
             CASE WHEN strpos(stream_id, '-') > 1 THEN split_part(stream_id, '-', 1) ELSE 'emt:unknown' END, '{}', false
      FROM ${PG_SCHEMA}.es_events GROUP BY stream_id`);
    await client.query(`
      INSERT INTO emt_messages (stream_position, global_position, transaction_id, created, is_archived, message_kind, stream_id, partition,
                                message_schema_version, message_id, message_type, message_data, message_metadata)
      SELECT stream_revision + 1, row_number() OVER (ORDER BY transaction_id, position), pg_current_xact_id(), recorded_at, false, 'E',
             stream_id, 'emt:default', '1', event_id::text, type, data,
             metadata || jsonb_build_object('occurredAt', (extract(epoch FROM occurred_at) * 1000)::float8,
                                            'recordedAt', (extract(epoch FROM recorded_at) * 1000)::float8)
      FROM ${PG_SCHEMA}.es_events`);
    await client.query(`SELECT setval('emt_global_message_position', $1::bigint)`, [total]);
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) emt_messages');
    await client.query('VACUUM (ANALYZE) emt_streams');
    await client.query(
      `CREATE TABLE peer_rm_documents (projection text NOT NULL, collection text NOT NULL, key text NOT NULL, doc json NOT NULL,
         PRIMARY KEY (projection, collection, key))`,
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

interface EmmettMessage {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown> & {
    readonly messageId: string;
    readonly streamName: string;
    readonly streamPosition: bigint;
    readonly globalPosition: bigint;
    readonly occurredAt: number;
    readonly recordedAt: number;
  };
}

interface PeerProjection {
  readonly definition: ProjectionDefinition;
  readonly projection: ReturnType<Emmett['postgreSQLProjection']>;
  applied(): number;
  flush(client: pg.ClientBase): Promise<void>;
}

/**
 * Our projection's fold as an emmett projection. emmett's projector calls handle() once per event, inside
 * one transaction per batch pulled, and stores its checkpoint after each event. The fold is ours, on a
 * DocumentState in memory; the changed documents are written with the same multi-row upsert as our
 * PostgreSQL writer, inside emmett's transaction, every BATCH events (emmett gives a projection no
 * end-of-batch call), and once more at the end.
 */
function peerProjection(emmett: Emmett, definition: ProjectionDefinition): PeerProjection {
  const state = DocumentState.of(definition);
  let applied = 0;
  let pending = 0;
  const flush = async (client: pg.ClientBase): Promise<void> => {
    const changes = state.takeChanges();
    pending = 0;
    const upserts = changes.filter((change) => change.json !== null);
    const deletes = changes.filter((change) => change.json === null);
    if (upserts.length > 0) {
      await client.query(
        `INSERT INTO peer_rm_documents (projection, collection, key, doc)
         SELECT $1, t.c, t.k, t.d FROM json_to_recordset($2::json) AS t(c text, k text, d json)
         ON CONFLICT (projection, collection, key) DO UPDATE SET doc = excluded.doc`,
        [definition.name, `[${upserts.map((c) => `{"c":${JSON.stringify(c.collection)},"k":${JSON.stringify(c.key)},"d":${c.json}}`).join(',')}]`],
      );
    }
    if (deletes.length > 0) {
      await client.query(
        `DELETE FROM peer_rm_documents d USING unnest($2::text[], $3::text[]) AS t(c, k)
         WHERE d.projection = $1 AND d.collection = t.c AND d.key = t.k`,
        [definition.name, deletes.map((c) => c.collection), deletes.map((c) => c.key)],
      );
    }
  };
  const projection = emmett.postgreSQLProjection({
    name: `peer-${definition.name}`,
    version: definition.version,
    kind: 'bench:documents',
    canHandle: [...definition.eventTypes],
    truncate: async (context) => {
      await context.connection.client.query('DELETE FROM peer_rm_documents WHERE projection = $1', [definition.name]);
    },
    handle: async (events, context) => {
      for (const event of events as unknown as EmmettMessage[]) {
        const { metadata } = event;
        definition.apply(state, {
          eventId: metadata.messageId,
          type: event.type,
          schemaVersion: 1,
          streamId: metadata.streamName,
          streamRevision: Number(metadata.streamPosition) - 1,
          position: { commit: 0, prepare: Number(metadata.globalPosition) },
          occurredAt: new Date(metadata.occurredAt),
          recordedAt: new Date(metadata.recordedAt),
          data: event.data,
          metadata: metadata as unknown as StoredEvent['metadata'],
        });
        applied += 1;
        pending += 1;
      }
      if (pending >= BATCH) await flush(context.connection.client as pg.ClientBase);
    },
  });
  return { definition, projection, applied: () => applied, flush };
}

interface PeerRun {
  readonly seconds: number;
  readonly eventsCovered: number;
  readonly finished: boolean;
  readonly applied: Record<string, number>;
}

/** emmett's rebuild: a consumer from the beginning (truncating first) with both projections, until no message is left or the cap. */
async function runEmmettRebuild(emmett: Emmett, databaseUrl: string, counts: EventCounts): Promise<PeerRun> {
  const peers = PROJECTIONS.map((definition) => peerProjection(emmett, definition));
  const consumer = emmett.rebuildPostgreSQLProjections({
    connectionString: databaseUrl,
    projections: peers.map((peer) => peer.projection),
    // emmett's defaults are 100 messages a pull and a 50 ms pause between pulls (at most 2,000 events/s):
    // given our batch size and no pause instead.
    pulling: { batchSize: BATCH, pullingFrequencyInMs: 0 },
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const began = process.hrtime.bigint();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      consumer.start().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PEER_MAX_SECONDS * 1000))),
    ]).finally(() => clearTimeout(timer));
    if (!finished) await consumer.stop();
    const seconds = secondsSince(began);
    // The last documents changed, after emmett's last transaction (fewer than BATCH events' worth).
    const client = await pool.connect();
    try {
      for (const peer of peers) await peer.flush(client);
    } finally {
      client.release();
    }
    const { rows } = await pool.query<{ processor_id: string; last_processed_checkpoint: string }>(
      'SELECT processor_id, last_processed_checkpoint FROM emt_processors',
    );
    const checkpoints = peers.map((peer) => {
      const row = rows.find((each) => each.processor_id.endsWith(`peer-${peer.definition.name}`));
      return row ? Number(BigInt(row.last_processed_checkpoint)) : 0;
    });
    const applied = Object.fromEntries(peers.map((peer) => [peer.definition.name, peer.applied()]));
    if (finished) {
      // emmett's consumer settles its processors with Promise.allSettled: one that threw looks finished.
      for (const peer of peers) {
        const expected = expectedFor(peer.definition, counts);
        if (peer.applied() !== expected) throw new Error(`emmett's consumer ended having applied ${peer.applied()} events to ${peer.definition.name}; expected ${expected}`);
      }
    }
    return { seconds, eventsCovered: finished ? counts.total : Math.min(...checkpoints), finished, applied };
  } finally {
    await consumer.close().catch(() => undefined);
    await pool.end();
  }
}

interface PeerFigures {
  readonly line?: BenchLine;
  readonly error?: string;
}

async function benchPeer(target: Target, children: Set<ChildProcess>): Promise<PeerFigures> {
  // Everything in the store now, the lag benchmark's events included.
  const counts = await countEvents(target);
  let emmett: Emmett;
  try {
    emmett = await import('@event-driven-io/emmett-postgresql');
  } catch (error) {
    return { error: `could not load @event-driven-io/emmett-postgresql: ${(error as Error).message}` };
  }
  const began = process.hrtime.bigint();
  await copyToEmmett(emmett, target.databaseUrl, counts.total);
  log(`postgres: copied ${formatRate(counts.total)} events into emmett's tables in ${secondsSince(began).toFixed(1)} s`);
  let run: PeerRun;
  try {
    run = await runEmmettRebuild(emmett, target.databaseUrl, counts);
  } catch (error) {
    return { error: `emmett's consumer failed: ${(error as Error).stack ?? (error as Error).message}` };
  }
  const peerRate = run.eventsCovered / run.seconds;
  log(
    `postgres: emmett's consumer ${run.finished ? 'finished' : `stopped at the ${PEER_MAX_SECONDS} s cap`} after ${run.seconds.toFixed(1)} s: ` +
      `${formatRate(run.eventsCovered)} events covered = ${formatRate(peerRate)} events/s (applied ${JSON.stringify(run.applied)})`,
  );
  // Ours again, right after, on the same database (which now also holds emmett's copy).
  const ours = await bench.runChild<RebuildRun>('--rebuild', { target, projections: PROJECTIONS.map((projection) => projection.name), counts } satisfies RebuildJob, children);
  const oursRate = counts.total / ours.seconds;
  log(`postgres: ours right after: ${formatRate(oursRate)} events/s (${ours.seconds.toFixed(1)} s)`);
  return {
    line: {
      name: 'rebuild, emmett-postgresql consumer (peer)',
      store: 'postgres',
      ours_per_s: Math.round(oursRate),
      baseline_per_s: Math.round(peerRate),
      ratio: round3(oursRate / peerRate),
      note:
        `one run each, emmett first; emmett ${run.finished ? 'ran to the end' : `was stopped after ${PEER_MAX_SECONDS} s`}: ` +
        `${formatRate(run.eventsCovered)} events in ${run.seconds.toFixed(1)} s; ours ${formatRate(counts.total)} events in ${ours.seconds.toFixed(1)} s`,
    },
  };
}

// ---------------------------------------------------------------------------------------------- PostgreSQL database of the run


/** Reads and subscriptions wait for older transactions still open anywhere in the cluster: say so when one is. */
async function warnOfOpenTransactions(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; datname: string | null; seconds: number }>(
      `SELECT pid, datname, extract(epoch FROM now() - xact_start)::float8 AS seconds FROM pg_stat_activity
       WHERE pid <> pg_backend_pid() AND (backend_xid IS NOT NULL OR backend_xmin IS NOT NULL)
         AND xact_start < now() - interval '2 seconds'`,
    );
    for (const row of rows) {
      log(`postgres: warning — session ${row.pid} (${row.datname ?? '?'}) has had a transaction open for ${row.seconds.toFixed(0)} s; reads wait for it`);
    }
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------- main

interface StoreSummary {
  readonly kind: StoreKind;
  readonly total: number;
  readonly rebuild: RebuildFigures;
  readonly app: AppFigures;
}

function summary(history: HistoryReport, stores: readonly StoreSummary[], peer: PeerFigures | undefined): string {
  const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');
  const out = [
    `history: ${formatRate(history.events)} events, ${formatRate(history.appends)} stream appends in ${history.days} daily appendMany ` +
      `(DepartmentSimulation seed ${HISTORY.seed}, ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day from ${HISTORY.start.slice(0, 10)}); ` +
      `written into both stores in ${history.seconds.toFixed(0)} s`,
    '',
    'absolute goals:',
  ];
  for (const { kind, total, rebuild, app } of stores) {
    const k = kind.padEnd(8);
    const ratio = rebuild.allRate / rebuild.baselineRate;
    out.push(
      `  ${k} rebuild all projections: ${formatRate(rebuild.allRate)} events/s (median ${rebuild.allSecondsMedian.toFixed(1)} s for ${formatRate(total)} events), ` +
        `ratio ${ratio.toFixed(2)} (goal ≥ ${REBUILD_GOAL}): ${verdict(ratio >= REBUILD_GOAL)}` +
        (kind === 'postgres' ? `; goal ≥ ${formatRate(POSTGRES_REBUILD_GOAL_PER_S)} events/s: ${verdict(rebuild.allRate >= POSTGRES_REBUILD_GOAL_PER_S)}` : ''),
      `  ${k} peak RSS while rebuilding all: ${rebuild.peakRssMb} MB (the child was at ${rebuild.startRssMb} MB before; goal ≤ ${PEAK_RSS_GOAL_MB} MB): ` +
        `${verdict(rebuild.peakRssMb <= PEAK_RSS_GOAL_MB)}; each alone: ${Object.entries(rebuild.alonePeakRssMb).map(([name, peak]) => `${name} ${peak} MB`).join(', ')}`,
      `  ${k} GET /kpis: p50 ${ms(percentile(app.latency.kpis, 0.5))}, p95 ${ms(percentile(app.latency.kpis, 0.95))}, p99 ${ms(percentile(app.latency.kpis, 0.99))} ` +
        `over ${app.latency.kpis.length} requests (goal p99 ≤ ${KPI_GOAL_P99_MS} ms): ${verdict(percentile(app.latency.kpis, 0.99) <= KPI_GOAL_P99_MS)}; ` +
        `GET /health p50 ${ms(percentile(app.latency.health, 0.5))}, p99 ${ms(percentile(app.latency.health, 0.99))}`,
    );
    const { load, readModels, delivery } = app.lag;
    out.push(
      `  ${k} load: ${formatRate(load.achievedPerSecond)} commands/s achieved, ${LOAD.commandsPerSecond}/s asked for ${LOAD.seconds} s ` +
        `(${load.ok} ok of ${load.sent} sent, ${load.scheduled} due; ${load.leadsCaptured} POST /leads, ${load.contactAttempts} contact attempts; ` +
        `statuses ${JSON.stringify(load.statuses)}; command latency p50 ${ms(load.latencyP50)}, p99 ${ms(load.latencyP99)}; ` +
        `answered per ${LOAD_WINDOW_S} s: ${load.windows.join(', ')}/s); ${formatRate(app.lag.events)} events written`,
      `  ${k} read-model lag (${PROJECTIONS.map((projection) => projection.name).join(' + ')}, one runner): p50 ${ms(percentile(readModels, 0.5))}, ` +
        `p99 ${ms(percentile(readModels, 0.99))}, max ${ms(percentile(readModels, 1))} over ${readModels.length} events ` +
        `(goal p99 ≤ ${LAG_GOAL_P99_MS} ms): ${verdict(percentile(readModels, 0.99) <= LAG_GOAL_P99_MS)}; ` +
        `plain subscription p50 ${ms(percentile(delivery, 0.5))}, p99 ${ms(percentile(delivery, 0.99))}; app live ${(app.liveAfterMs / 1000).toFixed(1)} s after boot`,
    );
  }
  if (peer?.error) out.push('', `peer: no emmett line: ${peer.error}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  Logger.overrideLogger(stderrLogger);
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  log(
    `node ${process.version}, history ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}` +
      (SCALE === 1 ? '' : `, BENCH_SCALE=${SCALE}`),
  );
  const database = await createBenchDatabase(adminUrl);
  log(`created database ${new URL(database.url).pathname.slice(1)}`);
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-bench-projections-'));
  const children = new Set<ChildProcess>();
  const cleanUp = (): void => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    cleanUp();
    database.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);

  const sqliteFile = join(dir, 'events.db');
  const storeUrl = new URL(database.url);
  storeUrl.searchParams.set('schema', PG_SCHEMA);
  const targets: Record<StoreKind, Target> = {
    sqlite: { kind: 'sqlite', url: `sqlite:${sqliteFile}`, sqliteFile, databaseUrl: database.url },
    postgres: { kind: 'postgres', url: storeUrl.toString(), sqliteFile, databaseUrl: database.url },
  };
  const lines: BenchLine[] = [];
  const stores: StoreSummary[] = [];
  let history: HistoryReport;
  let peer: PeerFigures | undefined;
  try {
    log('writing the history into both stores (the simulation in a child process)…');
    history = await writeHistory(targets, children);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // Hint bits and the visibility map set once, as on a store that has been running.
    await client.query(`VACUUM (ANALYZE) ${PG_SCHEMA}.es_events`);
    await client.end();
    const counts: Partial<Record<StoreKind, EventCounts>> = {};
    for (const kind of ['sqlite', 'postgres'] as const) {
      counts[kind] = await countEvents(targets[kind]);
      if (counts[kind].total !== history.events) throw new Error(`${kind} holds ${counts[kind].total} events; the simulation wrote ${history.events}`);
    }
    log(
      `history: ${formatRate(history.events)} events in ${formatRate(history.appends)} stream appends over ${history.days} days, ` +
        `written in ${history.seconds.toFixed(1)} s; SQLite file ${(statSync(sqliteFile).size / 1e6).toFixed(0)} MB`,
    );
    await warnOfOpenTransactions(database.url);

    for (const kind of ['sqlite', 'postgres'] as const) {
      const target = targets[kind];
      const rebuild = await benchRebuild(target, counts[kind]!, children);
      lines.push(...rebuild.lines);
      const app = await benchApp(target, dir, children);
      lines.push(...app.lines);
      stores.push({ kind, total: counts[kind]!.total, rebuild, app });
      log(`load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    }
    lines.push(...(await benchPersonalDataRebuild(dir, database.url, children)));
    peer = await benchPeer(targets.postgres, children);
    if (peer.line) lines.push(peer.line);
    else log(`postgres: no peer line: ${peer.error}`);
  } finally {
    cleanUp();
    log('dropping the benchmark database');
    await database.drop();
  }

  const path = writeResults('projections.json', lines);
  process.stdout.write(
    `\n${formatTable(lines)}\n\n${summary(history, stores, peer)}\n\n` +
      `written to ${path} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`,
  );
}

// ---------------------------------------------------------------------------------------------- entry

if (role === 'simulation') {
  simulate().catch((error: unknown) => {
    log(`failed: ${describeError(error)}`);
    process.exit(1);
  });
} else if (role === 'rebuild' || role === 'load') {
  Logger.overrideLogger(stderrLogger);
  if (role === 'rebuild') bench.childEntry(rebuildInChild);
  else bench.childEntry(generateLoad);
} else bench.mainEntry(main);
