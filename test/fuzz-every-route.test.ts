/**
 * Every route the app's own OpenAPI document lists (so a route added later is fuzzed too), fed generated
 * path parameters, query strings, bodies, headers and tokens — none, expired, unsigned (`alg: none`), signed
 * with another algorithm or key (RS256 in shared-secret mode; HS256 keyed with the provider's public key in
 * OIDC mode), for another issuer or audience, without exp, living too long, issued in the future, oversized,
 * garbage, with a forged or a disallowed role — on the all-in-one app on SQLite:
 *
 * - never a 5xx;
 * - never a write on a refusal: the store's head does not move on any 4xx;
 * - a token that is not valid gets 401 on every route that asks for one, a valid one never does;
 * - an analyst's valid token gets 403 on every route that writes (analysts write nothing);
 * - over a rate limit, every route answers 429 with Retry-After, whatever the token.
 *
 * Runs are bounded (RUNS per route and app): the whole file takes some seconds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import { ROLE_IDS } from '#libs/contracts';
import { encodePosition, type ReadAllFrom } from '#libs/event-store';
import { startTestApp, type TestApp } from './support/http-app';

const RUNS = Number(process.env.FUZZ_RUNS ?? '6');
// The secret startTestApp gives its app (shared-secret mode).
const SECRET = new TextEncoder().encode('test-secret-of-at-least-thirty-two-characters');
const OIDC_ISSUER = 'https://id.example';
const OIDC_AUDIENCE = 'sales-ops-api';
const HIGH_LIMITS = { RATE_LIMIT_PER_IP: '100000000', RATE_LIMIT_PER_USER: '100000000' };

interface Route {
  readonly method: string;
  readonly path: string;
  readonly isPublic: boolean;
  readonly query: readonly string[];
}

type Signer = (claims: JWTPayload, header?: { alg?: string }) => Promise<string>;

const now = () => Math.floor(Date.now() / 1000);

/** The kinds of token a caller may send, and whether the app must take it. */
const INVALID_TOKENS = [
  'expired',
  'alg-none',
  'foreign-key',
  'other-algorithm',
  'wrong-issuer',
  'no-exp',
  'too-long',
  'future-iat',
  'huge',
  'garbage',
  'unknown-role',
  'no-subject',
] as const;
type InvalidToken = (typeof INVALID_TOKENS)[number] | 'wrong-audience';

interface Mode {
  readonly sign: Signer;
  /** A token signed right but in a way this mode refuses (another algorithm family). */
  readonly otherAlgorithm: () => Promise<string>;
  readonly issuer: string;
  readonly audience?: string;
}

