/**
 * The OpenAPI document is what client generators and API portals read: it passes `redocly lint` with the
 * recommended rules, and what it says of each route's security is what the route does.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from './support/http-app';

const run = promisify(execFile);

interface Operation {
  readonly summary?: string;
  readonly security?: ReadonlyArray<Record<string, string[]>>;
  readonly responses: Record<string, unknown>;
}

describe('the OpenAPI document (/docs-json)', () => {
  let app: TestApp;
  let document: { paths: Record<string, Record<string, Operation>> };
  let folder: string;

  beforeAll(async () => {
    app = await startTestApp('sqlite');
    document = (await app.request('GET', '/docs-json')).body;
    folder = mkdtempSync(join(tmpdir(), 'sales-ops-openapi-'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('passes redocly lint with the recommended rules: no error', async () => {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const lint = await run(join('node_modules', '.bin', 'redocly'), ['lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((failure: { stdout?: string; code?: number }) => ({ stdout: failure.stdout ?? '', code: failure.code }));
    const report = JSON.parse(lint.stdout) as { totals: { errors: number }; problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }> };
    const errors = report.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // What is left are warnings that are true of the API: /health answers 503, not a 4xx; the OIDC start redirects.
    const warnings = report.problems.map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}`);
    expect(warnings.filter((warning) => warning.startsWith('operation-4xx-response') && !/~1(health|auth~1config|asyncapi)\//.test(warning))).toEqual([]);
  });

  it('gives every operation a summary and every route with input or a caller its error answers', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.summary) missing.push(`${method} ${path}: summary`);
        if (operation.security?.length && !(operation.responses['401'] && operation.responses['403'])) missing.push(`${method} ${path}: 401/403`);
        if (/\{\w+\}/.test(path) && !operation.responses['404']) missing.push(`${method} ${path}: 404`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says the truth about security: a route it marks public answers without credentials, every other one asks for them (401)', async () => {
    const wrong: string[] = [];
    let secured = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.security).toBeDefined();
        const isPublic = operation.security!.length === 0;
        if (!isPublic) {
          secured += 1;
          expect(operation.security).toEqual([{ bearer: [] }, { cookie: [] }]);
        }
        // The guard's own refusal is `no-token`; a public route may still answer 401 of its own (no session to show).
        const response = await app.request(method.toUpperCase(), path.replace(/\{\w+\}/g, 'some-id'), method === 'get' ? {} : { body: {} });
        const refusedByGuard = response.status === 401 && response.body?.code === 'no-token';
        if (isPublic && refusedByGuard) wrong.push(`${method} ${path}: public in the document, refused without a token`);
        if (!isPublic && !refusedByGuard) wrong.push(`${method} ${path}: secured in the document, ${response.status} ${response.body?.code} without a token`);
      }
    }
    expect(wrong).toEqual([]);
    expect(secured).toBeGreaterThan(45);
  });
});
