/**
 * Browser sign-in through a real OpenID Connect provider (oidc-provider in a child process): the app sends
 * the browser to the provider with state, nonce and a PKCE challenge, the browser signs in on the provider's
 * own login and consent forms, and the callback ends with the app's session cookie and a page that goes on
 * to returnTo. Driven with fetch as a browser would (redirects followed by hand, cookies carried per host).
 * Also: a tampered state or flow cookie is refused, a replayed callback too, an account with no role gets a
 * readable page, returnTo cannot leave the app, and the provider's bearer tokens still work for services.
 */
import { startTestApp, type TestApp } from './support/http-app';
import { freePort, startOidcProvider, type TestOidcProvider } from './support/oidc-provider';

const WEB_CLIENT = 'sales-ops-web';
const API_AUDIENCE = 'urn:sales-ops:api';

interface Page {
  readonly url: URL;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Set when the browser was about to request a URL it was told to stop at (not requested). */
  readonly stoppedAt?: URL;
}

/** What a browser does with redirects and cookies (per host, by path; no SameSite: the app's pages are checked for that). */
class Browser {
  private readonly jar = new Map<string, Map<string, { value: string; path: string }>>();

  async open(url: string | URL, options: { method?: string; form?: Record<string, string>; stopAt?: (url: URL) => boolean; headers?: Record<string, string> } = {}): Promise<Page> {
    let current = new URL(url);
    let method = options.method ?? 'GET';
    let body: URLSearchParams | undefined = options.form ? new URLSearchParams(options.form) : undefined;
    for (let hops = 0; hops < 20; hops += 1) {
      const response = await fetch(current, {
        method,
        redirect: 'manual',
        headers: {
          ...this.cookieHeader(current),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', origin: current.origin } : {}),
          ...options.headers,
        },
        body,
      });
      this.keep(current, response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        const next = new URL(location, current);
        if (options.stopAt?.(next)) return { url: current, status: response.status, headers: response.headers, text: '', stoppedAt: next };
        [current, method, body] = [next, 'GET', undefined];
        continue;
      }
      return { url: current, status: response.status, headers: response.headers, text: await response.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name)?.value;
  }

  cookieNames(host: string): string[] {
    return [...(this.jar.get(host)?.keys() ?? [])];
  }

  setCookie(host: string, name: string, value: string, path = '/'): void {
    const cookies = this.jar.get(host) ?? new Map<string, { value: string; path: string }>();
    this.jar.set(host, cookies);
    cookies.set(name, { value, path });
  }

  /** The session cookie, as `name=value`, to call the API with. */
  sessionHeader(host: string): Record<string, string> {
    const value = this.cookie(host, 'sales_ops_session');
    if (value === undefined) throw new Error('no session cookie');
    return { cookie: `sales_ops_session=${value}` };
  }

  private cookieHeader(url: URL): Record<string, string> {
    const cookies = [...(this.jar.get(url.hostname)?.entries() ?? [])].filter(([, cookie]) => url.pathname.startsWith(cookie.path));
    return cookies.length === 0 ? {} : { cookie: cookies.map(([name, cookie]) => `${name}=${cookie.value}`).join('; ') };
  }

  private keep(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, separator), pair!.slice(separator + 1)];
      const attribute = (key: string) => attributes.find((each) => each.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expired = attribute('max-age') === '0' || Date.parse(attribute('expires') ?? '') < Date.now();
      const cookies = this.jar.get(url.hostname) ?? new Map<string, { value: string; path: string }>();
      this.jar.set(url.hostname, cookies);
      if (expired) cookies.delete(name);
      else cookies.set(name, { value, path: attribute('path') ?? '/' });
    }
  }
}

/** The one form of a provider's page: where it posts and its hidden fields. */
function formOf(page: Page): { action: URL; fields: Record<string, string> } {
  const decode = (text: string) => text.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec))).replace(/&amp;/g, '&');
  const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
  if (!action) throw new Error(`no form on ${page.url} (${page.status}): ${page.text.slice(0, 400)}`);
  const fields: Record<string, string> = {};
  for (const input of page.text.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    if (name) fields[name] = decode(/value="([^"]*)"/.exec(input[0])?.[1] ?? '');
  }
  return { action: new URL(decode(action), page.url), fields };
}