async function invalidToken(kind: InvalidToken, mode: Mode, role: string, sub: string): Promise<string> {
  const base = { sub, role, iss: mode.issuer, ...(mode.audience ? { aud: mode.audience } : {}) };
  switch (kind) {
    case 'expired':
      return mode.sign({ ...base, iat: now() - 7200, exp: now() - 3600 });
    case 'alg-none':
      return new UnsecuredJWT({ ...base, iat: now(), exp: now() + 600 }).encode();
    case 'foreign-key': {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT({ ...base, iat: now(), exp: now() + 600 }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    }
    case 'other-algorithm':
      return mode.otherAlgorithm();
    case 'wrong-issuer':
      return mode.sign({ ...base, iss: 'https://evil.example', iat: now(), exp: now() + 600 });
    case 'wrong-audience':
      return mode.sign({ ...base, aud: 'another-api', iat: now(), exp: now() + 600 });
    case 'no-exp':
      return mode.sign({ ...base, iat: now() });
    case 'too-long':
      return mode.sign({ ...base, iat: now(), exp: now() + 90 * 86_400 });
    case 'future-iat':
      return mode.sign({ ...base, iat: now() + 3600, exp: now() + 4000 });
    case 'huge':
      return mode.sign({ ...base, iat: now(), exp: now() + 600, padding: 'x'.repeat(10_000) });
    case 'garbage':
      return 'eyJhbGciOiJIUzI1NiJ9.not-json.!!';
    case 'unknown-role':
      return mode.sign({ ...base, role: 'god', iat: now(), exp: now() + 600 });
    case 'no-subject': {
      const { sub: _sub, ...rest } = base;
      return mode.sign({ ...rest, iat: now(), exp: now() + 600 });
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown token kind ${String(unknown)}`);
    }
  }
}

/** Header values fetch can send: printable ASCII. */
const headerText = fc.stringMatching(/^[!-~][ -~]{0,60}$/);
// Not `.` or `..`: the client resolves those away, and the request goes to another path altogether.
const pathValue = fc
  .oneof(fc.constantFrom('some-id', '01J0000000000000000000000', 'lead-1', 'x'.repeat(300), '%00', '-', '...'), fc.string({ maxLength: 40 }))
  .filter((value) => value !== '.' && value !== '..');
const queryValue = fc.oneof(
  fc.constantFrom('', '2025-01-01', '2025-13-45T99:99:99Z', 'week', 'month', '-1', '0', '1e9', '99999999999', 'cohort', 'xlsx', 'csv', 'rep', 'null'),
  fc.string({ maxLength: 30 }),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{"a":' + '['.repeat(100) + ']'.repeat(100) + '}', '{"__proto__":{"admin":true}}', 'company,taxId\n=cmd,1\n', '[]', 'null'),
);
const contentType = fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', undefined);
const extraHeaders = fc.record(
  {
    'idempotency-key': headerText,
    'if-match': headerText,
    origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost:3000'),
    'sec-fetch-site': fc.constantFrom('cross-site', 'same-origin', 'none'),
    'x-forwarded-for': fc.constantFrom('203.0.113.7', '10.0.0.1, 198.51.100.2', 'garbage'),
    cookie: fc.constantFrom('sales_ops_session=garbage', 'sales_ops_session=', 'other=1'),
    'x-correlation-id': headerText,
  },
  { requiredKeys: [] },
);

interface Request {
  readonly path: string;
  readonly body: string | undefined;
  readonly headers: Record<string, string>;
}

const request = (route: Route) =>
  fc
    .record({
      params: fc.array(pathValue, { minLength: 4, maxLength: 4 }),
      query: fc.array(fc.tuple(fc.constantFrom(...route.query, 'unknown', 'limit'), queryValue), { maxLength: 4 }),
      body,
      contentType,
      headers: extraHeaders,
    })
    .map(({ params, query, body: sent, contentType: type, headers }): Request => {
      let index = 0;
      const path = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(params[index++]!) || 'x');
      const search = new URLSearchParams(query).toString();
      const hasBody = route.method !== 'GET' && sent !== undefined;
      return {
        path: search ? `${path}?${search}` : path,
        body: hasBody ? (typeof sent === 'string' ? sent : JSON.stringify(sent)) : undefined,
        headers: { ...headers, ...(hasBody && type ? { 'content-type': type } : {}) },
      };
    });

interface Answer {
  readonly status: number;
  readonly body: { code?: string } | undefined;
  readonly headers: Headers;
}

async function send(app: TestApp, route: Route, sent: Request, token: string | undefined): Promise<Answer> {
  const response = await fetch(`${app.running.url}${sent.path}`, {
    method: route.method,
    headers: { ...sent.headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: sent.body,
    signal: AbortSignal.timeout(10_000),
  });
  // A stream (GET /live, GET /events) is judged by its status and headers; it is not read to its end.
  const streamed = /event-stream|ndjson/.test(response.headers.get('content-type') ?? '');
  if (streamed) {
    await response.body?.cancel();
    return { status: response.status, body: undefined, headers: response.headers };
  }
  const text = await response.text();
  let parsed: { code?: string } | undefined;
  try {
    parsed = text ? (JSON.parse(text) as { code?: string }) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

const head = async (app: TestApp): Promise<string> => {
  const position: ReadAllFrom = await app.store.headPosition();
  return position === 'start' ? 'start' : encodePosition(position);
};

/** After a command that wrote, waits until the process managers are done reacting: the head stays put. */
async function quiet(app: TestApp): Promise<void> {
  let last = await head(app);
  for (let stable = 0; stable < 5; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await head(app);
    stable = current === last ? stable + 1 : 0;
    last = current;
  }
}

/**
 * Sends one request and checks what holds for every answer: no 5xx, and a refusal writes nothing.
 * Returns the answer for the caller's own checks.
 */
async function judged(app: TestApp, route: Route, sent: Request, token: string | undefined, label: string): Promise<Answer> {
  const before = await head(app);
  const answer = await send(app, route, sent, token);
  const where = `${route.method} ${sent.path} (${label}) → ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 200)}`;
  if (answer.status >= 500) throw new Error(`a 5xx: ${where}`);
  if (answer.status >= 400) {
    const after = await head(app);
    if (after !== before) throw new Error(`a refusal wrote (head ${before} → ${after}): ${where}`);
  } else if (route.method !== 'GET') {
    await quiet(app);
  }
  return answer;
}

function routesOf(document: { paths: Record<string, Record<string, { security?: unknown[]; parameters?: Array<{ in: string; name: string }> }>> }): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      isPublic: (operation.security ?? []).length === 0,
      query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
    })),
  );
}

describe('every route, fuzzed', () => {
  const apps: TestApp[] = [];
  let jwks: Server;
  let routes: Route[];
  let sharedSecret: Mode;
  let oidc: Mode;
  let oidcKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    oidcKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const publicPem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;

    sharedSecret = {
      issuer: 'sales-ops',
      sign: (claims, header = {}) => new SignJWT(claims).setProtectedHeader({ alg: header.alg ?? 'HS256' }).sign(SECRET),
      otherAlgorithm: async () => {
        // HS512 with the right secret, or RS256 with any key: both refused, HS256 alone is taken.
        const { privateKey: rsa } = await generateKeyPair('RS256');
        return Math.random() < 0.5
          ? new SignJWT({ sub: 'rop-1', role: 'head-of-sales', iss: 'sales-ops', iat: now(), exp: now() + 600 }).setProtectedHeader({ alg: 'HS512' }).sign(SECRET)
          : new SignJWT({ sub: 'rop-1', role: 'head-of-sales', iss: 'sales-ops', iat: now(), exp: now() + 600 }).setProtectedHeader({ alg: 'RS256' }).sign(rsa);
      },
    };
    oidc = {
      issuer: OIDC_ISSUER,
      audience: OIDC_AUDIENCE,
      sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(oidcKey),
      // The provider's public key, as text anyone can fetch, used as an HMAC secret.
      otherAlgorithm: () =>
        new SignJWT({ sub: 'rop-1', role: 'head-of-sales', iss: OIDC_ISSUER, aud: OIDC_AUDIENCE, iat: now(), exp: now() + 600 })
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .sign(new TextEncoder().encode(publicPem)),
    };
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
    apps.push(await startTestApp('sqlite', undefined, HIGH_LIMITS));
    apps.push(await startTestApp('sqlite', undefined, { ...HIGH_LIMITS, JWT_SECRET: '', OIDC_JWKS_URL: jwksUrl, OIDC_ISSUER, OIDC_AUDIENCE }));
    apps.push(await startTestApp('sqlite', undefined, { RATE_LIMIT_PER_IP: '5', RATE_LIMIT_PER_USER: '100000000' }));
    apps.push(await startTestApp('sqlite', undefined, { RATE_LIMIT_PER_IP: '100000000', RATE_LIMIT_PER_USER: '3' }));
    routes = routesOf((await apps[0]!.request('GET', '/docs-json')).body);
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await new Promise<void>((resolve) => jwks?.close(() => resolve()));
  });

  it('enumerates the routes from the app’s own OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(55);
    expect(routes.filter((route) => route.isPublic).map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['GET /health', 'GET /auth/config', 'POST /auth/local/sign-in']),
    );
  });

  for (const [name, appIndex, modeOf] of [
    ['shared-secret', 0, () => sharedSecret],
    ['OIDC', 1, () => oidc],
  ] as const) {
    it(`${name}: no 5xx, no write on a refusal, 401 for every token that is not valid, 403 for a role that may not`, async () => {
      const app = apps[appIndex]!;
      const mode = modeOf();
      const kinds: InvalidToken[] = [...INVALID_TOKENS, ...(mode.audience ? (['wrong-audience'] as const) : [])];
      const seen = new Map<number, number>();
      for (const route of routes) {
        await fc.assert(
          fc.asyncProperty(
            request(route),
            fc.oneof(
              fc.record({ kind: fc.constant('invalid' as const), which: fc.constantFrom(...kinds), role: fc.constantFrom(...ROLE_IDS) }),
              fc.record({ kind: fc.constant('valid' as const), role: fc.constantFrom(...ROLE_IDS), sub: fc.stringMatching(/^[a-z][a-z0-9-]{0,19}$/) }),
              fc.record({ kind: fc.constant('absent' as const) }),
            ),
            async (sent, caller) => {
              const token =
                caller.kind === 'invalid'
                  ? await invalidToken(caller.which, mode, caller.role, 'rop-1')
                  : caller.kind === 'valid'
                    ? await mode.sign({ sub: caller.sub, role: caller.role, iss: mode.issuer, ...(mode.audience ? { aud: mode.audience } : {}), iat: now(), exp: now() + 600 })
                    : undefined;
              const label = caller.kind === 'invalid' ? caller.which : caller.kind === 'valid' ? `valid ${caller.role}` : 'no token';
              const answer = await judged(app, route, sent, token, label);
              seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
              if (route.isPublic) return;
              if (caller.kind === 'valid') {
                if (answer.status === 401) throw new Error(`a valid token refused: ${route.method} ${sent.path} → ${JSON.stringify(answer.body)}`);
              } else if (answer.status !== 401 && !(route.path === '/auth/session' && answer.status === 401)) {
                throw new Error(`${label} not refused with 401: ${route.method} ${sent.path} → ${answer.status} ${JSON.stringify(answer.body)}`);
              }
            },
          ),
          { numRuns: RUNS },
        );
        // Analysts write nothing: every route that writes refuses them before it reads the body.
        if (!route.isPublic && route.method !== 'GET') {
          const analyst = await mode.sign({ sub: 'an-1', role: 'analyst', iss: mode.issuer, ...(mode.audience ? { aud: mode.audience } : {}), iat: now(), exp: now() + 600 });
          await fc.assert(
            fc.asyncProperty(request(route), async (sent) => {
              const answer = await judged(app, route, sent, analyst, 'analyst');
              if (answer.status !== 403 || answer.body?.code !== 'role-not-allowed') {
                throw new Error(`an analyst not refused with 403: ${route.method} ${sent.path} → ${answer.status} ${JSON.stringify(answer.body)}`);
              }
            }),
            { numRuns: 2 },
          );
        }
      }
      // The runs reached past the guard too: validation, not-found and successes, not only refusals.
      expect([...seen.keys()]).toEqual(expect.arrayContaining([200, 400, 401, 404]));
    }, 120_000);
  }

  it('over the address limit, every route answers 429 with Retry-After, whatever the token, and writes nothing', async () => {
    const app = apps[2]!;
    const valid = await sharedSecret.sign({ sub: 'rop-1', role: 'head-of-sales', iss: 'sales-ops', iat: now(), exp: now() + 600 });
    for (let n = 0; n < 5; n++) await app.request('GET', '/auth/config');
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(request(route), fc.constantFrom<InvalidToken | 'valid' | 'absent'>('valid', 'absent', ...INVALID_TOKENS), async (sent, kind) => {
          const token = kind === 'valid' ? valid : kind === 'absent' ? undefined : await invalidToken(kind, sharedSecret, 'head-of-sales', 'rop-1');
          const answer = await judged(app, route, sent, token, kind);
          const retryAfter = Number(answer.headers.get('retry-after'));
          if (answer.status !== 429 || answer.body?.code !== 'rate-limited' || !(Number.isInteger(retryAfter) && retryAfter >= 1)) {
            throw new Error(`not 429 over the address limit: ${route.method} ${sent.path} (${kind}) → ${answer.status} ${answer.headers.get('retry-after')}`);
          }
        }),
        { numRuns: 2 },
      );
    }
  }, 60_000);

  it('over a user’s limit, every route that asks for a token answers 429 to that user, 401 to a bad token, and writes nothing', async () => {
    const app = apps[3]!;
    const tired = await sharedSecret.sign({ sub: 'rop-1', role: 'head-of-sales', iss: 'sales-ops', iat: now(), exp: now() + 600 });
    for (let n = 0; n < 3; n++) await app.request('GET', '/team/reps', { token: tired });
    for (const route of routes.filter((each) => !each.isPublic)) {
      await fc.assert(
        fc.asyncProperty(request(route), fc.constantFrom(...INVALID_TOKENS), async (sent, kind) => {
          const limited = await judged(app, route, sent, tired, 'over its limit');
          if (limited.status !== 429 || limited.body?.code !== 'rate-limited' || !(Number(limited.headers.get('retry-after')) >= 1)) {
            throw new Error(`not 429 over the user's limit: ${route.method} ${sent.path} → ${limited.status}`);
          }
          const bad = await judged(app, route, sent, await invalidToken(kind, sharedSecret, 'head-of-sales', 'rop-1'), kind);
          if (bad.status !== 401) throw new Error(`${kind} not refused with 401: ${route.method} ${sent.path} → ${bad.status}`);
        }),
        { numRuns: 2 },
      );
    }
  }, 60_000);
});
