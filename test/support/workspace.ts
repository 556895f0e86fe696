/**
 * The reps' workspace as the browser tests drive it: the all-in-one app on a SQLite file serving the built web
 * app, a team joined through the API, and one browser context per person, signed in through a one-time link and
 * acting as a rep. Calls through the head of sales' token set up what a test is not about; the store is read
 * directly to check what the pages wrote.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_STORE, type EventStore, type StoredEvent } from '#libs/event-store';
import { LocalSignIn, signToken } from '#libs/platform';
import { bootstrap, type RunningApp } from '../../apps/sales-ops/src/bootstrap';
import { buildWebApp, launchBrowser } from './browser';
import { eventually } from './eventually';

export const SCREENSHOTS = 'docs/screenshots';

export type TeamMember = readonly [repId: string, name: string, role: string];

export interface Workspace {
  readonly running: RunningApp;
  readonly url: string;
  /** A call as the head of sales (`rop-olga`), with the answer's status and body. */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** One stream's events as stored. */
  streamEvents(streamId: string): Promise<StoredEvent[]>;
  /** Every stored event of these types, in the store's order. */
  eventsOfTypes(...types: string[]): Promise<StoredEvent[]>;
  /** A browser of one person's own, signed in, acting as `repId` (the head of sales when undefined). */
  signedInAs(repId: string | undefined, locale?: 'en' | 'ru'): Promise<Page>;
  /** The page's uncaught errors so far. */
  errorsOf(page: Page): string[];
  /** Joins reps and waits until the roster holds them. */
  join(team: readonly TeamMember[]): Promise<void>;
  /** A lead captured by the head of sales (routed by the app to a lead generator). */
  captureLead(company: string): Promise<string>;
  /**
   * A lead captured, worked by the head of sales and handed to `hunterId` (its value 900 000 ₽ unless said):
   * answers once its deal is open, or as soon as the hand-off is stored with `untilDealOpens: false`.
   */
  handOff(company: string, hunterId: string, options?: { value?: number; untilDealOpens?: boolean }): Promise<{ leadId: string; dealId: string }>;
  close(): Promise<void>;
}

export async function startWorkspace(name: string, team: readonly TeamMember[]): Promise<Workspace> {
  const secret = `${name}-secret-of-at-least-thirty-two-characters`;
  const folder = mkdtempSync(join(tmpdir(), `sales-ops-${name}-`));
  const webRoot = await buildWebApp();
  const running = await bootstrap(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, EVENT_STORE_URL: `sqlite:${join(folder, 'store.db')}`, JWT_SECRET: secret, WEB_ROOT: webRoot },
    { logger: false },
  );
  const head = await signToken(secret, { userId: 'rop-olga', role: 'head-of-sales' });
  const contexts: BrowserContext[] = [];
  const errors = new WeakMap<Page, string[]>();
  let browser: Browser | undefined;
  let joined = 0;

  const workspace: Workspace = {
    running,
    url: running.url,
    async call(method, path, body) {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${head}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async streamEvents(streamId) {
      const store = running.app.get<EventStore>(EVENT_STORE, { strict: false });
      const events: StoredEvent[] = [];
      for await (const event of store.readStream(streamId)) events.push(event);
      return events;
    },
    async eventsOfTypes(...types) {
      const store = running.app.get<EventStore>(EVENT_STORE, { strict: false });
      const events: StoredEvent[] = [];
      for await (const event of store.readAll({ filter: { eventTypes: types } })) events.push(event);
      return events;
    },
    async signedInAs(repId, locale = 'en') {
      browser ??= await launchBrowser();
      const context = await browser.newContext({ locale: locale === 'ru' ? 'ru-RU' : 'en-US', viewport: { width: 1280, height: 900 }, bypassCSP: true });
      contexts.push(context);
      await context.addInitScript(`window.localStorage.setItem('sales-ops.locale', '${locale}')`);
      const page = await context.newPage();
      const seen: string[] = [];
      errors.set(page, seen);
      page.on('pageerror', (error) => seen.push(error.message));
      await page.goto((await running.app.get(LocalSignIn, { strict: false }).link())!);
      await page.waitForURL(/\/app\/dashboard/);
      if (repId !== undefined) {
        const acted = await context.request.post(`${running.url}/auth/session/act-as`, { data: { repId }, headers: { origin: running.url } });
        expect(acted.status()).toBe(200);
      }
      return page;
    },
    errorsOf: (page) => errors.get(page) ?? [],
    async join(members) {
      for (const [repId, repName, role] of members) expect((await workspace.call('POST', '/team/reps', { repId, name: repName, role, capacity: 40 })).status).toBe(201);
      joined += members.length;
      await eventually(async () => ((await workspace.call('GET', '/team/reps')).body as unknown[]).length === joined, { what: 'the roster to hold the team' });
    },
    async captureLead(company) {
      const captured = await workspace.call('POST', '/leads', {
        company: { name: company, taxId: '7701234567' },
        contact: { name: 'Пётр Сергеевич', email: 'petr@example.ru', phone: '+7 495 123-45-67' },
        source: 'web-form',
        estimatedValue: { amount: 900_000, currency: 'RUB' },
      });
      expect(captured.status).toBe(201);
      return captured.body.leadId as string;
    },
    async handOff(company, hunterId, { value = 900_000, untilDealOpens = true } = {}) {
      const leadId = await workspace.captureLead(company);
      await eventually(async () => (await workspace.call('GET', `/leads/${leadId}`)).body.leadGeneratorId !== null, { what: 'the lead to be routed' });
      expect((await workspace.call('POST', `/leads/${leadId}/contact-attempts`, { channel: 'call', outcome: 'reached' })).status).toBe(201);
      const money = { amount: value, currency: 'RUB' };
      expect((await workspace.call('POST', `/leads/${leadId}/qualify`, { budget: money, authority: 'CEO', need: 'CRM', timing: 'Q1', estimatedValue: money })).status).toBe(200);
      const handoff = await workspace.call('POST', `/leads/${leadId}/hand-off`, { hunterId });
      expect(handoff.status).toBe(200);
      const dealId = handoff.body.dealId as string;
      if (untilDealOpens) await eventually(async () => (await workspace.call('GET', `/deals/${dealId}`)).status === 200, { what: 'the deal to be opened' });
      return { leadId, dealId };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await running.app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  mkdirSync(SCREENSHOTS, { recursive: true });
  await workspace.join(team);
  return workspace;
}
