/**
 * A projection served from its persisted documents (StoredProjectionRunner; the lead identities): nothing is loaded
 * at start, what it persists equals a fold of the whole history in memory (batches whose later events read what
 * earlier ones wrote), a restart reads only the events stored since its checkpoint, readers wait for the checkpoint
 * (whenCurrent); on PostgreSQL a second instance reads what the writer persisted and takes over when it stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, ReadAllFrom } from '#libs/event-store';
import { openReadModelStore, StoredProjectionRunner, type ReadModelStore } from '#libs/projections';
import { CLEAR_IDENTITY, storedLeadIdentity } from '../libs/prospecting/src/import-leads/lead-identity';
import { eventually } from './support/eventually';
import { expectPersistedEqualRebuilt, openStore, simulatedDays, storeUrl, watched, writeDays } from './support/projection-fixtures';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-stored-projection-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const identity = storedLeadIdentity(CLEAR_IDENTITY);
const metadata = { correlationId: 'c', causationId: null, actor: { userId: 'lg-1', role: 'lead-generator' } };

async function capture(store: EventStore, leadId: string, email: string): Promise<void> {
  await store.append(`lead-${leadId}`, [{ type: 'LeadCaptured', data: { leadId, company: { name: 'Acme' }, contact: { name: 'Anna', email }, source: 'cold-call' }, metadata }], {
    expectedRevision: 'no-stream',
  });
}

async function erase(store: EventStore, leadId: string): Promise<void> {
  await store.append(`privacy-lead-${leadId}`, [{ type: 'PersonalDataErased', data: { subjectId: `lead-${leadId}`, reason: 'data-subject-request' }, metadata }], {
    expectedRevision: 'any',
  });
}

/** The read models, with a count of the builds loaded whole. */
function countingLoads(readModels: ReadModelStore): { readModels: ReadModelStore; loads: () => number } {
  let loads = 0;
  const proxy = new Proxy(readModels, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'loadBuild' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        loads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { readModels: proxy, loads: () => loads };
}

/** The read models, with a count of the commits their writers made. */
function countingCommits(readModels: ReadModelStore): { readModels: ReadModelStore; commits: () => number } {
  let commits = 0;
  const proxy = new Proxy(readModels, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property !== 'tryWriter') return value.bind(target);
      return async (buildId: number) => {
        const writer = await target.tryWriter(buildId);
        if (writer === undefined) return undefined;
        return new Proxy(writer, {
          get(inner, name, innerReceiver) {
            const member = Reflect.get(inner, name, innerReceiver) as unknown;
            if (typeof member !== 'function') return member;
            if (name !== 'commit') return member.bind(inner);
            return (...args: Parameters<typeof writer.commit>) => {
              commits += 1;
              return writer.commit(...args);
            };
          },
        });
      };
    },
  });
  return { readModels: proxy, commits: () => commits };
}

