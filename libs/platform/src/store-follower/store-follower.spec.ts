import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type StoredEvent } from '#libs/event-store';
import { StoreFollower } from './store-follower';
import { eventually } from '../../../../test/support/eventually';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-follower-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const metadata = { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'service' } } as const;

async function storeWith(name: string, types: string[]): Promise<SqliteEventStore> {
  const store = await SqliteEventStore.open({ path: join(folder, `${name}.db`) });
  await store.append(`s-${name}`, types.map((type, n) => ({ type, data: { n }, metadata })), { expectedRevision: 'no-stream' });
  return store;
}

describe('StoreFollower status', () => {
  it('is catching up, then live having read every event of its types', async () => {
    const store = await storeWith('live', ['A', 'B', 'A', 'C']);
    const seen: StoredEvent[] = [];
    const follower = new StoreFollower('test', ['A', 'C'], (event) => seen.push(event));
    expect(follower.status()).toEqual({ state: 'starting', eventsRead: 0 });
    follower.start(store);
    expect(follower.status().state).toBe('catching-up');
    await follower.whenCaughtUp();
    await eventually(() => follower.status().eventsRead === 3, { timeoutMs: 2_000, everyMs: 5 });
    expect(follower.status()).toEqual({ state: 'live', eventsRead: 3 });
    await follower.stop();
    expect(follower.status()).toEqual({ state: 'stopped', eventsRead: 3 });
    await store.close();
  });

  it('is failed, with the error, when applying an event throws', async () => {
    const store = await storeWith('failed', ['A', 'A']);
    const follower = new StoreFollower('test', ['A'], (event) => {
      if ((event.data as { n: number }).n === 1) throw new Error('cannot apply the second event');
    });
    follower.start(store);
    await eventually(() => follower.status().state === 'failed', { timeoutMs: 2_000, everyMs: 5 });
    expect(follower.status()).toEqual({ state: 'failed', eventsRead: 1, error: 'cannot apply the second event' });
    await follower.stop();
    await store.close();
  });
});
