/**
 * Every answer carries the security headers (helmet): one Content-Security-Policy for the API, the page and
 * /docs, no framing, no sniffing, no referrer, no X-Powered-By; HSTS only when PUBLIC_URL is https. CORS is
 * closed unless CORS_ORIGINS opens it to named origins. The API's documentation still works under the policy
 * in a real browser (the web front end's own pages are the browser tests', test/web-*.test.ts).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { startTestApp, type TestApp } from './support/http-app';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function start(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const app = await startTestApp('sqlite', undefined, env);
  apps.push(app);
  return app;
}

const directives = (policy: string | null): Record<string, string> =>
  Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ')[0]!, part.split(' ').slice(1).join(' ')]),
  );

describe('security headers and CORS', () => {
  let app: TestApp;
  let head: string;

  beforeAll(async () => {
    app = await start();
    head = await app.token('head-of-sales', 'rop-1');
  });

  it('are on every answer: API, error, public route, documentation', async () => {
    for (const [path, token, status] of [['/team/reps', head, 200], ['/team/reps', undefined, 401], ['/health', undefined, 200], ['/docs-json', undefined, 200], ['/nowhere', head, 404]] as const) {
      const response = await app.request('GET', path, { token });
      expect({ path, status: response.status }).toEqual({ path, status });
      const csp = directives(response.headers.get('content-security-policy'));
      expect({ path, csp }).toEqual({
        path,
        csp: expect.objectContaining({
          'default-src': "'self'",
          'script-src': "'self'",
          'script-src-attr': "'none'",
          'object-src': "'none'",
          'base-uri': "'none'",
          'frame-ancestors': "'none'",
          'connect-src': "'self'",
        }),
      });
      expect(csp['upgrade-insecure-requests']).toBeUndefined();
      expect({
        path,
        frame: response.headers.get('x-frame-options'),
        sniff: response.headers.get('x-content-type-options'),
        referrer: response.headers.get('referrer-policy'),
        corp: response.headers.get('cross-origin-resource-policy'),
        coop: response.headers.get('cross-origin-opener-policy'),
        poweredBy: response.headers.get('x-powered-by'),
        hsts: response.headers.get('strict-transport-security'),
      }).toEqual({ path, frame: 'DENY', sniff: 'nosniff', referrer: 'no-referrer', corp: 'same-origin', coop: 'same-origin', poweredBy: null, hsts: null });
    }
  });

  it('add HSTS and upgrade-insecure-requests when browsers use https (PUBLIC_URL)', async () => {
    const https = await start({ PUBLIC_URL: 'https://sales.example.com' });
    const response = await https.request('GET', '/health');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(directives(response.headers.get('content-security-policy'))).toHaveProperty('upgrade-insecure-requests');
  });

  it('keep CORS closed by default: no Access-Control header for another origin, no preflight', async () => {
    const simple = await app.request('GET', '/team/reps', { token: head, headers: { origin: 'https://evil.example' } });
    expect(simple.status).toBe(200);
    expect([...simple.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await app.request('OPTIONS', '/leads', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('open CORS to the origins CORS_ORIGINS names, without credentials, and to no other', async () => {
    const open = await start({ CORS_ORIGINS: 'https://crm.example.com' });
    const token = await open.token('analyst', 'an-1');
    const preflight = await open.request('OPTIONS', '/team/reps', {
      headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,idempotency-key' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'idempotency-key', 'if-match']));
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const read = await open.request('GET', '/team/reps', { token, headers: { origin: 'https://crm.example.com' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(read.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const other = await open.request('GET', '/team/reps', { token, headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('in a browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);
    afterAll(() => browser?.close());

    it('/docs draws the API under the policy, with no violation reported', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${app.running.url}/docs`);
      await page.waitForSelector('.opblock-summary-path', { timeout: 20_000 });
      expect(await page.locator('.opblock-summary-path').count()).toBeGreaterThan(45);
      expect(violations).toEqual([]);
      await page.close();
    }, 60_000);
  });
});
