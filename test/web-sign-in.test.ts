/**
 * The browser's way in on the embedded default (a real app on a real SQLite store): the one-time link the
 * app prints signs in once and sets the session cookie; the cookie works as the head of sales, can act as a
 * rep of the roster, is refused from another site, and stops working on sign-out. Bearer tokens go on as
 * before, and the sign-in-link CLI makes another link.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { mintSignInCode, signToken } from '#libs/platform';
import { startTestApp, type TestApp, type TestResponse } from './support/http-app';
import { newLead } from './support/story';
import { eventually } from './support/eventually';
import { SOURCE_ARGS } from './support/run-source';

const ROOT = resolve(__dirname, '..');
const JWT_SECRET = 'web-sign-in-test-secret-of-at-least-32-chars';

/** `sales_ops_session=<value>` from a response's Set-Cookie, as a browser would send it back. */
function sessionCookie(response: TestResponse): string {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith('sales_ops_session='));
  if (!line) throw new Error(`no session cookie in ${response.status} ${JSON.stringify(response.body)}`);
  return line.split(';')[0]!;
}

function codeOf(link: string): string {
  return new URL(link).searchParams.get('code')!;
}

describe('web sign-in on the embedded default', () => {
  let app: TestApp;
  let origin: string;
  let head: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite', undefined, { JWT_SECRET });
    origin = new URL(app.running.signInUrl!).origin;
    // The test's own JWT secret (so that the sign-in-link CLI can be given it): tokens signed with it.
    head = await signToken(JWT_SECRET, { role: 'head-of-sales', userId: 'rop-1' });
  });
  afterAll(() => app.close());

  /** A browser's request from the app's own page: the session cookie, and the Origin a browser adds to a POST. */
  const browser = (method: string, path: string, cookie: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(method, path, { body, headers: { cookie, ...(method === 'GET' ? {} : { origin }), ...headers } });

  /** A fresh session, from a code minted as the sign-in-link CLI mints it. */
  async function signIn(): Promise<string> {
    const response = await app.request('POST', '/auth/local/sign-in', { body: { code: await mintSignInCode(JWT_SECRET, 900) }, headers: { origin } });
    expect(response.status).toBe(200);
    return sessionCookie(response);
  }

  it('says which sign-in the page should offer', async () => {
    expect(await app.request('GET', '/auth/config')).toMatchObject({ status: 200, body: { methods: ['local-code'] } });
  });

  it('signs in once with the code of the link it returned at start, setting an HttpOnly, SameSite=Strict session cookie', async () => {
    expect(app.running.signInUrl).toMatch(/^http:\/\/localhost:\d+\/\?code=[\w.-]+$/);
    const code = codeOf(app.running.signInUrl!);
    const first = await app.request('POST', '/auth/local/sign-in', { body: { code } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      actor: { userId: 'local-head-of-sales', role: 'head-of-sales' },
      kind: 'local',
      canActAs: true,
      permissions: expect.arrayContaining(['lead:assign', 'kpi:read', 'team:manage', 'privacy:erase']),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(first.body.expiresAt) - Date.now()).toBeGreaterThan(43_100_000);
    const setCookie = first.headers.getSetCookie().find((cookie) => cookie.startsWith('sales_ops_session='))!;
    const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', 'max-age=43200']));
    expect(attributes).not.toContain('secure'); // plain http on localhost
    expect(first.headers.get('cache-control')).toBe('no-store');

    const again = await app.request('POST', '/auth/local/sign-in', { body: { code } });
    expect(again).toMatchObject({ status: 401, body: { code: 'sign-in-code-used', message: expect.stringMatching(/has been used already/) } });
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a forged or malformed code, and answers who the session is', async () => {
    const [header, payload, signature] = codeOf(app.running.signInUrl!).split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await app.request('POST', '/auth/local/sign-in', { body: { code: forged } })).toMatchObject({ status: 401, body: { code: 'sign-in-code-invalid' } });
    expect(await app.request('POST', '/auth/local/sign-in', { body: {} })).toMatchObject({ status: 400, body: { field: 'code' } });
    expect(await app.request('GET', '/auth/session')).toMatchObject({ status: 401, body: { code: 'no-session' } });
    const cookie = await signIn();
    expect(await browser('GET', '/auth/session', cookie)).toMatchObject({ status: 200, body: { actor: { role: 'head-of-sales' }, kind: 'local', canActAs: true } });
    expect(await browser('GET', '/auth/session', 'sales_ops_session=garbage')).toMatchObject({ status: 401, body: { code: 'bad-session' } });
  });

  it('works as the head of sales with the cookie alone, as a bearer token would', async () => {
    const cookie = await signIn();
    expect((await browser('GET', '/kpis', cookie)).status).toBe(200);
    expect(await browser('GET', '/queues/me', cookie)).toMatchObject({ status: 200, body: { role: 'head-of-sales', repId: 'local-head-of-sales' } });
    // A bearer token is judged alone, first: a bad one is not rescued by the cookie.
    expect(await app.request('GET', '/kpis', { token: 'not-a-token', headers: { cookie } })).toMatchObject({ status: 401, body: { code: 'bad-token' } });
    expect(await app.request('GET', '/kpis')).toMatchObject({ status: 401, body: { code: 'no-token', message: 'send a bearer token: Authorization: Bearer <token>' } });
    expect((await app.request('GET', '/kpis', { token: head })).status).toBe(200);
  });

  it('acts as a rep of the roster, with the role the roster gives them, and back as the head of sales', async () => {
    for (const [repId, name, role] of [
      ['h-anna', 'Анна', 'hunter'],
      ['lg-ivan', 'Иван', 'lead-generator'],
      ['lg-olga', 'Ольга', 'lead-generator'],
    ]) {
      expect((await app.request('POST', '/team/reps', { token: head, body: { repId, name, role } })).status).toBe(201);
    }
    expect((await app.request('POST', '/team/reps/lg-olga/leave', { token: head, body: {} })).status).toBe(200);
    await eventually(async () => {
      const roster = (await app.request('GET', '/team/reps', { token: head })).body as Array<{ repId: string; left: boolean }>;
      return roster.length >= 3 && roster.some((rep) => rep.repId === 'lg-olga' && rep.left);
    });
    const cookie = await signIn();

    const asAnna = await browser('POST', '/auth/session/act-as', cookie, { repId: 'h-anna' });
    expect(asAnna).toMatchObject({ status: 200, body: { actor: { userId: 'h-anna', role: 'hunter' }, kind: 'local', canActAs: true } });
    // The page offers what the matrix gives the role it acts as: a hunter works deals, not leads or KPIs.
    expect(asAnna.body.permissions).toEqual(expect.arrayContaining(['deal:win', 'deal:hand-off-to-closer', 'lead:read']));
    expect(asAnna.body.permissions).not.toEqual(expect.arrayContaining(['kpi:read']));
    expect(asAnna.body.permissions).not.toContain('lead:qualify');
    const anna = sessionCookie(asAnna);
    expect(await browser('GET', '/queues/me', anna)).toMatchObject({ status: 200, body: { role: 'hunter', repId: 'h-anna' } });
    expect(await browser('GET', '/kpis', anna)).toMatchObject({ status: 403, body: { code: 'role-not-allowed' } });
    // Acting as someone keeps the session's end where it was.
    expect((await browser('GET', '/auth/session', anna)).body.expiresAt).toBe((await browser('GET', '/auth/session', cookie)).body.expiresAt);

    // What the session does is recorded as that rep.
    const ivan = sessionCookie(await browser('POST', '/auth/session/act-as', anna, { repId: 'lg-ivan' }));
    const captured = await browser('POST', '/leads', ivan, newLead);
    expect(captured.status).toBe(201);
    const [event] = await app.events(`lead-${captured.body.leadId}`);
    expect(event!.metadata.actor).toEqual({ userId: 'lg-ivan', role: 'lead-generator' });

    expect(await browser('POST', '/auth/session/act-as', ivan, { repId: 'nobody' })).toMatchObject({
      status: 422,
      body: { code: 'unknown-rep', field: 'repId', message: expect.stringContaining('nobody is not in the roster') },
    });
    expect(await browser('POST', '/auth/session/act-as', ivan, { repId: 'lg-olga' })).toMatchObject({
      status: 422,
      body: { code: 'unknown-rep', message: 'rep lg-olga has left the team' },
    });
    expect(await browser('POST', '/auth/session/act-as', ivan, {})).toMatchObject({ status: 400, body: { field: 'repId' } });
    expect(await browser('POST', '/auth/session/act-as', ivan, { repId: 'h-anna', role: 'head-of-sales' })).toMatchObject({ status: 400 });
    expect(await browser('POST', '/auth/session/act-as', ivan, { role: 'hunter' })).toMatchObject({ status: 400, body: { field: 'role' } });
    expect(await app.request('POST', '/auth/session/act-as', { token: head, body: { repId: 'h-anna' } })).toMatchObject({ status: 401, body: { code: 'no-session' } });

    const back = await browser('POST', '/auth/session/act-as', ivan, { role: 'head-of-sales' });
    expect(back).toMatchObject({ status: 200, body: { actor: { userId: 'local-head-of-sales', role: 'head-of-sales' } } });
    expect((await browser('GET', '/kpis', sessionCookie(back))).status).toBe(200);
  });

  it('refuses a cookie-authenticated POST from another site, and lets the app’s own pages in', async () => {
    const cookie = await signIn();
    const before = (await app.events()).length;
    const rep = { repId: 'c-kirill', name: 'Кирилл', role: 'closer' };
    expect(await browser('POST', '/team/reps', cookie, rep, { origin: 'https://evil.example' })).toMatchObject({
      status: 403,
      body: { code: 'cross-site-request', message: expect.stringContaining('https://evil.example') },
    });
    expect(await browser('POST', '/team/reps', cookie, rep, { 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403, body: { code: 'cross-site-request' } });
    expect(await browser('POST', '/auth/session/act-as', cookie, { role: 'head-of-sales' }, { origin: 'null' })).toMatchObject({ status: 403, body: { code: 'cross-site-request' } });
    expect((await app.events()).length).toBe(before);
    expect((await browser('POST', '/team/reps', cookie, rep, { 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    // A bearer token is no ambient credential: no origin check for it.
    expect((await app.request('GET', '/team/reps', { token: head, headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  it('signs out: the cookie is cleared, and a copy of it is refused from then on', async () => {
    const cookie = await signIn();
    const out = await browser('POST', '/auth/sign-out', cookie);
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^sales_ops_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await browser('GET', '/kpis', cookie)).toMatchObject({ status: 401, body: { code: 'bad-session', message: expect.stringContaining('signed out') } });
    expect(await browser('GET', '/auth/session', cookie)).toMatchObject({ status: 401 });
    expect(await app.request('GET', '/kpis')).toMatchObject({ status: 401, body: { code: 'no-token' } });
    expect((await app.request('POST', '/auth/sign-out', { headers: { origin } })).status).toBe(204);
    expect(await app.request('POST', '/auth/sign-out', { body: { everything: true }, headers: { origin } })).toMatchObject({ status: 400 });
  });

  it('makes another link with npm run -s sign-in-link, with the same secret', async () => {
    const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
      promisify(execFile)(process.execPath, [...SOURCE_ARGS, 'apps/sales-ops/src/sign-in-link.cli.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, JWT_SECRET, PORT: new URL(origin).port, PUBLIC_URL: '', OIDC_ISSUER: '', OIDC_JWKS_URL: '', OIDC_CLIENT_ID: '', ...env },
      }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const { stdout } = await cli({}, '--expires', '2m');
    const link = stdout.trim();
    expect(link.startsWith(`${origin}/?code=`)).toBe(true);
    const response = await app.request('POST', '/auth/local/sign-in', { body: { code: codeOf(link) }, headers: { origin } });
    expect(response).toMatchObject({ status: 200, body: { kind: 'local' } });
    expect(Date.parse((await browser('GET', '/auth/session', sessionCookie(response))).body.expiresAt)).toBeGreaterThan(Date.now());

    expect((await cli({ PUBLIC_URL: 'https://sales.example.com' })).stdout).toMatch(/^https:\/\/sales\.example\.com\/\?code=/);
    expect(await cli({}, '--expires', 'forever')).toMatchObject({ code: 2, stderr: expect.stringContaining('--expires must be a duration') });
    expect(await cli({ JWT_SECRET: '', OIDC_ISSUER: 'https://id.example' })).toMatchObject({ code: 2, stderr: expect.stringContaining('sign-in links are off') });
  });

  it('has no OIDC sign-in to start', async () => {
    const response = await app.request('GET', '/auth/oidc/start?returnTo=/app');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.body).toContain('OIDC_CLIENT_ID');
  });
});

describe('the embedded default behind https', () => {
  it('links to PUBLIC_URL, marks the session cookie Secure, and takes POSTs from that origin', async () => {
    const app = await startTestApp('sqlite', undefined, { JWT_SECRET, PUBLIC_URL: 'https://sales.example.com' });
    try {
      expect(app.running.signInUrl).toMatch(/^https:\/\/sales\.example\.com\/\?code=/);
      const response = await app.request('POST', '/auth/local/sign-in', { body: { code: codeOf(app.running.signInUrl!) }, headers: { origin: 'https://sales.example.com' } });
      expect(response.status).toBe(200);
      const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('sales_ops_session='))!;
      expect(setCookie.split(';').map((part) => part.trim().toLowerCase())).toContain('secure');
      const cookie = sessionCookie(response);
      const join = (origin: string) => app.request('POST', '/team/reps', { body: { repId: 'f-fedor', name: 'Фёдор', role: 'farmer' }, headers: { cookie, origin } });
      expect((await join('http://sales.example.com')).status).toBe(403);
      expect((await join('https://sales.example.com')).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});

describe('the embedded default at start', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-sign-in-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints the sign-in link after "listening on"; the printed code signs in', async () => {
    const child = spawn(process.execPath, [...SOURCE_ARGS, 'apps/sales-ops/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, EVENT_STORE_URL: `sqlite:${join(folder, 'store.db')}`, JWT_SECRET: '', PUBLIC_URL: '', OIDC_ISSUER: '', OIDC_JWKS_URL: '', OIDC_CLIENT_ID: '', KAFKA_BROKERS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const link = await new Promise<string>((resolveLink, reject) => {
        const timer = setTimeout(() => reject(new Error(`no sign-in link printed:\n${output}`)), 60_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on \S+[\s\S]*sign in: ([^\s"]+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolveLink(match[1]!);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.once('exit', (code) => reject(new Error(`the app exited (${code}):\n${output}`)));
      });
      expect(link).toMatch(/^http:\/\/localhost:\d+\/\?code=/);
      const signIn = () => fetch(new URL('/auth/local/sign-in', link), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: codeOf(link) }) });
      const first = await signIn();
      expect(first.status).toBe(200);
      const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!;
      expect((await fetch(new URL('/auth/session', link), { headers: { cookie } })).status).toBe(200);
      expect((await signIn()).status).toBe(401);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        child.kill('SIGTERM');
        await exited;
      }
    }
  }, 90_000);
});
