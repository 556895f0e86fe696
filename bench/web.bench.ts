/**
 * Web benchmark (`npm run bench:web`): the head of sales' dashboard in headless Chromium (Debian's, through
 * playwright-core), on the all-in-one app (dist, a process of its own) over a simulated department of about
 * 1,000,000 events that ends today, in the embedded default's SQLite store.
 *
 * Each round opens a fresh page on `/app/dashboard?<view>` and measures, in the page's own clock:
 *
 * - ours     — navigation start → the `sales-ops:dashboard-drawn` mark (every panel drawn for the first time);
 * - baseline — the GET /kpis requests the page made to draw it (Resource Timing: the first one's startTime to
 *              the last one's responseEnd): the API's own time as the page experienced it. The same requests
 *              are also sent from Node (fetch, all at once, a bearer token), alternated with the pages;
 * - the JavaScript the page transferred (and decoded), its first contentful paint, and what is neither API
 *   nor waiting: before the first /kpis request (document, scripts, session) and after the last answer (render).
 *
 * Views: this quarter and last month (live), and this quarter as of the last day of the last quarter (folded
 * from the history on the server). Each warm (a fresh page in one signed-in context: its HTTP cache holds the
 * assets) and cold (a new context per round, signed in with a new link, HTTP cache empty).
 *
 * Time: lower is better, so ratio = ours ÷ baseline; goals: ours ≤ 1500 ms and ≤ 2 × baseline. Progress goes to
 * stderr, the table to stdout and bench/results/web.json. It reports and never fails on a slow figure; it exits
 * non-zero only on a real error (no Chromium, the app does not start, a page that never draws). See bench/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { median, repoRoot } from './bench-report';
import { benchScale, sendSimulatedDays, writeSimulatedHistory, type HistoryReport } from './simulated-history';
import { benchProcess, freePort, percentile, round3, sleep, describeError } from './bench-process';

// The app, the platform, the simulator and playwright-core are imported where they are used (import()), so
// that the simulation's child process loads only the simulator.

// ---------------------------------------------------------------------------------------------- configuration

const SCALE = benchScale();
/**
 * The simulated department of every benchmark (seed 42, 45 leads a day; bench/simulated-history.ts) but
 * ending today (whole calendar months before it), so that "this quarter" and "last month" hold figures:
 * 68 months ≈ 1,000,000 events.
 */
const HISTORY = { seed: 42, months: Math.max(1, Math.round(68 * SCALE)), leadsPerDay: 45, keyAccountThreshold: 1_000_000 } as const;
/** The end day of the history, handed to the simulation child (it is forked by simulated-history.ts). */
const HISTORY_END_ENV = 'BENCH_WEB_HISTORY_END';
const WARM_UP_ROUNDS = 2;
const ROUNDS = 10;
/** Sequential GETs of each request of a view from Node, after its rows: which route takes the time. */
const SEQUENTIAL_ROUNDS = 5;
const GOAL_MS = 1500;
const GOAL_RATIO = 2;
const DRAWN_MARK = 'sales-ops:dashboard-drawn';
/** How long a page may take to draw before the run fails. */
const DRAW_TIMEOUT_MS = 120_000;
/**
 * After the mark, a page is closed once no GET /kpis has been in flight or begun for this long: the live views
 * fetch their figures a second time (≥ 400 ms after the first) when the first progress event of GET /live
 * arrives, and the server must be idle before the next measurement.
 */
const QUIET_MS = 500;
const SETTLE_MS = 100;
const SECRET = 'bench-secret-of-at-least-thirty-two-characters!';
const CONTEXT_OPTIONS = { viewport: { width: 1440, height: 900 }, locale: 'en-US' } as const;
const CLOCK_TICKS_PER_S = 100;

// ---------------------------------------------------------------------------------------------- helpers

const bench = benchProcess('web', __filename, { '--simulate': 'simulation' });
const { role, startedAt, log } = bench;

const round1 = (value: number): number => Math.round(value * 10) / 10;
const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const loads = (): string => loadavg().map((load) => load.toFixed(2)).join(' ');

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------- 1. the history

/** The simulation child (forked by writeSimulatedHistory): DepartmentSimulation ending on the parent's day. */
async function simulate(): Promise<void> {
  const { DepartmentSimulation } = await import('../apps/simulator/src/department-simulation.js');
  const end = new Date(process.env[HISTORY_END_ENV] ?? Date.now());
  await sendSimulatedDays(new DepartmentSimulation({ ...HISTORY, end }));
}