describe.each(['sqlite', 'postgres'] as const)('a stored projection on %s', (kind) => {
  it('persists what a fold of the whole history holds, loading nothing; a restart reads from its checkpoint; readers wait for the checkpoint', async () => {
    const url = storeUrl(kind, folder, `stored_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const opened = await openReadModelStore(url);
    const { readModels, loads } = countingLoads(opened);
    try {
      // The same e-mail twice before the runner starts: both in its first batch, the second reading what the first wrote.
      await capture(store, 'first', 'anna@acme.example');
      await capture(store, 'second', 'ANNA@acme.example ');
      await writeDays(store, simulatedDays(23, 40));

      // A short live window (the default's second is the window test's): whenCurrent() waits for it.
      const runner = new StoredProjectionRunner(identity, store, readModels, { batchSize: 50, liveBatchMs: 50 });
      runner.start();
      await runner.whenLive();
      await runner.whenCurrent();
      expect(runner.status()).toMatchObject({ state: 'live', role: 'writer' });
      await expectPersistedEqualRebuilt(store, opened, [identity.definition]);
      expect((await runner.read('keys', ['email:anna@acme.example'])).get('email:anna@acme.example')).toBe('first');
      const applied = runner.status().eventsApplied;
      expect(applied).toBeGreaterThan(100);

      // Live: a capture is found once whenCurrent() resolves; an erasure drops the lead's keys, a later lead takes them.
      await capture(store, 'third', 'boris@acme.example');
      await runner.whenCurrent();
      expect(await runner.read('keys', ['email:boris@acme.example'])).toEqual(new Map([['email:boris@acme.example', 'third']]));
      await erase(store, 'first');
      await capture(store, 'fourth', 'anna@acme.example');
      await runner.whenCurrent();
      expect(await runner.read('keys', ['email:anna@acme.example'])).toEqual(new Map([['email:anna@acme.example', 'fourth']]));
      expect(await runner.read('leads', ['first'])).toEqual(new Map());
      await runner.stop();

      // Stored while it is stopped: a restart subscribes from its checkpoint and reads those alone.
      await capture(store, 'fifth', 'vera@acme.example');
      const checkpoint = (await readModels.activeBuild('lead-identity'))!.checkpoint;
      const restarted = watched(store);
      const again = new StoredProjectionRunner(identity, restarted.store, readModels, { liveBatchMs: 50 });
      again.start();
      await again.whenLive();
      await again.whenCurrent();
      expect(restarted.froms).toEqual([checkpoint]);
      expect(again.status().eventsApplied).toBe(applied + 4);
      expect(await again.read('keys', ['email:vera@acme.example'])).toEqual(new Map([['email:vera@acme.example', 'fifth']]));
      await expectPersistedEqualRebuilt(store, opened, [identity.definition]);
      await again.stop();
      // Nothing was loaded whole by either run (the comparisons above load through the read models themselves, not the proxy).
      expect(loads()).toBe(0);
    } finally {
      await opened.close();
      await store.close();
    }
  });

  it('batches of one event each read over the commit of the batch before, while it is still running', async () => {
    const url = storeUrl(kind, folder, `stored_one_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    try {
      await capture(store, 'a', 'x@acme.example');
      await capture(store, 'b', 'X@acme.example');
      await erase(store, 'a');
      await capture(store, 'c', 'x@acme.example');
      await capture(store, 'd', 'x@acme.example');
      const runner = new StoredProjectionRunner(identity, store, readModels, { batchSize: 1 });
      runner.start();
      await runner.whenCurrent();
      expect(runner.status()).toMatchObject({ eventsApplied: 5, state: 'live' });
      // b lost the key to a; a's erasure freed it; c took it, d found it taken.
      expect(await runner.read('keys', ['email:x@acme.example'])).toEqual(new Map([['email:x@acme.example', 'c']]));
      expect([...(await runner.read('leads', ['a', 'b', 'c', 'd'])).keys()]).toEqual(['c']);
      await expectPersistedEqualRebuilt(store, readModels, [identity.definition]);
      await runner.stop();
    } finally {
      await readModels.close();
      await store.close();
    }
  });

  it("the read models' readDocuments hands over the documents asked for, as written, and none of another build or collection", async () => {
    const url = storeUrl(kind, folder, `stored_read_${Math.random().toString(36).slice(2, 8)}`);
    const readModels = await openReadModelStore(url);
    try {
      const [one, two] = [await readModels.createBuild('lookup', 1), await readModels.createBuild('lookup', 1)];
      const writer = (await readModels.tryWriter(one.buildId))!;
      const keys = Array.from({ length: 1500 }, (_, index) => `k${index}`);
      await writer.commit(
        [
          ...keys.map((key, index) => ({ collection: 'a', key, json: JSON.stringify(index % 2 === 0 ? { n: index, tags: ['x'] } : `lead-${index}`) })),
          { collection: 'b', key: 'k1', json: '"other collection"' },
        ],
        { commit: 1, prepare: 1 },
        1,
      );
      await writer.release();
      const other = (await readModels.tryWriter(two.buildId))!;
      await other.commit([{ collection: 'a', key: 'k2', json: '"other build"' }], { commit: 1, prepare: 1 }, 1);
      await other.release();

      const found = await readModels.readDocuments(one.buildId, 'a', ['k2', 'k1', 'missing', ...keys.slice(100, 1300)]);
      expect(found.size).toBe(1202);
      expect(found.get('k2')).toEqual({ n: 2, tags: ['x'] });
      expect(found.get('k1')).toBe('lead-1');
      expect(found.get('k1299')).toBe('lead-1299');
      expect(found.has('missing')).toBe(false);
      expect(found.has('k1300')).toBe(false);
      expect(await readModels.readDocuments(two.buildId, 'a', ['k1', 'k2'])).toEqual(new Map([['k2', 'other build']]));
      expect(await readModels.readDocuments(one.buildId, 'b', ['k1', 'k2'])).toEqual(new Map([['k1', 'other collection']]));
      expect(await readModels.readDocuments(one.buildId, 'a', [])).toEqual(new Map());
    } finally {
      await readModels.close();
    }
  });

  it('persists how far its filtered read looked when it went live: a restart does not read again what followed its last event', async () => {
    const url = storeUrl(kind, folder, `stored_looked_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    try {
      await capture(store, 'only', 'anna@acme.example');
      // 300 events of no type it reads, after its one capture.
      await store.appendMany(
        Array.from({ length: 300 }, (_, n) => ({
          streamId: `rep-r${n}`,
          expectedRevision: 'no-stream' as const,
          events: [{ type: 'RepJoined', data: { repId: `r${n}`, name: 'Rep', role: 'hunter', capacity: 5 }, metadata }],
        })),
      );
      let head: ReadAllFrom = 'start';
      for await (const event of store.readAll()) head = event.position;
      const runner = new StoredProjectionRunner(identity, store, readModels, { liveBatchMs: 50 });
      runner.start();
      await runner.whenLive();
      expect(runner.status()).toMatchObject({ state: 'live', role: 'writer', eventsApplied: 1 });
      expect((await readModels.activeBuild('lead-identity'))!.checkpoint).toEqual(head);
      await runner.stop();

      const restarted = watched(store);
      const again = new StoredProjectionRunner(identity, restarted.store, readModels, { liveBatchMs: 50 });
      again.start();
      await again.whenCurrent();
      expect(restarted.froms).toEqual([head]);
      expect(await again.read('keys', ['email:anna@acme.example'])).toEqual(new Map([['email:anna@acme.example', 'only']]));
      await again.stop();
    } finally {
      await readModels.close();
      await store.close();
    }
  });

  it('live, the events of a batch window are committed together; with no window, each as it comes', async () => {
    const url = storeUrl(kind, folder, `stored_window_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const opened = await openReadModelStore(url);
    try {
      await capture(store, 'first', 'anna@acme.example');
      // The window is long beside three appends (they took over 3 s once, under a whole CI run's load).
      for (const [liveBatchMs, expected] of [
        [6000, 1],
        [0, 3],
      ] as const) {
        const { readModels, commits } = countingCommits(opened);
        const runner = new StoredProjectionRunner(identity, store, readModels, { liveBatchMs });
        runner.start();
        await runner.whenCurrent();
        const before = commits();
        const emails = [1, 2, 3].map((n) => `w${liveBatchMs}-${n}@acme.example`);
        for (const [n, email] of emails.entries()) {
          await capture(store, `w${liveBatchMs}-${n}`, email);
          // No window: each capture is persisted before the next is stored.
          if (liveBatchMs === 0) await runner.whenCurrent();
        }
        await runner.whenCurrent();
        expect(commits() - before).toBe(expected);
        expect((await runner.read('keys', emails.map((email) => `email:${email}`))).size).toBe(3);
        await runner.stop();
      }
    } finally {
      await opened.close();
      await store.close();
    }
  });

  it('a fold that reads a document its reads() did not name is stopped there, its status saying so, and persists nothing', async () => {
    const url = storeUrl(kind, folder, `stored_undeclared_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    try {
      await capture(store, 'first', 'anna@acme.example');
      const runner = new StoredProjectionRunner({ definition: identity.definition, reads: () => [] }, store, readModels);
      runner.start();
      await eventually(async () => runner.status().error !== undefined);
      expect(runner.status()).toMatchObject({ state: 'catching-up', error: 'read keys/email:anna@acme.example, which the projection\'s reads() did not name' });
      await runner.stop();
      const builds = await readModels.builds('lead-identity');
      expect(builds).toHaveLength(1);
      expect(builds[0]).toMatchObject({ status: 'building', eventsApplied: 0, checkpoint: 'start' });
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});

describe('a stored projection on PostgreSQL, two instances', () => {
  it('the second reads what the writer persisted and waits for its checkpoint; it becomes the writer when the first stops', async () => {
    const url = storeUrl('postgres', folder, `stored_two_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const [oneModels, twoModels] = [await openReadModelStore(url), await openReadModelStore(url)];
    try {
      await capture(store, 'first', 'anna@acme.example');
      const one = new StoredProjectionRunner(identity, store, oneModels, { lockRetryMs: 300 });
      one.start();
      await one.whenLive();
      const two = new StoredProjectionRunner(identity, store, twoModels, { lockRetryMs: 300 });
      two.start();
      await two.whenLive();
      expect([one.status().role, two.status().role]).toEqual(['writer', 'follower']);

      await capture(store, 'second', 'boris@acme.example');
      await two.whenCurrent();
      expect(await two.read('keys', ['email:boris@acme.example'])).toEqual(new Map([['email:boris@acme.example', 'second']]));
      expect(two.status()).toMatchObject({ role: 'follower', eventsApplied: 2 });

      await one.stop();
      await capture(store, 'third', 'vera@acme.example');
      await two.whenCurrent();
      expect(await two.read('keys', ['email:vera@acme.example'])).toEqual(new Map([['email:vera@acme.example', 'third']]));
      expect(two.status()).toMatchObject({ role: 'writer', state: 'live', eventsApplied: 3 });
      await two.stop();
      await expectPersistedEqualRebuilt(store, twoModels, [identity.definition]);
    } finally {
      await oneModels.close();
      await twoModels.close();
      await store.close();
    }
  });
});
