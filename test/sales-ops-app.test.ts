/** The all-in-one process boots on either store, reports its health, and refuses bad configuration. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bootstrap, type RunningApp } from '../apps/sales-ops/src/bootstrap';
import { openEventStore } from '#libs/event-store';
import { eventually } from './support/eventually';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { simulatedDays, writeDays } from './support/projection-fixtures';
import { ROSTER_EVENT_TYPES } from '#libs/platform';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-app-'));
const running: RunningApp[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map(({ app }) => app.close()));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function start(env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const app = await bootstrap({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: folder, ...env }, { logger: false });
  running.push(app);
  return app;
}

describe('sales-ops app', () => {
  it('creates the SQLite file, migrates it and reports health', async () => {
    const file = join(folder, 'nested', 'sales-ops.db');
    const { url } = await start({ EVENT_STORE_URL: `sqlite:${file}` });
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { projections: { projections: Array<{ projection: string }> } };
    expect(health).toMatchObject({ status: 'ok', store: { kind: 'sqlite', reachable: true, schemaVersion: 1 }, projections: { healthy: true } });
    expect(health.projections.projections.map((p) => p.projection)).toEqual(['work-queues', 'kpi-facts']);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT max(version) AS v FROM es_schema').get()).toEqual({ v: 1 });
    db.close();
    // The read models live in their own file beside the events.
    const readModels = new Database(join(folder, 'nested', 'sales-ops.read-models.db'), { readonly: true });
    expect(readModels.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('rm_builds', 'rm_documents')").get()).toEqual({ n: 2 });
    readModels.close();
  });

  it('reports in /health the in-memory followers it reads from the start at boot: catching up, then live', async () => {
    const file = join(folder, 'followers.db');
    const store = await openEventStore(`sqlite:${file}`);
    await writeDays(store, simulatedDays(3, 20));
    await store.close();
    const count = (types: readonly string[]): number => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM es_events WHERE type IN (${types.map(() => '?').join(',')})`).get(...types) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const rosterAtBoot = count(ROSTER_EVENT_TYPES);
    const leadsAtBoot = count(['LeadCaptured']);
    expect(rosterAtBoot).toBeGreaterThan(0);
    expect(leadsAtBoot).toBeGreaterThan(0);

    const { url } = await start({ EVENT_STORE_URL: `sqlite:${file}` });
    type Follower = { healthy: boolean; state: string; eventsRead: number };
    let health: { roster: Follower; leadIdentity: Follower } | undefined;
    for (let tries = 0; tries < 200; tries += 1) {
      // /health/ready agrees with the parts it reports: 200 exactly when none is still catching up.
      const ready = await fetch(`${url}/health/ready`);
      const readiness = (await ready.json()) as { status: string; notReady: string[]; roster: Follower; leadIdentity: Follower; projections: { projections: Array<{ state: string }> } };
      const catchingUp = [
        ...(readiness.projections.projections.every((p) => p.state === 'live') ? [] : ['projections']),
        ...(readiness.roster.state === 'live' ? [] : ['roster']),
        ...(readiness.leadIdentity.state === 'live' ? [] : ['leadIdentity']),
      ];
      expect([...readiness.notReady].sort()).toEqual(catchingUp.sort());
      expect(ready.status).toBe(catchingUp.length === 0 ? 200 : 503);
      expect(readiness.status).toBe(catchingUp.length === 0 ? 'ready' : 'not-ready');
      health = (await (await fetch(`${url}/health`)).json()) as typeof health;
      expect(['catching-up', 'live']).toContain(health!.roster.state);
      if (health!.roster.state === 'live' && health!.leadIdentity.state === 'live') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(health).toMatchObject({ roster: { healthy: true, ready: true, state: 'live' }, leadIdentity: { healthy: true, ready: true, state: 'live' } });
    // Everything stored at boot, and nothing the store does not hold (the app's process managers append
    // routing events of their own meanwhile, which the roster reads too).
    expect(health!.roster.eventsRead).toBeGreaterThanOrEqual(rosterAtBoot);
    expect(health!.roster.eventsRead).toBeLessThanOrEqual(count(ROSTER_EVENT_TYPES));
    expect(health!.leadIdentity.eventsRead).toBe(leadsAtBoot);

    // The process managers, from their checkpoints (none in a fresh data folder): catching up, then live
    // once every event of theirs stored before has been handled.
    type Manager = { name: string; state: string; position: string | null; eventsHandled: number };
    let managers: Manager[] = [];
    await eventually(
      async () => {
        const answer = (await (await fetch(`${url}/health`)).json()) as { processManagers: { healthy: boolean; managers: Manager[] } };
        expect(answer.processManagers.healthy).toBe(true);
        managers = answer.processManagers.managers;
        for (const manager of managers) expect(['catching-up', 'live']).toContain(manager.state);
        return managers.every((manager) => manager.state === 'live');
      },
      { what: 'every process manager live', state: () => managers, timeoutMs: 30_000 },
    );
    expect(managers.map((manager) => manager.name)).toEqual([
      'prospecting.assign-lead-on-capture',
      'deal-closing.open-deal-on-handoff',
      'account-management.open-account-on-win',
      'account-management.promote-on-revenue',
    ]);
    const routing = managers[0]!;
    // Routing reads LeadCaptured only: it handled every lead stored, and its checkpoint is the newest one's.
    expect(routing.eventsHandled).toBe(leadsAtBoot);
    const db = new Database(file, { readonly: true });
    const newestLead = db.prepare("SELECT max(position) AS p FROM es_events WHERE type = 'LeadCaptured'").get() as { p: number };
    db.close();
    expect(routing.position).toMatch(new RegExp(`/${newestLead.p}$`));
  });

  it('runs on PostgreSQL', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('schema', freshSchemaName('app'));
    const app = await start({ EVENT_STORE_URL: url.toString() });
    const response = await fetch(`${app.url}/health`);
    expect(await response.json()).toMatchObject({ status: 'ok', store: { kind: 'postgres', reachable: true, schemaVersion: 1 }, projections: { healthy: true } });
  });

  it('answers 503 when the store is gone', async () => {
    const app = await start({ EVENT_STORE_URL: `sqlite:${join(folder, 'gone.db')}` });
    const { EVENT_STORE } = await import('#libs/event-store');
    await app.app.get<{ close(): Promise<void> }>(EVENT_STORE).close();
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', store: { reachable: false } });
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not-ready', store: { reachable: false }, notReady: expect.arrayContaining(['store']) });
    // Alive all the same: restarting the process would not bring the store back.
    const live = await fetch(`${app.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('is not ready while a part is not, and healthy all the same; ready and live once every part is', async () => {
    const app = await start({ EVENT_STORE_URL: `sqlite:${join(folder, 'ready.db')}` });
    await eventually(async () => (await fetch(`${app.url}/health/ready`)).status === 200, { what: 'ready after boot' });
    const { HealthIndicators } = await import('#libs/platform');
    let warmingUp = true;
    app.app.get(HealthIndicators, { strict: false }).register({ name: 'warmingUp', check: async () => ({ healthy: true, ready: !warmingUp }) });
    const notReady = await fetch(`${app.url}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not-ready', notReady: ['warmingUp'], warmingUp: { healthy: true, ready: false } });
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    warmingUp = false;
    const ready = await fetch(`${app.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', notReady: [], store: { reachable: true } });
  });

  it('stops the boot naming a bad variable', async () => {
    await expect(start({ EVENT_STORE_URL: 'mongodb://x' })).rejects.toThrow(/EVENT_STORE_URL must start with sqlite:, postgres:\/\/ or kurrentdb:\/\/ \(esdb:\/\/\) \(got "mongodb:…"\)/);
    await expect(start({ PORT: 'abc' })).rejects.toThrow(/PORT must be an integer/);
  });

  it('refuses a store written by a newer schema', async () => {
    const file = join(folder, 'newer.db');
    const db = new Database(file);
    db.exec('CREATE TABLE es_schema (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    db.prepare('INSERT INTO es_schema VALUES (99, 0)').run();
    db.close();
    await expect(start({ EVENT_STORE_URL: `sqlite:${file}` })).rejects.toThrow(/schema version 99, written by a newer Sales-ops/);
  });
});