async function writeHistory(storeUrl: string, sqliteFile: string, children: Set<ChildProcess>): Promise<HistoryReport> {
  process.env[HISTORY_END_ENV] = new Date().toISOString();
  const history = await writeSimulatedHistory(
    __filename,
    [storeUrl],
    children,
    (report) => log(`history: ${report.days} days, ${count(report.events)} events, ${count(report.events / report.seconds)} events/s`),
    360,
  );
  const db = new Database(sqliteFile, { readonly: true });
  try {
    const { total } = db.prepare('SELECT count(*) AS total FROM es_events').get() as { total: number };
    if (total !== history.events) throw new Error(`the store holds ${total} events; the simulation wrote ${history.events}`);
  } finally {
    db.close();
  }
  // The simulator did the process managers' work (it runs the same deciders): a deployment on this history
  // has them caught up. Without this the app would route a million events again at boot.
  const [{ openEventStore }, { markProcessManagersCaughtUp }] = await Promise.all([import('#libs/event-store'), import('../apps/simulator/src/write-simulation.js')]);
  const store = await openEventStore(storeUrl);
  try {
    await markProcessManagersCaughtUp(storeUrl, store);
  } finally {
    await store.close();
  }
  return history;
}

// ---------------------------------------------------------------------------------------------- 2. the app

interface App {
  readonly process: ChildProcess;
  /** http://127.0.0.1:<port>, also its PUBLIC_URL: the browser and Node use the same origin. */
  readonly base: string;
  readonly logFile: string;
  readonly liveAfterMs: number;
}

/** The built all-in-one app (dist/apps/sales-ops/src/main.js) in a process of its own, WEB_ROOT its default (dist/web). */
async function startApp(storeUrl: string, dir: string, children: Set<ChildProcess>): Promise<App> {
  const root = repoRoot();
  const main = join(root, 'dist', 'apps', 'sales-ops', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`no ${main}: run npm run build first (npm run bench:web does)`);
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) throw new Error('no dist/web/index.html: run npm run build first (npm run bench:web does)');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'app.log');
  const out = openSync(logFile, 'a');
  const began = performance.now();
  // Only what the app needs: none of this shell's DATABASE_URL, KAFKA_BROKERS or OIDC settings.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    DATA_DIR: join(dir, 'app'),
    EVENT_STORE_URL: storeUrl,
    JWT_SECRET: SECRET,
    // Every round loads the dashboard and times its requests from Node too, one user from one address:
    // limits no run reaches, set rather than left to the defaults (3,000 a user, 12,000 an address a minute).
    RATE_LIMIT_PER_USER: '100000000',
    RATE_LIMIT_PER_IP: '100000000',
  };
  const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', out, out] });
  closeSync(out);
  children.add(child);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    children.delete(child);
    exited = signal ?? `code ${code}`;
  });
  for (;;) {
    if (exited !== undefined) throw new Error(`the app exited with ${exited} before it was live:\n${tail(logFile)}`);
    const health = await fetch(`${base}/health`).then((response) => response.json() as Promise<Health>, () => undefined);
    if (health && ready(health)) break;
    if (health && JSON.stringify(health).includes('"failed"')) throw new Error(`a projection or follower failed at boot: ${JSON.stringify(health)}`);
    if (performance.now() - began > 600_000) throw new Error(`the app was not live 600 s after it started:\n${tail(logFile)}`);
    await sleep(100);
  }
  return { process: child, base, logFile, liveAfterMs: performance.now() - began };
}

type Health = {
  projections?: { projections?: Array<{ state: string }> };
  roster?: { state: string };
  leadIdentity?: { state: string };
  asOfLadder?: { state: string };
};

/**
 * Every projection live, the in-memory followers read from the start at boot (roster, lead identities) too, and
 * the as-of ladder climbed (the app's work at boot, once; measured rows would otherwise share a core with it).
 */
