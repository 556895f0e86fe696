import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, openCheckpointStore, type StoredEvent } from '#libs/event-store';
import { UsageError } from './cli-options';
import { backupName, demoAction, prepareDemoStore, type DemoStoreSettings } from './demo-store';
import { processManagerNames } from './write-simulation';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-demo-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const now = new Date('2026-07-15T10:30:00Z');
const settingsIn = (name: string): DemoStoreSettings => ({
  eventStoreUrl: `sqlite:${join(folder, name, 'sales-ops.db')}`,
  readModelUrl: `sqlite:${join(folder, name, 'sales-ops.read-models.db')}`,
  keyAccountThreshold: 1_000_000,
});
const small = { months: 1, seed: 42, now, leadsPerDay: 5 };

async function storedEvents(path: string): Promise<StoredEvent[]> {
  const store = await SqliteEventStore.open({ path });
  try {
    const events: StoredEvent[] = [];
    for await (const event of store.readAll({ batchSize: 5000 })) events.push(event);
    return events;
  } finally {
    await store.close();
  }
}

describe('npm run demo’s store', () => {
  it('fills an empty store and leaves one that holds events', () => {
    expect(demoAction({ holdsEvents: false })).toBe('fill');
    expect(demoAction({ holdsEvents: true })).toBe('keep');
  });

  it('fills an empty store with a history that ends this morning, then leaves it as it is', async () => {
    const settings = settingsIn('fill');
    const path = join(folder, 'fill', 'sales-ops.db');
    const filled = await prepareDemoStore(settings, { ...small, fresh: false });
    expect(filled).toMatchObject({ action: 'filled', first: '2026-06-15', last: '2026-07-14', days: 30, totalDays: 30, interrupted: false, movedAside: [] });
    const events = await storedEvents(path);
    expect(events).toHaveLength(filled.action === 'filled' ? filled.events : -1);
    expect(Math.max(...events.map((event) => event.occurredAt.getTime()))).toBeLessThan(Date.parse('2026-07-15T00:00:00Z'));
    expect(events.some((event) => event.type === 'SalesPlanSet')).toBe(true);
    // The history holds the process managers' work: the app's start after its end, not at its beginning.
    const checkpoints = await openCheckpointStore(settings.eventStoreUrl);
    try {
      expect(processManagerNames()).toEqual([
        'prospecting.assign-lead-on-capture', 'deal-closing.open-deal-on-handoff', 'account-management.open-account-on-win', 'account-management.promote-on-revenue',
      ]);
      for (const name of processManagerNames()) expect(await checkpoints.load(name)).toEqual(events.at(-1)!.position);
    } finally {
      await checkpoints.close();
    }

    const again = await prepareDemoStore(settings, { ...small, seed: 7, fresh: false });
    expect(again).toEqual({ action: 'kept', movedAside: [] });
    expect(await storedEvents(path)).toHaveLength(events.length);
  });

  it('with --fresh, moves the SQLite store and its read models aside and starts over', async () => {
    const settings = settingsIn('fresh');
    const path = join(folder, 'fresh', 'sales-ops.db');
    await prepareDemoStore(settings, { ...small, seed: 1, fresh: false });
    const before = await storedEvents(path);
    const readModels = await SqliteEventStore.open({ path: join(folder, 'fresh', 'sales-ops.read-models.db') }); // stands in for the app's file
    await readModels.close();

    const later = new Date('2026-07-16T08:00:00Z');
    const fresh = await prepareDemoStore(settings, { ...small, now: later, fresh: true });
    expect(fresh).toMatchObject({ action: 'filled', first: '2026-06-16', last: '2026-07-15' });
    expect(fresh.movedAside).toEqual([`${path} → ${backupName(path, later)}`, `${join(folder, 'fresh', 'sales-ops.read-models.db')} → ${backupName(join(folder, 'fresh', 'sales-ops.read-models.db'), later)}`]);
    expect(backupName(path, later)).toBe(`${path}.20260716T080000Z.bak`);
    expect(await storedEvents(backupName(path, later))).toHaveLength(before.length);
    expect((await storedEvents(path))[0]!.occurredAt.toISOString().slice(0, 10)).toBe('2026-06-16');
    expect(readdirSync(join(folder, 'fresh')).filter((name) => name.endsWith('.bak')).sort()).toEqual([
      'sales-ops.db.20260716T080000Z.bak',
      'sales-ops.read-models.db.20260716T080000Z.bak',
    ]);
  });

  it('moves read models left from another history aside before filling an empty store', async () => {
    const settings = settingsIn('stale');
    const readModels = join(folder, 'stale', 'sales-ops.read-models.db');
    await (await SqliteEventStore.open({ path: readModels })).close();
    const filled = await prepareDemoStore(settings, { ...small, fresh: false });
    expect(filled.movedAside).toEqual([`${readModels} → ${backupName(readModels, now)}`]);
    expect(existsSync(readModels)).toBe(false);
  });

  it('stops between days when asked (Ctrl-C), with the days written so far', async () => {
    let asked = 0;
    const stopped = await prepareDemoStore(settingsIn('stop'), { ...small, fresh: false, stop: () => ++asked > 10 });
    expect(stopped).toMatchObject({ action: 'filled', interrupted: true, days: 10, totalDays: 30 });
  });

  it('refuses --fresh on PostgreSQL, before touching anything', async () => {
    const settings = { eventStoreUrl: 'postgres://nobody@127.0.0.1:1/none', readModelUrl: 'postgres://nobody@127.0.0.1:1/none', keyAccountThreshold: 1_000_000 };
    await expect(prepareDemoStore(settings, { ...small, fresh: true })).rejects.toThrow(UsageError);
    await expect(prepareDemoStore(settings, { ...small, fresh: true })).rejects.toThrow('--fresh starts over only on a SQLite store');
  });
});
