/**
 * The all-in-one app serves the web front end from its build folder (WEB_ROOT) beside the API: the page at /
 * and /app/…, its assets pre-compressed, nothing outside the folder; the API keeps its paths; without a build
 * the page's paths say how to make one. A context app serves no page.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startTestApp, type TestApp } from './support/http-app';

/** A raw GET: fetch would decompress and hide the encoding the server chose. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the web front end served by the app', () => {
  let app: TestApp;
  let unbuilt: TestApp;
  const script = 'console.log("the page");'.repeat(50);

  beforeAll(async () => {
    const web = mkdtempSync(join(tmpdir(), 'sales-ops-web-root-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Sales-ops</title><script type="module" src="/assets/index-abc.js"></script>');
    writeFileSync(join(web, 'assets', 'index-abc.js'), script);
    writeFileSync(join(web, 'assets', 'index-abc.js.gz'), gzipSync(script));
    writeFileSync(join(web, 'assets', 'index-abc.js.br'), brotliCompressSync(script));
    writeFileSync(join(web, 'secret.txt'), 'not an asset');
    app = await startTestApp('sqlite', undefined, { WEB_ROOT: web });
    unbuilt = await startTestApp('sqlite', undefined, { WEB_ROOT: join(web, 'nothing-here') });
  });
  afterAll(async () => {
    await app.close();
    await unbuilt.close();
  });

  it('serves the page at / and at every /app/ path, with a strict content security policy and no referrer', async () => {
    for (const path of ['/', '/app', '/app/dashboard?period=last-month', '/app/team/h-anna']) {
      const response = await rawGet(`${app.running.url}${path}`);
      expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
      expect(response.body.toString()).toContain('<title>Sales-ops</title>');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves assets brotli- or gzip-compressed as the browser accepts, immutable, and plain otherwise', async () => {
    const url = `${app.running.url}/assets/index-abc.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br).toMatchObject({ status: 200, headers: { 'content-encoding': 'br', 'content-type': 'text/javascript; charset=utf-8', vary: 'Accept-Encoding' } });
    expect(br.headers['cache-control']).toContain('immutable');
    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);
    const plain = await rawGet(url, { 'accept-encoding': 'br;q=0, identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('serves nothing outside its assets and answers 404 for a missing one', async () => {
    expect((await rawGet(`${app.running.url}/assets/../secret.txt`, { 'accept-encoding': 'br' })).body.toString()).not.toContain('not an asset');
    expect((await rawGet(`${app.running.url}/assets/%2e%2e/secret.txt`, { 'accept-encoding': 'br' })).body.toString()).not.toContain('not an asset');
    expect((await rawGet(`${app.running.url}/secret.txt`)).status).toBe(404);
    expect((await rawGet(`${app.running.url}/assets/missing.js`)).status).toBe(404);
  });

  it('leaves the API its paths', async () => {
    expect((await app.request('GET', '/health')).status).toBe(200);
    expect(await app.request('GET', '/kpis')).toMatchObject({ status: 401, body: { code: 'no-token' } });
    expect((await app.request('POST', '/')).status).toBe(404);
  });

  it('says how to build the page when there is no build, and the API works as before', async () => {
    const response = await rawGet(`${unbuilt.running.url}/app/dashboard`);
    expect(response.status).toBe(404);
    expect(response.body.toString()).toContain('run npm run build');
    expect((await unbuilt.request('GET', '/health')).status).toBe(200);
  });
});