function ready(health: Health): boolean {
  const states = [...(health.projections?.projections ?? []).map((projection) => projection.state), health.roster?.state, health.leadIdentity?.state];
  return (health.projections?.projections?.length ?? 0) > 0 && states.every((state) => state === 'live') && health.asOfLadder?.state === 'ready';
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

async function stopApp(app: App): Promise<void> {
  if (app.process.exitCode !== null || app.process.signalCode !== null) return;
  const exited = new Promise((resolve) => app.process.once('exit', resolve));
  app.process.kill('SIGTERM');
  const timer = setTimeout(() => app.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU time (user + system) the process has used, in ms, from /proc (10-ms ticks); NaN where there is no /proc. */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU time of the whole machine (all cores), in ms, from /proc/stat. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return ((user! + nice! + system! + irq! + softirq! + (steal ?? 0)) * 1000) / CLOCK_TICKS_PER_S;
}

/**
 * CPU time of this benchmark's processes (this one and its descendants: the app, Chromium and its children, whose
 * exited children are counted in their parent once reaped), in ms.
 */
function ownTreeCpuMs(): number {
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      stats.set(Number(name), { ppid: Number(fields[1]), ms: (ticks * 1000) / CLOCK_TICKS_PER_S });
    } catch {
      // The process ended meanwhile.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const pending = [process.pid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += stats.get(pid)?.ms ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** How many cores other processes of the machine kept busy (on average) since `since`: the load that is not ours. */
function othersSince(since: { readonly at: number; readonly busy: number; readonly own: number }): number {
  const wall = performance.now() - since.at;
  return wall > 0 ? (machineBusyMs() - since.busy - (ownTreeCpuMs() - since.own)) / wall : Number.NaN;
}

const cpuMark = (): { at: number; busy: number; own: number } => ({ at: performance.now(), busy: machineBusyMs(), own: ownTreeCpuMs() });

async function headPosition(base: string, token: string): Promise<string> {
  const response = await fetch(`${base}/kpis?from=2000-01-01T00:00:00.000Z`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { position: string | null; eventsApplied: number };
  return `${body.position} (${body.eventsApplied} events applied)`;
}

// ---------------------------------------------------------------------------------------------- 3. the page

/** A Resource Timing entry as the page gives it (toJSON), in the page's clock: ms since navigation start. */
interface TimingEntry {
  readonly name: string;
  readonly initiatorType: string;
  readonly startTime: number;
  readonly responseEnd: number;
  readonly transferSize: number;
  readonly encodedBodySize: number;
  readonly decodedBodySize: number;
}

interface PageTimings {
  readonly drawn: number;
  readonly fcp: number | undefined;
  readonly documentEnd: number;
  /** DOMContentLoaded: the page's module script has been evaluated (its first render done). */
  readonly domContentLoaded: number;
  readonly resources: TimingEntry[];
}

/** The few names of the page's performance timeline used here (the type check has no DOM library). */
interface PageGlobals {
  readonly performance: {
    getEntriesByName(name: string): Array<{ startTime: number }>;
    getEntriesByType(type: string): Array<{ toJSON(): TimingEntry & { domContentLoadedEventStart: number } }>;
  };
}

/** In the page, once the mark is there: its timings (ms since navigation start). */
function readPageTimings(mark: string): PageTimings {
  const timeline = (globalThis as unknown as PageGlobals).performance;
  const paint = timeline.getEntriesByName('first-contentful-paint')[0];
  const navigation = timeline.getEntriesByType('navigation')[0]?.toJSON();
  return {
    drawn: timeline.getEntriesByName(mark)[0]!.startTime,
    fcp: paint?.startTime,
    documentEnd: navigation?.responseEnd ?? Number.NaN,
    domContentLoaded: navigation?.domContentLoadedEventStart ?? Number.NaN,
    resources: timeline.getEntriesByType('resource').map((entry) => entry.toJSON()),
  };
}

/** One GET /kpis request of the page: its path and query, and which route it is. */
interface KpisRequest {
  readonly path: string;
  readonly route: string;
  readonly startTime: number;
  readonly responseEnd: number;
}

function routeOf(url: URL): string {
  return url.pathname === '/kpis/forecast' && url.searchParams.has('madeAt') ? '/kpis/forecast (back-test)' : url.pathname;
}

interface PageRound {
  readonly drawnMs: number;
  readonly fcpMs: number;
  /** First /kpis startTime → last responseEnd, over the requests that drew the page (each URL's first). */
  readonly apiMs: number;
  readonly beforeApiMs: number;
  readonly afterApiMs: number;
  readonly documentMs: number;
  /** The page's scripts received (last responseEnd). */
  readonly scriptsMs: number;
  readonly domContentLoadedMs: number;
  /** GET /auth/session answered: the page knows who is signed in and draws the dashboard's frame. */
  readonly sessionMs: number;
  readonly requests: KpisRequest[];
  /** GET /kpis the page sent again (the same URL), until it was quiet, and their routes. */
  readonly refetches: number;
  readonly refetched: string[];
  readonly js: { readonly files: number; readonly transfer: number; readonly encoded: number; readonly decoded: number };
  readonly allTransfer: number;
  readonly encodings: string[];
  /** Chromium's counters for the page's renderer, up to the mark (CDP Performance.getMetrics), in ms. */
  readonly scriptMs: number;
  readonly taskMs: number;
  readonly layoutMs: number;
  readonly styleMs: number;
  readonly serverCpuMs: number;
}

const isKpis = (url: string): boolean => new URL(url).pathname.startsWith('/kpis');

/** A fresh page in `context` loads the dashboard at `url`; resolves once it is drawn and quiet, and closed. */
async function loadDashboard(context: BrowserContext, url: string, serverPid: number | undefined): Promise<PageRound> {
  const page: Page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const encodings = new Set<string>();
    const errors: string[] = [];
    let inFlight = 0;
    const sent: string[] = [];
    let lastSentAt = 0;
    const finished = (request: Request): void => {
      if (isKpis(request.url())) inFlight -= 1;
    };
    page.on('request', (request) => {
      if (!isKpis(request.url())) return;
      inFlight += 1;
      sent.push(request.url());
      lastSentAt = performance.now();
    });
    page.on('requestfinished', finished);
    page.on('requestfailed', finished);
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) encodings.add(response.headers()['content-encoding'] ?? 'identity');
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const cpuBefore = cpuMs(serverPid);
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction((mark) => (globalThis as unknown as PageGlobals).performance.getEntriesByName(mark).length > 0, DRAWN_MARK, {
        polling: 50,
        timeout: DRAW_TIMEOUT_MS,
      });
    } catch (error) {
      throw new Error(`${url} was not drawn (${(error as Error).message.split('\n')[0]}); page errors: ${JSON.stringify(errors)}; at ${page.url()}`, { cause: error });
    }
    const markedAt = performance.now();
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value * 1000]));
    const timings = await page.evaluate(readPageTimings, DRAWN_MARK);
    const quietSince = (): number => Math.min(performance.now() - lastSentAt, performance.now() - markedAt);
    while ((inFlight > 0 || quietSince() < QUIET_MS) && performance.now() - markedAt < 30_000) await sleep(25);
    const serverCpuMs = cpuMs(serverPid) - cpuBefore;

    const firsts = new Map<string, KpisRequest>();
    for (const entry of timings.resources.filter((resource) => isKpis(resource.name) && resource.startTime < timings.drawn).sort((a, b) => a.startTime - b.startTime)) {
      const parsed = new URL(entry.name);
      const path = `${parsed.pathname}${parsed.search}`;
      if (!firsts.has(path)) firsts.set(path, { path, route: routeOf(parsed), startTime: entry.startTime, responseEnd: entry.responseEnd });
    }
    const requests = [...firsts.values()];
    if (requests.length === 0) throw new Error(`${url} was drawn without a GET /kpis`);
    const first = Math.min(...requests.map((request) => request.startTime));
    const last = Math.max(...requests.map((request) => request.responseEnd));
    const scripts = timings.resources.filter((resource) => new URL(resource.name).pathname.endsWith('.js'));
    const distinct = scripts.filter((entry, index) => scripts.findIndex((other) => other.name === entry.name) === index);
    const sum = (entries: readonly TimingEntry[], field: 'transferSize' | 'encodedBodySize' | 'decodedBodySize'): number =>
      entries.reduce((total, entry) => total + entry[field], 0);
    return {
      drawnMs: timings.drawn,
      fcpMs: timings.fcp ?? Number.NaN,
      apiMs: last - first,
      beforeApiMs: first,
      afterApiMs: timings.drawn - last,
      documentMs: timings.documentEnd,
      scriptsMs: Math.max(...scripts.map((entry) => entry.responseEnd)),
      domContentLoadedMs: timings.domContentLoaded,
      sessionMs: timings.resources.find((resource) => new URL(resource.name).pathname === '/auth/session')?.responseEnd ?? Number.NaN,
      requests,
      refetches: sent.length - requests.length,
      refetched: sent.filter((url, index) => sent.indexOf(url) !== index).map((url) => routeOf(new URL(url))),
      // A prefetched script is listed twice (the prefetch, then the module read from the cache): its bytes count once.
      js: { files: distinct.length, transfer: sum(scripts, 'transferSize'), encoded: sum(distinct, 'encodedBodySize'), decoded: sum(distinct, 'decodedBodySize') },
      allTransfer: sum(timings.resources, 'transferSize'),
      encodings: [...encodings],
      scriptMs: metrics.ScriptDuration ?? Number.NaN,
      taskMs: metrics.TaskDuration ?? Number.NaN,
      layoutMs: metrics.LayoutDuration ?? Number.NaN,
      styleMs: metrics.RecalcStyleDuration ?? Number.NaN,
      serverCpuMs,
    };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------- 4. the browser and its sessions

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => !!path);
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) throw new Error(`no Chromium (looked at ${candidates.join(', ')}): install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return found;
}

/** As test/support/browser.ts launches it (test/ is not part of the build): headless, as root, without a GPU or background traffic. */
async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

interface Session {
  readonly browser: Browser;
  readonly base: string;
  /** A fresh one-time sign-in link, as `npm run -s sign-in-link` makes (same secret, minted while the app runs). */
  readonly link: () => Promise<string>;
  readonly serverPid: number | undefined;
}

/** The warm context: signed in once through a link, as a person would (the page redeems it and lands on the dashboard). */
async function signedInContext(session: Session): Promise<BrowserContext> {
  const context = await session.browser.newContext(CONTEXT_OPTIONS);
  const page = await context.newPage();
  await page.goto(await session.link());
  await page.waitForURL(/\/app\/dashboard/);
  await page.waitForFunction((mark) => (globalThis as unknown as PageGlobals).performance.getEntriesByName(mark).length > 0, DRAWN_MARK, { timeout: DRAW_TIMEOUT_MS });
  await page.close();
  return context;
}

/**
 * A cold context: new (its HTTP cache empty), signed in with a new link whose code is redeemed as the page
 * redeems it (POST /auth/local/sign-in) through the context's own request API, so that no asset is cached.
 */
async function coldContext(session: Session): Promise<BrowserContext> {
  const context = await session.browser.newContext(CONTEXT_OPTIONS);
  const code = new URL(await session.link()).searchParams.get('code');
  const response = await context.request.post(`${session.base}/auth/local/sign-in`, { data: { code } });
  if (response.status() !== 200) throw new Error(`POST /auth/local/sign-in answered ${response.status()}: ${await response.text()}`);
  return context;
}

// ---------------------------------------------------------------------------------------------- 5. the same requests from Node

interface NodeRound {
  readonly spanMs: number;
  readonly serverCpuMs: number;
}

/** The page's GET /kpis requests, all at once from Node with a bearer token, bodies read: first sent → last body read. */
async function nodeRound(base: string, token: string, paths: readonly string[], serverPid: number | undefined): Promise<NodeRound> {
  const cpuBefore = cpuMs(serverPid);
  const began = performance.now();
  await Promise.all(
    paths.map(async (path) => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    }),
  );
  const spanMs = performance.now() - began;
  return { spanMs, serverCpuMs: cpuMs(serverPid) - cpuBefore };
}

/** Each request alone, one after the other: the server's time per route (ms per request, medians). */
async function sequentialRoutes(base: string, token: string, requests: readonly KpisRequest[]): Promise<Record<string, number>> {
  const byRoute = new Map<string, number[]>();
  for (let round = 0; round < SEQUENTIAL_ROUNDS; round++) {
    for (const request of requests) {
      const began = performance.now();
      const response = await fetch(`${base}${request.path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${request.path} answered ${response.status}`);
      const took = performance.now() - began;
      byRoute.set(request.route, [...(byRoute.get(request.route) ?? []), took]);
    }
  }
  return Object.fromEntries([...byRoute].map(([route, samples]) => [route, round1(median(samples))]));
}

// ---------------------------------------------------------------------------------------------- 6. the rows

interface View {
  readonly label: string;
  readonly query: string;
}

type Cache = 'warm' | 'cold';

interface Row {
  readonly view: View;
  readonly cache: Cache;
  readonly pages: PageRound[];
  readonly node: NodeRound[];
  /** Only for the first visit of a view of the past: its fold not yet cached by the server. */
  readonly firstVisit?: boolean;
  readonly loadBefore: string;
  /** Cores kept busy by processes outside this benchmark while the row ran (average). */
  readonly othersCores: number;
}

async function measureRow(session: Session, token: string, view: View, cache: Cache, warm: BrowserContext): Promise<Row> {
  const url = `${session.base}/app/dashboard${view.query}`;
  const loadBefore = loads();
  const mark = cpuMark();
  const page = async (): Promise<PageRound> => {
    const context = cache === 'warm' ? warm : await coldContext(session);
    try {
      return await loadDashboard(context, url, session.serverPid);
    } finally {
      if (cache === 'cold') await context.close();
      await sleep(SETTLE_MS);
    }
  };
  let paths: string[] = [];
  const node = async (): Promise<NodeRound> => {
    const result = await nodeRound(session.base, token, paths, session.serverPid);
    await sleep(SETTLE_MS);
    return result;
  };
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    paths = (await page()).requests.map((request) => request.path);
    await node();
  }
  const pages: PageRound[] = [];
  const nodes: NodeRound[] = [];
  // Alternated, Node first (bench-report's `alternate` order), with the paths of the page just before.
  for (let round = 0; round < ROUNDS; round++) {
    nodes.push(await node());
    const result = await page();
    pages.push(result);
    paths = result.requests.map((request) => request.path);
    log(
      `${view.label.padEnd(34)} ${cache}  round ${String(round + 1).padStart(2)}/${ROUNDS}: drawn ${result.drawnMs.toFixed(0).padStart(5)} ms, ` +
        `page /kpis ${result.apiMs.toFixed(0).padStart(5)} ms (${result.requests.length} + ${result.refetches} again${result.refetched.length > 0 ? `: ${result.refetched.join(', ')}` : ''}), Node /kpis ${nodes.at(-1)!.spanMs.toFixed(0).padStart(5)} ms, ` +
        `FCP ${result.fcpMs.toFixed(0)} ms, JS ${kb(result.js.transfer)} (${result.encodings.join(',')})`,
    );
  }
  return { view, cache, pages, node: nodes, loadBefore, othersCores: othersSince(mark) };
}

/**
 * The first visit of a view of the past: the server folds the history up to the as-of moment (and keeps the
 * fold). One cold page; then, for a baseline of the same kind, the same requests from Node with the as-of
 * moment a day earlier, whose fold is not cached either.
 */
async function measureFirstVisit(session: Session, token: string, view: View, asOfDay: string, dayBefore: string): Promise<Row> {
  const loadBefore = loads();
  const mark = cpuMark();
  const context = await coldContext(session);
  let first: PageRound;
  try {
    first = await loadDashboard(context, `${session.base}/app/dashboard${view.query}`, session.serverPid);
  } finally {
    await context.close();
  }
  await sleep(SETTLE_MS);
  // The as-of moment is `<day>T23:59:59.999Z` in every request's query (the day's digits are not escaped).
  const earlier = first.requests.map((request) => request.path.replaceAll(`asOf=${asOfDay}T`, `asOf=${dayBefore}T`));
  if (earlier.some((path, index) => path === first.requests[index]!.path)) throw new Error(`could not move the as-of day of ${JSON.stringify(earlier)}`);
  const node = await nodeRound(session.base, token, earlier, session.serverPid);
  log(
    `${view.label} first visit (fold not cached): drawn ${first.drawnMs.toFixed(0)} ms, page /kpis ${first.apiMs.toFixed(0)} ms; ` +
      `Node, the day before (not cached either): ${node.spanMs.toFixed(0)} ms`,
  );
  return { view, cache: 'cold', pages: [first], node: [node], firstVisit: true, loadBefore, othersCores: othersSince(mark) };
}

// ---------------------------------------------------------------------------------------------- 7. the report

/** A line of bench/results/web.json: the shape of the other results files, in ms (time: lower is better). */
interface WebResult {
  readonly name: string;
  readonly store: string;
  readonly view: string;
  readonly cache: Cache;
  readonly rounds: number;
  readonly ratio_is: string;
  /** Navigation start → dashboard drawn, median. */
  readonly ours_ms: number;
  readonly ours_p90_ms: number;
  /** The page's GET /kpis requests (Resource Timing, first start → last end), median. */
  readonly baseline_ms: number;
  readonly baseline_p90_ms: number;
  /** ours_ms / baseline_ms. */
  readonly ratio: number;
  readonly node_baseline_ms: number;
  readonly node_baseline_p90_ms: number;
  readonly ratio_vs_node: number;
  readonly goal_ms: number;
  readonly goal_ratio: number;
  readonly goals_met: boolean;
  readonly first_contentful_paint_ms: number;
  /** ours − baseline, median of the rounds: before the first /kpis request + after the last answer. */
  readonly page_own_ms: number;
  readonly before_first_kpis_ms: number;
  readonly after_last_kpis_ms: number;
  /** Before the first /kpis, in the page's clock (medians): scripts received, evaluated (DOMContentLoaded), session answered. */
  readonly scripts_received_ms: number;
  readonly dom_content_loaded_ms: number;
  readonly session_answered_ms: number;
  readonly kpis_requests: number;
  readonly kpis_sent_again: number;
  readonly page_route_ms: Record<string, number>;
  readonly js_files: number;
  readonly js_transfer_bytes: number;
  readonly js_decoded_bytes: number;
  readonly js_encoding: string;
  readonly renderer_script_ms: number;
  readonly renderer_task_ms: number;
  readonly server_cpu_ms_page: number;
  readonly server_cpu_ms_node: number;
  readonly events: number;
  /** The load average (1, 5, 15 min) when the row began: this benchmark's own processes included. */
  readonly load_average: string;
  /** Cores kept busy by other processes of the machine while the row ran (of 2 here): the load that is not ours. */
  readonly others_cpu_cores: number;
}

function resultOf(row: Row, events: number): WebResult {
  const med = (pick: (round: PageRound) => number): number => round1(median(row.pages.map(pick)));
  const ours = row.pages.map((round) => round.drawnMs);
  const api = row.pages.map((round) => round.apiMs);
  const node = row.node.map((round) => round.spanMs);
  const oursMs = median(ours);
  const apiMs = median(api);
  const nodeMs = median(node);
  const routes = new Map<string, number[]>();
  for (const round of row.pages) for (const request of round.requests) routes.set(request.route, [...(routes.get(request.route) ?? []), request.responseEnd - request.startTime]);
  const ratio = oursMs / apiMs;
  return {
    name: `dashboard drawn vs its GET /kpis: ${row.view.label}, ${row.cache}${row.firstVisit ? ', first visit (fold not cached)' : ''}`,
    store: 'sqlite',
    view: `/app/dashboard${row.view.query}`,
    cache: row.cache,
    rounds: row.pages.length,
    ratio_is: 'ours_ms / baseline_ms: time, lower is better (goal ≤ 2)',
    ours_ms: round1(oursMs),
    ours_p90_ms: round1(percentile(ours, 0.9)),
    baseline_ms: round1(apiMs),
    baseline_p90_ms: round1(percentile(api, 0.9)),
    ratio: round3(ratio),
    node_baseline_ms: round1(nodeMs),
    node_baseline_p90_ms: round1(percentile(node, 0.9)),
    ratio_vs_node: round3(oursMs / nodeMs),
    goal_ms: GOAL_MS,
    goal_ratio: GOAL_RATIO,
    goals_met: oursMs <= GOAL_MS && ratio <= GOAL_RATIO,
    first_contentful_paint_ms: med((round) => round.fcpMs),
    page_own_ms: med((round) => round.drawnMs - round.apiMs),
    before_first_kpis_ms: med((round) => round.beforeApiMs),
    after_last_kpis_ms: med((round) => round.afterApiMs),
    scripts_received_ms: med((round) => round.scriptsMs),
    dom_content_loaded_ms: med((round) => round.domContentLoadedMs),
    session_answered_ms: med((round) => round.sessionMs),
    kpis_requests: median(row.pages.map((round) => round.requests.length)),
    kpis_sent_again: median(row.pages.map((round) => round.refetches)),
    page_route_ms: Object.fromEntries([...routes].map(([route, samples]) => [route, round1(median(samples))])),
    js_files: median(row.pages.map((round) => round.js.files)),
    js_transfer_bytes: Math.round(median(row.pages.map((round) => round.js.transfer))),
    js_decoded_bytes: Math.round(median(row.pages.map((round) => round.js.decoded))),
    js_encoding: [...new Set(row.pages.flatMap((round) => round.encodings))].join(','),
    renderer_script_ms: med((round) => round.scriptMs),
    renderer_task_ms: med((round) => round.taskMs),
    server_cpu_ms_page: med((round) => round.serverCpuMs),
    server_cpu_ms_node: round1(median(row.node.map((round) => round.serverCpuMs))),
    events,
    load_average: row.loadBefore,
    others_cpu_cores: Math.round(row.othersCores * 100) / 100,
  };
}

function formatTable(results: readonly WebResult[]): string {
  const header = ['view', 'cache', 'drawn p50/p90', 'page /kpis p50/p90', 'ours÷page', 'Node /kpis p50/p90', 'ours÷Node', 'FCP', 'before/after /kpis', 'JS transferred (decoded)', 'goals (≤ 1500 ms, ≤ 2×)'];
  const ms = (value: number): string => `${value.toFixed(0)}`;
  const rows = results.map((result) => [
    `${result.view.replace('/app/dashboard', '')}${result.rounds === 1 ? ' (1st visit)' : ''}`,
    result.cache,
    `${ms(result.ours_ms)} / ${ms(result.ours_p90_ms)} ms`,
    `${ms(result.baseline_ms)} / ${ms(result.baseline_p90_ms)} ms`,
    result.ratio.toFixed(2),
    `${ms(result.node_baseline_ms)} / ${ms(result.node_baseline_p90_ms)} ms`,
    result.ratio_vs_node.toFixed(2),
    `${ms(result.first_contentful_paint_ms)} ms`,
    `${ms(result.before_first_kpis_ms)} / ${ms(result.after_last_kpis_ms)} ms`,
    `${kb(result.js_transfer_bytes)} (${kb(result.js_decoded_bytes)}) ${result.js_encoding}`,
    result.goals_met ? 'met' : `NOT MET${result.ours_ms > GOAL_MS ? ' (time)' : ''}${result.ratio > GOAL_RATIO ? ' (ratio)' : ''}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...rows.map(render)].join('\n');
}

