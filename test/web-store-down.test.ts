/**
 * When the event store cannot be reached the page says so in a banner and keeps what it showed; it is not a
 * blank page, and it recovers by itself. The app runs on PostgreSQL through a TCP proxy this test cuts and
 * restores, as a network partition or a database restart would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openEventStore } from '#libs/event-store';
import { LocalSignIn } from '#libs/platform';
import { bootstrap, type RunningApp } from '../apps/sales-ops/src/bootstrap';
import { DepartmentSimulation } from '../apps/simulator/src/department-simulation';
import { writeSimulation } from '../apps/simulator/src/write-simulation';
import { buildWebApp, launchBrowser, pageIdle } from './support/browser';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';

const DAY = 86_400_000;
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Forwards 127.0.0.1:<port> to the database; cut() drops every connection and refuses new ones until restore(). */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  async listen(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('the page while the event store cannot be reached', () => {
  let folder: string;
  let proxy: CuttableProxy;
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sales-ops-web-down-'));
    const database = new URL(testDatabaseUrl());
    proxy = new CuttableProxy({ host: database.hostname, port: Number(database.port || 5432) });
    await proxy.listen();
    const url = new URL(database);
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('schema', freshSchemaName('web_down'));
    const [webRoot] = await Promise.all([
      buildWebApp(),
      (async () => {
        const store = await openEventStore(url.toString());
        await writeSimulation(store, new DepartmentSimulation({ seed: 3, months: 1, leadsPerDay: 8, keyAccountThreshold: 1_000_000, end: new Date() }));
        await store.close();
      })(),
    ]);
    running = await bootstrap(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, EVENT_STORE_URL: url.toString(), JWT_SECRET: 'store-down-secret-of-thirty-two-chars!', WEB_ROOT: webRoot },
      { logger: false },
    );
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (proxy && !proxy.listening) await proxy.listen();
    await running?.app.close();
    if (proxy?.listening) await proxy.cut();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows a banner over what it showed, and recovers when the store is back', async () => {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await page.goto((await running.app.get(LocalSignIn, { strict: false }).link())!);
    await page.waitForURL(/\/app\/dashboard/);
    await page.waitForSelector('[data-testid=funnel-table]');
    const shown = await page.textContent('[data-testid=funnel-table]');

    await proxy.cut();
    // A view of the past is folded from the store: it cannot be answered now.
    const lastWeek = day(Date.now() - 7 * DAY);
    await page.fill('[data-testid=as-of]', lastWeek);
    await page.waitForSelector('[data-testid=service-banner]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=service-banner]')).toBe(
      'The event store cannot be reached right now. The figures shown may be out of date; the page retries by itself.',
    );
    // Not a blank page: the figures it had stay, and the shell works.
    expect(await page.textContent('[data-testid=funnel-table]')).toBe(shown);
    expect(await page.isVisible('nav')).toBe(true);

    await proxy.listen();
    // The page asks again by itself: the banner goes when the answer comes, and the past view is drawn.
    await page.waitForSelector('[data-testid=service-banner]', { state: 'detached', timeout: 40_000 });
    await page.waitForFunction(`document.querySelector('[data-testid=period-shown]')?.textContent?.includes('as it stood on')`);
    await pageIdle(page);
    expect(await page.isVisible('.error-note')).toBe(false);
    await context.close();
  }, 90_000);
});
