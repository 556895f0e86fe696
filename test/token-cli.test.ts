/**
 * `npm run -s token` issues what the app accepts: a token it signs passes the bearer check of an app with the
 * same JWT_SECRET, and it never signs one for longer than the app would take (TOKEN_MAX_LIFETIME_SECONDS).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { startTestApp, type TestApp } from './support/http-app';
import { SOURCE_ARGS } from './support/run-source';

const ROOT = resolve(__dirname, '..');
// The secret startTestApp gives its app.
const JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters';

function token(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [...SOURCE_ARGS, 'apps/sales-ops/src/token.cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, JWT_SECRET, OIDC_ISSUER: '', OIDC_JWKS_URL: '', OIDC_CLIENT_ID: '', TOKEN_MAX_LIFETIME_SECONDS: '', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('the token CLI', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('sqlite');
  });
  afterAll(() => app.close());

  it('issues a token the app accepts, for 12 hours by default and up to the longest the app takes', async () => {
    const issued = await token({}, '--role', 'analyst', '--sub', 'an-1');
    expect(issued.code).toBe(0);
    const bearer = issued.stdout.trim();
    expect((await app.request('GET', '/team/reps', { token: bearer })).status).toBe(200);
    const claims = decodeJwt(bearer);
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    const aDay = (await token({}, '--role', 'head-of-sales', '--sub', 'rop-1', '--expires', '1d')).stdout.trim();
    expect((await app.request('GET', '/kpis', { token: aDay })).status).toBe(200);
  }, 60_000);

  it('refuses to sign a token the app would refuse', async () => {
    expect(await token({}, '--role', 'analyst', '--sub', 'an-1', '--expires', '7d')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--expires must be from 1s to 86400 s, the longest the app accepts (TOKEN_MAX_LIFETIME_SECONDS)'),
    });
    expect(await token({ TOKEN_MAX_LIFETIME_SECONDS: '3600' }, '--role', 'analyst', '--sub', 'an-1')).toMatchObject({ code: 2, stderr: expect.stringContaining('from 1s to 3600 s') });
    expect(await token({}, '--role', 'analyst', '--sub', 'an-1', '--expires', 'forever')).toMatchObject({ code: 2, stderr: expect.stringContaining('--expires must be a duration') });
  }, 60_000);
});