function writeWebResults(results: readonly WebResult[]): string {
  const path = join(repoRoot(), 'bench', 'results', 'web.json');
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, path);
  return path;
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  log(`node ${process.version}, history ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day ending today, load average ${loads()}${SCALE === 1 ? '' : `, BENCH_SCALE=${SCALE}`}`);
  const dir = mkdtempSync(join(tmpdir(), 'sales-ops-bench-web-'));
  const children = new Set<ChildProcess>();
  let browser: Browser | undefined;
  const cleanUp = (): void => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = (signal: NodeJS.Signals): void => {
    log(`${signal}: cleaning up`);
    void (browser?.close() ?? Promise.resolve()).finally(() => {
      cleanUp();
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);

  const sqliteFile = join(dir, 'events.db');
  const storeUrl = `sqlite:${sqliteFile}`;
  const results: WebResult[] = [];
  const sequential: Record<string, Record<string, number>> = {};
  let history: HistoryReport;
  let app: App | undefined;
  const heads: string[] = [];
  try {
    browser = await launchBrowser();
    log(`Chromium ${browser.version()} (${chromiumPath()})`);
    log('writing the history (the simulation in a child process)…');
    history = await writeHistory(storeUrl, sqliteFile, children);
    log(`history: ${count(history.events)} events in ${count(history.appends)} stream appends over ${history.days} days, written in ${history.seconds.toFixed(1)} s; SQLite file ${(statSync(sqliteFile).size / 1e6).toFixed(0)} MB`);

    app = await startApp(storeUrl, dir, children);
    log(`app live at ${app.base} ${(app.liveAfterMs / 1000).toFixed(1)} s after it started (read models built and the as-of ladder climbed at boot); load average ${loads()}`);
    const { mintSignInCode, signInLink, signToken } = await import('#libs/platform');
    const base = app.base;
    const token = await signToken(SECRET, { role: 'head-of-sales', userId: 'bench-web' });
    heads.push(await headPosition(base, token));
    const session: Session = { browser, base, link: async () => signInLink(base, await mintSignInCode(SECRET, 600)), serverPid: app.process.pid };

    const now = Date.now();
    const today = new Date(now);
    const quarterStart = Date.UTC(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) * 3, 1);
    const asOfDay = day(quarterStart - 86_400_000);
    const dayBefore = day(quarterStart - 2 * 86_400_000);
    const views: View[] = [
      { label: 'this quarter (live)', query: '?period=this-quarter' },
      { label: 'last month (live)', query: '?period=last-month' },
      // "Today" is the as-of day on the page: this quarter as of the last quarter's last day is that quarter, as it closed.
      { label: `last quarter as of ${asOfDay}`, query: `?period=this-quarter&asOf=${asOfDay}` },
    ];
    const warm = await signedInContext(session);
    try {
      for (const view of views) {
        if (view.query.includes('asOf')) results.push(resultOf(await measureFirstVisit(session, token, view, asOfDay, dayBefore), history.events));
        let last: Row | undefined;
        for (const cache of ['warm', 'cold'] as const) {
          last = await measureRow(session, token, view, cache, warm);
          results.push(resultOf(last, history.events));
        }
        sequential[view.label] = await sequentialRoutes(base, token, last!.pages.at(-1)!.requests);
        log(`${view.label}: each request alone from Node, ms (median of ${SEQUENTIAL_ROUNDS}): ${JSON.stringify(sequential[view.label])}`);
      }
    } finally {
      await warm.close();
    }
    heads.push(await headPosition(base, token));
  } finally {
    await browser?.close().catch(() => undefined);
    if (app) await stopApp(app).catch(() => undefined);
    cleanUp();
  }
  if (heads[0] !== heads[1]) log(`warning: the store moved during the run (${heads.join(' → ')}): live views refetched, as-of folds were redone`);

  const path = writeWebResults(results);
  const cold = results.find((result) => result.cache === 'cold' && result.rounds > 1)!;
  const verdicts = results.map(
    (result) =>
      `  ${result.name}: ${result.ours_ms.toFixed(0)} ms (goal ≤ ${GOAL_MS}: ${result.ours_ms <= GOAL_MS ? 'met' : 'NOT MET'}), ` +
      `${result.ratio.toFixed(2)} × its /kpis (goal ≤ ${GOAL_RATIO}: ${result.ratio <= GOAL_RATIO ? 'met' : 'NOT MET'}); ` +
      `page's own ${result.page_own_ms.toFixed(0)} ms = ${result.before_first_kpis_ms.toFixed(0)} before the first /kpis ` +
      `(scripts received at ${result.scripts_received_ms.toFixed(0)}, evaluated by ${result.dom_content_loaded_ms.toFixed(0)}, session answered at ${result.session_answered_ms.toFixed(0)}) ` +
      `+ ${result.after_last_kpis_ms.toFixed(0)} after the last; ` +
      `renderer script ${result.renderer_script_ms.toFixed(0)} ms, tasks ${result.renderer_task_ms.toFixed(0)} ms; ` +
      `/kpis per route in the page ${JSON.stringify(result.page_route_ms)}; ${result.kpis_requests} requests + ${result.kpis_sent_again} sent again; ` +
      `server CPU ${result.server_cpu_ms_page.toFixed(0)} ms a page, ${result.server_cpu_ms_node.toFixed(0)} ms a Node round`,
  );
  process.stdout.write(
    `\n${formatTable(results)}\n\n` +
      `ours = navigation start → '${DRAWN_MARK}'; page /kpis = the page's GET /kpis (Resource Timing, first start → last end); ` +
      `Node /kpis = the same requests from Node, all at once; ratios are ours ÷ baseline in time: lower is better.\n\n` +
      `history: ${count(history.events)} events, ${count(history.appends)} stream appends in ${history.days} daily appendMany ` +
      `(DepartmentSimulation seed ${HISTORY.seed}, ${HISTORY.months} months × ${HISTORY.leadsPerDay} leads/day ending today), written into SQLite in ${history.seconds.toFixed(0)} s; ` +
      `app live ${((app?.liveAfterMs ?? 0) / 1000).toFixed(1)} s after start\n` +
      `JavaScript on a cold load: ${cold.js_files} file(s), ${kb(cold.js_transfer_bytes)} transferred (${cold.js_encoding}), ${kb(cold.js_decoded_bytes)} decoded\n` +
      `each request alone from Node (ms): ${JSON.stringify(sequential)}\n` +
      `store head: ${heads.join(' → ')}\n` +
      `load average at each row (ours included): ${results.map((result) => result.load_average.split(' ')[0]).join(', ')}; at the end ${loads()}; ` +
      `cores busy with other processes during each row: ${results.map((result) => result.others_cpu_cores.toFixed(2)).join(', ')} (of ${availableParallelism()})\n\n` +
      `${verdicts.join('\n')}\n\n` +
      `written to ${path} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`,
  );
}

// ---------------------------------------------------------------------------------------------- entry

if (role === 'simulation') {
  simulate().catch((error: unknown) => {
    log(`failed: ${describeError(error)}`);
    process.exit(1);
  });
} else bench.mainEntry(main);
