/**
 * The projection runner on real stores: persisted documents and checkpoint move together, a restart
 * resumes where the last batch ended, a new version is built beside the active one and swapped in, a
 * replay takes over from a running writer (those in support/projection-runner-cases.ts, which
 * projection-runner.kurrentdb.ts runs on KurrentDB too), and on PostgreSQL a second instance takes over the
 * writing when the first goes away. After each, the persisted read model equals a fresh fold of the history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ProjectionRunner, defineProjection, kpiFactsProjection, openReadModelStore, workQueuesProjection } from '#libs/projections';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { expectPersistedEqualRebuilt, openStore, persisted, plain, rebuilt, simulatedDays, storeUrl, writeDays, type Kind } from './support/projection-fixtures';
import { describeProjectionRunner, expectCommitGuard } from './support/projection-runner-cases';
import { eventually } from './support/eventually';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-projections-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeProjectionRunner(['sqlite', 'postgres']);

describe.each<Kind>(['sqlite', 'postgres'])('a replay on %s with its catch-up read on a thread (SQLite: commits on a writer thread too)', (kind) => {
  it('builds the same documents as a fold of the history, and on SQLite commits as on its own connection', async () => {
    const url = storeUrl(kind, folder, `threads_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const readModels = await openReadModelStore(url, { writerThread: true });
    try {
      if (kind === 'sqlite') await expectCommitGuard(readModels);
      await writeDays(store, simulatedDays(12, 30));
      const replay = new ProjectionRunner([workQueuesProjection, kpiFactsProjection], store, readModels, {
        rebuild: true,
        catchUpThread: true,
        batchSize: 700,
      });
      const statuses = await replay.runToLive();
      expect(statuses.map((status) => status.buildStatus)).toEqual(['active', 'active']);
      await expectPersistedEqualRebuilt(store, readModels, [workQueuesProjection, kpiFactsProjection]);
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});

describe('two instances of a projection on PostgreSQL', () => {
  it('have one writer; when it stops, the other takes over from the checkpoint', async () => {
    const url = storeUrl('postgres', folder, 'takeover');
    const store = await openStore(url);
    const readModelsA = await openReadModelStore(url);
    const readModelsB = await openReadModelStore(url);
    const days = simulatedDays(5, 30);
    try {
      await writeDays(store, days.slice(0, 10));
      const a = new ProjectionRunner(kpiFactsProjection, store, readModelsA, { lockRetryMs: 100 });
      a.start();
      await a.whenLive();
      const b = new ProjectionRunner(kpiFactsProjection, store, readModelsB, { lockRetryMs: 100 });
      b.start();
      await b.whenLive();
      expect([a.status().role, b.status().role].sort()).toEqual(['follower', 'writer']);
      const [writer, follower] = a.status().role === 'writer' ? [a, b] : [b, a];

      await writeDays(store, days.slice(10, 20));
      await writer.stop();
      await eventually(() => follower.status().role === 'writer', { what: 'the follower to take over', timeoutMs: 20_000 });
      await writeDays(store, days.slice(20));
      const whole = await rebuilt(store, kpiFactsProjection);
      await eventually(async () => (await persisted(readModelsB, kpiFactsProjection)).eventsApplied === whole.eventsApplied, { what: 'the new writer to catch up', timeoutMs: 20_000 });
      expect((await persisted(readModelsB, kpiFactsProjection)).documents).toEqual(whole.documents);
      expect(plain(follower.documents as never)).toEqual(whole.documents);
      await follower.stop();
    } finally {
      await readModelsA.close();
      await readModelsB.close();
      await store.close();
    }
  }, 60_000);
});

describe('a running projection whose read models\' database refuses connections', () => {
  it('keeps trying to load its build rather than stopping, and carries on once the database answers', async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    const role = freshSchemaName('rm_fault');
    const { rows } = await admin.query<{ db: string }>('SELECT current_database() AS db');
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`GRANT CONNECT, CREATE ON DATABASE "${rows[0]!.db}" TO ${role}`);
    const store = await openStore(storeUrl('postgres', folder, 'fault_events'));
    const readModelsUrl = new URL(storeUrl('postgres', folder, 'fault_read_models'));
    readModelsUrl.username = role;
    const readModels = await openReadModelStore(readModelsUrl.toString());
    const runner = new ProjectionRunner(kpiFactsProjection, store, readModels, { lockRetryMs: 100 });
    try {
      await writeDays(store, simulatedDays(9, 10));
      // The role may open no connection, and loses those it has: every load of the build is refused.
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
      runner.start();
      await new Promise((resolve) => setTimeout(resolve, 700)); // several refused attempts (100, 200, 400 ms apart)
      expect(runner.status()).toMatchObject({ state: 'starting' });
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT -1`);
      await runner.whenLive();
      expect(runner.status()).toMatchObject({ state: 'live', role: 'writer', buildStatus: 'active' });
      const whole = await rebuilt(store, kpiFactsProjection);
      await eventually(async () => (await persisted(readModels, kpiFactsProjection)).eventsApplied === whole.eventsApplied, { what: 'the batches after the refusals', timeoutMs: 20_000 });
      expect((await persisted(readModels, kpiFactsProjection)).documents).toEqual(whole.documents);
    } finally {
      await runner.stop();
      await readModels.close();
      await store.close();
      await admin.query(`DROP OWNED BY ${role}`);
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });
});

describe('a projection whose commits keep failing (a document the store refuses) on SQLite', () => {
  it('pauses between attempts, 0.1 s growing to 5 s, so the event loop runs meanwhile; once a commit goes through it is live', async () => {
    const url = storeUrl('sqlite', folder, 'poison');
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    // The first 50 folds of the event write a document without a key, which SQLite refuses.
    let folds = 0;
    const poisoned = defineProjection({
      name: 'poisoned',
      version: 1,
      description: 'a document without a key, then a good one',
      eventTypes: ['Poison'],
      collections: ['docs'],
      apply: (docs, event) => docs.put('docs', (++folds <= 50 ? undefined : event.streamId) as string, { at: event.streamRevision }),
    });
    const runner = new ProjectionRunner(poisoned, store, readModels, { lockRetryMs: 100 });
    try {
      await store.append('p-1', [{ type: 'Poison', data: {}, metadata: { correlationId: 'c', causationId: null, actor: { userId: 'u', role: 'service' } } }], { expectedRevision: 'no-stream' });
      runner.start();
      // Redone at once, the 50 refused commits would run back to back without letting this timer fire.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(folds).toBeGreaterThanOrEqual(2);
      expect(folds).toBeLessThanOrEqual(6); // 0 + 100 + 200 + 400 ms of pauses
      expect(runner.status().state).not.toBe('failed');
    } finally {
      folds = 50; // the next commit goes through
      await runner.whenLive();
      expect((await persisted(readModels, poisoned)).documents).toEqual({ docs: { 'p-1': { at: 0 } } });
      await runner.stop();
      await readModels.close();
      await store.close();
    }
  });
});

describe('read models on PostgreSQL made before documents were json', () => {
  it('are converted when opened, their documents and checkpoints kept', async () => {
    const url = storeUrl('postgres', folder, 'jsonb_docs');
    const schema = new URL(url).searchParams.get('schema')!;
    const first = await openReadModelStore(url);
    const build = await first.createBuild('old-docs', 1);
    const writer = (await first.tryWriter(build.buildId))!;
    await writer.commit([{ collection: 'c', key: 'a', json: '{"n":1,"s":"é \\"q\\""}' }], { commit: 7, prepare: 7 }, 1);
    await writer.release();
    await first.close();
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const typeOfDoc = async (): Promise<string | undefined> =>
      (
        await client.query<{ data_type: string }>(
          `SELECT data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'rm_documents' AND column_name = 'doc'`,
          [schema],
        )
      ).rows[0]?.data_type;
    try {
      // As the table was before: jsonb documents.
      await client.query(`ALTER TABLE "${schema}".rm_documents ALTER COLUMN doc TYPE jsonb USING doc::jsonb`);
      expect(await typeOfDoc()).toBe('jsonb');
      const reopened = await openReadModelStore(url);
      try {
        expect(await typeOfDoc()).toBe('json');
        const documents: Record<string, unknown> = {};
        const record = await reopened.loadBuild(build.buildId, (_, key, document) => (documents[key] = document));
        expect(documents).toEqual({ a: { n: 1, s: 'é "q"' } });
        expect(record).toMatchObject({ checkpoint: { commit: 7, prepare: 7 }, eventsApplied: 1 });
        await expectCommitGuard(reopened);
      } finally {
        await reopened.close();
      }
    } finally {
      await client.end();
    }
  });
});

describe.each<Kind>(['sqlite', 'postgres'])('read models on %s with a retired build whose documents were not deleted (a process stopped halfway)', (kind) => {
  it('deletes them when opened, and only them', async () => {
    const url = storeUrl(kind, folder, 'half_swept');
    const first = await openReadModelStore(url);
    const old = await first.createBuild('sweep-test', 1);
    const kept = await first.createBuild('sweep-test', 2);
    for (const build of [old, kept]) {
      const writer = (await first.tryWriter(build.buildId))!;
      const changes = Array.from({ length: 12_000 }, (_, n) => ({ collection: 'c', key: `k${n}`, json: `{"n":${n}}` }));
      await writer.commit(changes, { commit: 5, prepare: 5 }, 1);
      await writer.release();
    }
    await first.close();
    // As a process that stopped after an activation flipped the statuses and before the sweep finished.
    if (kind === 'sqlite') {
      const raw = new Database(url.slice('sqlite:'.length));
      raw.prepare("UPDATE rm_builds SET status = 'retired' WHERE build_id = ?").run(old.buildId);
      raw.close();
    } else {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      await client.query(`UPDATE "${new URL(url).searchParams.get('schema')}".rm_builds SET status = 'retired' WHERE build_id = $1`, [old.buildId]);
      await client.end();
    }

    const reopened = await openReadModelStore(url);
    try {
      await reopened.whenSwept();
      const count = async (buildId: number): Promise<number> => {
        let n = 0;
        await reopened.loadBuild(buildId, () => (n += 1));
        return n;
      };
      expect(await count(old.buildId)).toBe(0);
      expect(await count(kept.buildId)).toBe(12_000);
    } finally {
      await reopened.close();
    }
  });
});

describe.each<Kind>(['sqlite', 'postgres'])('loading a build on %s', (kind) => {
  it('hands over every document once; a document the reader refuses ends the load with that error, and the store loads again after it', async () => {
    const url = storeUrl(kind, folder, 'load_refused');
    const readModels = await openReadModelStore(url);
    try {
      const build = await readModels.createBuild('load-test', 1);
      const writer = (await readModels.tryWriter(build.buildId))!;
      const changes = Array.from({ length: 7_000 }, (_, n) => ({ collection: n % 2 ? 'odd' : 'even', key: `k${n}`, json: n % 3 ? `{"n":${n}}` : `"text ${n}"` }));
      await writer.commit(changes, { commit: 9, prepare: 9 }, 7_000);
      await writer.release();

      const refused = new Error('document k4001 refused');
      let seen = 0;
      await expect(
        readModels.loadBuild(build.buildId, (_, key) => {
          seen += 1;
          if (key === 'k4001') throw refused;
        }),
      ).rejects.toBe(refused);
      expect(seen).toBeGreaterThan(0);

      // Every document, as written (objects and strings), each once — on the same store, after the refusal.
      const loaded = new Map<string, unknown>();
      let handed = 0;
      const record = await readModels.loadBuild(build.buildId, (collection, key, document) => {
        handed += 1;
        loaded.set(`${collection}/${key}`, document);
      });
      expect(record).toMatchObject({ buildId: build.buildId, checkpoint: { commit: 9, prepare: 9 }, eventsApplied: 7_000 });
      expect(handed).toBe(7_000);
      expect(loaded.get('odd/k1')).toEqual({ n: 1 });
      expect(loaded.get('even/k3000')).toBe('text 3000');
      expect(loaded.get('even/k6998')).toEqual({ n: 6998 });
      expect(loaded.get('odd/k6999')).toBe('text 6999');
    } finally {
      await readModels.close();
    }
  });
});

describe('a runner of two projections on PostgreSQL whose second build cannot be loaded', () => {
  it('fails its run to live with that error and holds no writer afterwards', async () => {
    const url = storeUrl('postgres', folder, 'prepare_fails');
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    try {
      const counting = defineProjection({ name: 'counting', version: 1, description: 'counts events', collections: ['totals'], on: {} });
      // A build of 'shrunk' v1 holding a collection the code's v1 no longer declares: loading it throws.
      const shrunk = defineProjection({ name: 'shrunk', version: 1, description: 'lost a collection', collections: ['kept'], on: {} });
      const stale = await readModels.createBuild('shrunk', 1);
      const staleWriter = (await readModels.tryWriter(stale.buildId))!;
      await staleWriter.commit([{ collection: 'dropped', key: 'k', json: '{}' }], { commit: 1, prepare: 1 }, 1);
      await staleWriter.activate();
      await staleWriter.release();

      await expect(new ProjectionRunner([counting, shrunk], store, readModels).runToLive()).rejects.toThrow(/no collection "dropped"/);
      // Both builds' writers were let go: another instance takes each at once.
      const builds = [...(await readModels.builds('counting')), ...(await readModels.builds('shrunk'))];
      expect(builds.map((build) => build.projection).sort()).toEqual(['counting', 'shrunk']);
      for (const build of builds) {
        const writer = await readModels.tryWriter(build.buildId);
        expect(writer).toBeDefined();
        await writer!.release();
      }
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});