/** An abort link ("[ Cancel ]") of a provider's page. */
function cancelLinkOf(page: Page): URL {
  const href = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(page.text)?.[1];
  if (!href) throw new Error(`no cancel link on ${page.url}`);
  return new URL(href.replace(/&amp;/g, '&'), page.url);
}

describe('web sign-in through an OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let app: TestApp;
  let origin: string;
  const isCallback = (url: URL) => url.origin === origin && url.pathname === '/auth/oidc/callback';

  beforeAll(async () => {
    // The app's address is registered with the provider before the app starts, as it would be in production.
    const port = await freePort();
    origin = `http://localhost:${port}`;
    provider = await startOidcProvider({
      redirectUris: [`${origin}/auth/oidc/callback`],
      accounts: {
        'h-anna': { name: 'Анна', role: 'hunter' },
        'rop-1': { name: 'Ольга', role: 'head-of-sales' },
        'no-role': { name: 'Гость' },
      },
      apiAudience: API_AUDIENCE,
      webClientId: WEB_CLIENT,
      serviceClient: { id: 'billing', secret: 'billing-secret-of-the-test', role: 'service' },
    });
    app = await startTestApp('sqlite', undefined, {
      PORT: String(port),
      JWT_SECRET: '',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: WEB_CLIENT,
      OIDC_AUDIENCE: API_AUDIENCE,
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  /** From /auth/oidc/start through the provider's login (and consent) forms, up to the app's callback (not yet requested). */
  async function toCallback(browser: Browser, login: string, returnTo = '/app/queue'): Promise<URL> {
    let page = await browser.open(`${origin}/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, { stopAt: isCallback });
    for (let step = 0; step < 4 && !page.stoppedAt; step += 1) {
      const { action, fields } = formOf(page);
      const form = fields.prompt === 'login' ? { ...fields, login, password: 'any password' } : fields;
      page = await browser.open(action, { method: 'POST', form, stopAt: isCallback });
    }
    if (!page.stoppedAt) throw new Error(`never came back to the app: ${page.url} ${page.status}`);
    return page.stoppedAt;
  }

  it('offers OIDC sign-in, prints no link and refuses local sign-in', async () => {
    expect(await app.request('GET', '/auth/config')).toMatchObject({ status: 200, body: { methods: ['oidc'] } });
    expect(app.running.signInUrl).toBeUndefined();
    expect(await app.request('POST', '/auth/local/sign-in', { body: { code: 'anything' } })).toMatchObject({
      status: 403,
      body: { code: 'local-sign-in-off', message: expect.stringContaining('through its identity provider') },
    });
  });

  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge, kept in a SameSite=Lax cookie', async () => {
    const response = await fetch(`${origin}/auth/oidc/start?returnTo=/app/queue`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: WEB_CLIENT,
      redirect_uri: `${origin}/auth/oidc/callback`,
      scope: 'openid profile',
      state: expect.stringMatching(/^[\w-]{32,}$/),
      nonce: expect.stringMatching(/^[\w-]{32,}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    const [flowCookie] = response.headers.getSetCookie();
    expect(flowCookie).toMatch(new RegExp(`^sales_ops_oidc_${location.searchParams.get('state')}=`));
    expect(flowCookie!.split(';').map((part) => part.trim().toLowerCase())).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/auth/oidc/callback']));
    // Nothing of the flow can be read off the cookie but what the callback needs to check: no tokens yet.
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('signs in through the provider: the callback sets the session cookie and goes on to returnTo with a same-site page', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'h-anna', '/app/queue?tab=mine');
    expect(callback.searchParams.get('code')).toBeTruthy();
    const page = await browser.open(callback);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<meta http-equiv="refresh" content="0;url=/app/queue?tab=mine">');
    expect(page.text).toContain('Signed in as h-anna (hunter)');
    expect(page.text).not.toMatch(/eyJ/); // no token reaches the page
    const setCookie = page.headers.getSetCookie().find((line) => line.startsWith('sales_ops_session='))!;
    expect(setCookie.split(';').map((part) => part.trim().toLowerCase())).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(browser.cookieNames('localhost').filter((name) => name.startsWith('sales_ops_oidc_'))).toEqual([]);

    const cookie = browser.sessionHeader('localhost');
    expect(await app.request('GET', '/auth/session', { headers: cookie })).toMatchObject({
      status: 200,
      body: { actor: { userId: 'h-anna', role: 'hunter' }, kind: 'oidc', canActAs: false },
    });
    expect(await app.request('GET', '/queues/me', { headers: cookie })).toMatchObject({ status: 200, body: { role: 'hunter', repId: 'h-anna' } });
    expect(await app.request('GET', '/kpis', { headers: cookie })).toMatchObject({ status: 403, body: { code: 'role-not-allowed' } });
    expect(await app.request('POST', '/auth/session/act-as', { body: { role: 'head-of-sales' }, headers: { ...cookie, origin } })).toMatchObject({
      status: 403,
      body: { code: 'cannot-act-as' },
    });
    expect((await app.request('POST', '/auth/sign-out', { headers: { ...cookie, origin } })).status).toBe(204);
    expect(await app.request('GET', '/queues/me', { headers: cookie })).toMatchObject({ status: 401, body: { code: 'bad-session' } });
  });

  it('gives the head of sales, signed in at the provider, the KPIs', async () => {
    const browser = new Browser();
    const page = await browser.open(await toCallback(browser, 'rop-1', '/app'));
    expect(page.status).toBe(200);
    expect((await app.request('GET', '/kpis', { headers: browser.sessionHeader('localhost') })).status).toBe(200);
  });

  it('refuses an answer whose state was tampered with, a tampered flow cookie and a replayed callback', async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, 'h-anna');
    const state = callback.searchParams.get('state')!;

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    const refused = await browser.open(tampered);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('belongs to no sign-in this browser started');
    expect(browser.cookie('localhost', 'sales_ops_session')).toBeUndefined();

    const flowName = `sales_ops_oidc_${state}`;
    const flow = browser.cookie('localhost', flowName)!;
    browser.setCookie('localhost', flowName, `${flow.slice(0, -4)}AAAA`, '/auth/oidc/callback');
    expect((await browser.open(callback)).status).toBe(400);
    expect(browser.cookie('localhost', 'sales_ops_session')).toBeUndefined();

    browser.setCookie('localhost', flowName, flow, '/auth/oidc/callback');
    expect((await browser.open(callback)).status).toBe(200);
    expect(browser.cookie('localhost', 'sales_ops_session')).toBeDefined();
    // The flow's cookie is gone with its use: the same answer again is refused; and even with a copy of
    // that cookie, the provider takes its code once.
    expect((await browser.open(callback)).status).toBe(400);
    const replayed = new Browser();
    replayed.setCookie('localhost', flowName, flow, '/auth/oidc/callback');
    const again = await replayed.open(callback);
    expect(again.status).toBe(400);
    expect(again.text).toContain('refused the sign-in');
  });

  it('refuses, with a readable page, an account the provider gives no role', async () => {
    const browser = new Browser();
    const page = await browser.open(await toCallback(browser, 'no-role'));
    expect(page.status).toBe(403);
    expect(page.text).toContain('No Sales-ops role');
    expect(page.text).toContain('has no claim &#34;role&#34;');
    expect(browser.cookie('localhost', 'sales_ops_session')).toBeUndefined();
  });

  it('says so when the user cancels at the provider', async () => {
    const browser = new Browser();
    const login = await browser.open(`${origin}/auth/oidc/start`, { stopAt: isCallback });
    const cancelled = await browser.open(cancelLinkOf(login), { stopAt: isCallback });
    expect(cancelled.stoppedAt?.searchParams.get('error')).toBe('access_denied');
    const page = await browser.open(cancelled.stoppedAt!);
    expect(page.status).toBe(403);
    expect(page.text).toContain('Sign-in was not completed');
    expect(page.text).toContain('/auth/oidc/start?returnTo=%2F');
  });

  it.each(['https://evil.example/app', '//evil.example/app', '/\\evil.example', 'javascript:alert(1)'])('never sends the browser off the app: returnTo %s is refused', async (returnTo) => {
    const response = await fetch(`${origin}/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('returnTo must be a path of this app');
  });

  it("still takes the provider's bearer tokens, its keys discovered from the issuer", async () => {
    const token = await provider.serviceToken();
    expect((await app.request('GET', '/kpis', { token })).status).toBe(200);
    expect(await app.request('GET', '/kpis', { token: `${token.slice(0, -4)}AAAA` })).toMatchObject({ status: 401, body: { code: 'bad-token' } });
    expect(await app.request('GET', '/kpis')).toMatchObject({ status: 401, body: { code: 'no-token' } });
  });
});
