/**
 * Each context also runs as its own app. Two of them on one PostgreSQL store: a lead handed off through
 * the prospecting app becomes a deal that the deal-closing app opened and serves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { bootstrapApp, signToken, type AppConfig, type RunningApp } from '#libs/platform';
import { AccountManagementAppModule } from '../apps/account-management/src/account-management-app.module';
import { DealClosingAppModule } from '../apps/deal-closing/src/deal-closing-app.module';
import { ProspectingAppModule } from '../apps/prospecting/src/prospecting-app.module';
import { SalesManagementAppModule } from '../apps/sales-management/src/sales-management-app.module';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { TEST_PRIVACY_MASTER_KEY } from './support/http-app';
import { newLead, qualification } from './support/story';
import { eventually } from './support/eventually';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
const running: RunningApp[] = [];
afterAll(async () => {
  for (const app of running.reverse()) await app.app.close();
});

async function start(title: string, module: (config: AppConfig) => DynamicModule, storeUrl: string): Promise<RunningApp> {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-context-'));
  const app = await bootstrapApp(title, module, { PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, EVENT_STORE_URL: storeUrl, JWT_SECRET: SECRET, PRIVACY_MASTER_KEY: TEST_PRIVACY_MASTER_KEY }, { logger: false });
  running.push(app);
  return app;
}

async function call(app: RunningApp, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the contexts as separate apps', () => {
  it.each([
    ['Prospecting', ProspectingAppModule.forRoot, ['/leads', '/call-scripts']],
    ['DealClosing', DealClosingAppModule.forRoot, ['/deals']],
    ['AccountManagement', AccountManagementAppModule.forRoot, ['/accounts']],
    ['SalesManagement', SalesManagementAppModule.forRoot, ['/team', '/plans', '/tasks', '/privacy']],
  ] as const)('%s serves its own routes only', async (title, module, prefixes) => {
    const folder = mkdtempSync(join(tmpdir(), 'sales-ops-context-store-'));
    const app = await start(title, module, `sqlite:${join(folder, 'store.db')}`);
    expect((await call(app, 'GET', '/health')).status).toBe(200);
    // Every app signs browsers in (/auth: the session cookie is accepted everywhere behind one address) and has
    // its health checks and metrics.
    const paths = Object.keys((await call(app, 'GET', '/docs-json')).body.paths).filter((path) => !path.startsWith('/health') && path !== '/metrics' && !path.startsWith('/auth/'));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect({ path, own: prefixes.some((prefix) => path.startsWith(prefix)) }).toEqual({ path, own: true });
    for (const prefix of prefixes) expect(paths.some((path) => path.startsWith(prefix))).toBe(true);
  });

  it('hands a lead over from the prospecting app to a deal opened by the deal-closing app', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('schema', freshSchemaName('ctx'));
    const prospecting = await start('Prospecting', ProspectingAppModule.forRoot, url.toString());
    const dealClosing = await start('DealClosing', DealClosingAppModule.forRoot, url.toString());
    const head = await signToken(SECRET, { userId: 'rop-1', role: 'head-of-sales' });
    const ivan = await signToken(SECRET, { userId: 'lg-ivan', role: 'lead-generator' });
    const { leadId } = (await call(prospecting, 'POST', '/leads', ivan, newLead)).body;
    await call(prospecting, 'POST', `/leads/${leadId}/assign`, head, { leadGeneratorId: 'lg-ivan' });
    await call(prospecting, 'POST', `/leads/${leadId}/contact-attempts`, ivan, { channel: 'call', outcome: 'reached' });
    await call(prospecting, 'POST', `/leads/${leadId}/qualify`, ivan, qualification);
    const handoff = await call(prospecting, 'POST', `/leads/${leadId}/hand-off`, ivan, { hunterId: 'h-anna' });
    expect(handoff.status).toBe(200);
    // The deal-closing app's process manager hears the handoff through the store (LISTEN/NOTIFY).
    await eventually(async () => (await call(dealClosing, 'GET', `/deals/${handoff.body.dealId}`, head)).status === 200);
    expect((await call(dealClosing, 'GET', `/deals/${handoff.body.dealId}`, head)).body).toMatchObject({ leadId, hunterId: 'h-anna', status: 'open' });
    expect((await call(prospecting, 'GET', `/deals/${handoff.body.dealId}`, head)).status).toBe(404);
  });
});
