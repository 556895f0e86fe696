/**
 * Signing in to the page through an OpenID Connect provider, in a real browser: the page offers the
 * provider's sign-in (and no local one), the person types their login at the provider, consents, and lands
 * on the dashboard as the role the provider gives them. The provider is a real one (oidc-provider) on
 * localhost; the app signs the browser in on its server (code + PKCE), and the page never sees a token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { bootstrap, type RunningApp } from '../apps/sales-ops/src/bootstrap';
import { buildWebApp, launchBrowser } from './support/browser';
import { freePort, startOidcProvider, type TestOidcProvider } from './support/oidc-provider';

describe('signing in to the page through an OpenID Connect provider', () => {
  let folder: string;
  let provider: TestOidcProvider;
  let running: RunningApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sales-ops-web-oidc-'));
    const port = await freePort();
    origin = `http://localhost:${port}`;
    const [webRoot, started] = await Promise.all([
      buildWebApp(),
      startOidcProvider({
        redirectUris: [`${origin}/auth/oidc/callback`],
        accounts: { 'rop-olga': { name: 'Ольга', role: 'head-of-sales' }, 'h-anna': { name: 'Анна', role: 'hunter' } },
        apiAudience: 'sales-ops-api',
        webClientId: 'sales-ops-web',
        serviceClient: { id: 'billing', secret: 'billing-secret-of-the-browser-test', role: 'service' },
      }),
    ]);
    provider = started;
    running = await bootstrap(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: folder,
        EVENT_STORE_URL: `sqlite:${join(folder, 'store.db')}`,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'sales-ops-web',
        OIDC_AUDIENCE: 'sales-ops-api',
        WEB_ROOT: webRoot,
      },
      { logger: false },
    );
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await running?.app.close();
    await provider?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function signInAs(login: string, locale: 'en-US' | 'ru-RU' = 'en-US') {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(`${origin}/app/team`);
    await page.waitForSelector('.sign-in-card');
    // With OIDC there is no local way in: only the provider's.
    expect(await page.locator('pre.command').count()).toBe(0);
    await page.click('[data-testid=sign-in-oidc]');
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'any password');
    await page.click('button[type=submit]');
    // The provider asks once for consent to share the profile (with its role) with the app.
    await page.waitForURL((url) => url.origin === origin || url.pathname.includes('/interaction/'));
    if (new URL(page.url()).origin === provider.issuer) await page.click('button[type=submit]');
    return { context, page };
  }

  it('takes the head of sales from the provider to the page they asked for, signed in with their role', async () => {
    expect(running.signInUrl).toBeUndefined();
    const { context, page } = await signInAs('rop-olga');
    await page.waitForURL(`${origin}/app/team`);
    await page.waitForSelector('[data-testid=leaderboard]');
    expect(await page.textContent('[data-testid=signed-in-as]')).toBe('rop-olga · Head of sales');
    // A session from the provider cannot act as someone else.
    expect(await page.locator('[data-testid=act-as]').count()).toBe(0);
    // The session is an HttpOnly cookie: nothing of it is readable by the page's scripts.
    expect(await page.evaluate('document.cookie')).toBe('');
    const cookie = (await context.cookies()).find((each) => each.name === 'sales_ops_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    await context.close();
  });

  it('brings a hunter to their own queue, and signing out ends the session', async () => {
    const { context, page } = await signInAs('h-anna', 'ru-RU');
    await page.waitForURL(/\/app\//);
    await page.goto(`${origin}/`);
    await page.waitForURL(`${origin}/app/queue`);
    await page.waitForSelector('[data-testid=queue], .empty');
    expect(await page.textContent('[data-testid=signed-in-as]')).toBe('h-anna · Хантер');
    await page.click('button:has-text("Выйти")');
    await page.waitForSelector('.sign-in-card');
    const answer = await page.evaluate('fetch("/queues/me").then((response) => response.status)');
    expect(answer).toBe(401);
    await context.close();
  });
});
