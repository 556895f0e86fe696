/**
 * What every bench shares as a process: its role (the main run, or one of the child roles it forks itself
 * into), its log line on stderr, forking a child role and taking its answer, the entry points of both, and the
 * small numeric helpers of its report.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBenchDatabase } from './bench-database';
import { repoRoot } from './bench-report';

export interface BenchProcess {
  /** `main`, or the child role named by the first argument. */
  readonly role: string;
  readonly startedAt: number;
  /** One line on stderr: `[bench:<name>[:<role>] <seconds>s] message`. */
  log(message: string): void;
  /** Forks `file` in a child role (`mode`, one of the roles' flags) and resolves with what the child sends back. */
  runChild<T>(mode: string, job: unknown, children: Set<ChildProcess>): Promise<T>;
  /** In a child: runs `work` on the job the parent passed, sends its result back (when it has one) and exits. */
  childEntry<Job>(work: (job: Job) => Promise<unknown>): void;
  /** In the main run: runs `main`, and exits 1 with the error when it fails. */
  mainEntry(main: () => Promise<void>): void;
}

/** `roles` maps a child's flag to its role: `{ '--simulate': 'simulation' }`. */
export function benchProcess(name: string, file: string, roles: Readonly<Record<string, string>> = {}): BenchProcess {
  const startedAt = Date.now();
  const role = roles[process.argv[2] ?? ''] ?? 'main';
  const log = (message: string): void => {
    const elapsed = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(5);
    process.stderr.write(`[bench:${name}${role === 'main' ? '' : `:${role}`} ${elapsed}s] ${message}\n`);
  };
  return {
    role,
    startedAt,
    log,
    runChild: <T>(mode: string, job: unknown, children: Set<ChildProcess>) =>
      new Promise<T>((resolve, reject) => {
        const child = fork(file, [mode, JSON.stringify(job ?? null)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        children.add(child);
        let result: T | undefined;
        child.on('message', (message) => (result = message as T));
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          children.delete(child);
          if (code === 0 && result !== undefined) resolve(result);
          else reject(new Error(`the ${roles[mode] ?? mode} child exited with ${signal ?? `code ${code}`}`));
        });
      }),
    childEntry: <Job>(work: (job: Job) => Promise<unknown>) => {
      work(JSON.parse(process.argv[3] ?? 'null') as Job).then(
        (result) => (result === undefined ? process.exit(0) : process.send!(result as never, () => process.exit(0))),
        (error: unknown) => {
          log(`failed: ${describeError(error)}`);
          process.exit(1);
        },
      );
    },
    mainEntry: (main: () => Promise<void>) => {
      main().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`[bench:${name}] failed: ${describeError(error)}\n`);
          process.exit(1);
        },
      );
    },
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));
export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const secondsSince = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;
export const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** A port free at the moment, on 127.0.0.1 (for an app a bench starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What a bench that starts apps works in: a temp folder, a PostgreSQL database of its own, its child processes. */
export interface BenchWorkspace {
  readonly dir: string;
  readonly databaseUrl: string;
  readonly children: Set<ChildProcess>;
  /** Stops the children, drops the database, removes the folder (also on Ctrl-C). */
  stop(): Promise<void>;
}

export async function benchWorkspace(name: string): Promise<BenchWorkspace> {
  const children = new Set<ChildProcess>();
  const dir = mkdtempSync(join(tmpdir(), `sales-ops-bench-${name}-`));
  const database = await createBenchDatabase(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const stop = async (): Promise<void> => {
    for (const child of children) child.kill('SIGTERM');
    await sleep(500);
    await database.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  return { dir, databaseUrl: database.url, children, stop };
}

/**
 * The built all-in-one app (dist) in a process of its own on 127.0.0.1, its output on this one's stderr, with
 * `env` on top of a bare environment (PATH, HOME, the port, AS_OF_LADDER=lazy); resolves once `readyPath` answers 200.
 */
export async function startBuiltApp(
  env: Readonly<Record<string, string>>,
  children: Set<ChildProcess>,
  readyPath = '/health',
  what = 'the app',
  /** How long it may take to answer `readyPath` (a first boot on a long history builds its read models first). */
  timeoutMs = 120_000,
): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'apps', 'sales-ops', 'src', 'main.js')], {
    cwd: repoRoot(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', AS_OF_LADDER: 'lazy', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${base}${readyPath}`).then((response) => response.status, () => 0);
    if (status === 200) break;
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it answered ${readyPath}`);
    if (performance.now() > deadline) throw new Error(`${what} did not answer ${readyPath} within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
  return { base, child };
}
