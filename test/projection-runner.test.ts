/**
 * The projection runner on real stores: persisted documents and checkpoint move together, a restart
 * resumes where the last batch ended, a new version is built beside the active one and swapped in, a
 * replay takes over from a running writer, and on PostgreSQL a second instance takes over the writing
 * when the first goes away. After each, the persisted read model equals a fresh fold of the history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { encodePosition, type EventStore } from '#libs/event-store';
import {
  ProjectionRunner,
  defineProjection,
  kpiFactsProjection,
  openReadModelStore,
  StaleBuildWriterError,
  workQueuesProjection,
  type ReadModelStore,
} from '#libs/projections';
import { freshSchemaName, testDatabaseUrl } from './support/postgres';
import { expectPersistedEqualRebuilt, openStore, persisted, plain, rebuilt, simulatedDays, storeUrl, writeDays, type Kind } from './support/projection-fixtures';
import { eventually } from './support/eventually';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-projections-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A commit whose checkpoint is not past the build's is refused and writes nothing; a later one writes and deletes. */
async function expectCommitGuard(readModels: ReadModelStore): Promise<void> {
  const build = await readModels.createBuild('guard-test', 1);
  const writer = (await readModels.tryWriter(build.buildId))!;
  try {
    await writer.commit([{ collection: 'c', key: 'a', json: '{"n":1}' }], { commit: 10, prepare: 10 }, 1);
    const stale = writer.commit([{ collection: 'c', key: 'a', json: '{"n":2}' }, { collection: 'c', key: 'b', json: '{"n":3}' }], { commit: 5, prepare: 5 }, 2);
    await expect(stale).rejects.toThrow(StaleBuildWriterError);
    const documents: Record<string, unknown> = {};
    const record = await readModels.loadBuild(build.buildId, (_, key, document) => (documents[key] = document));
    expect(documents).toEqual({ a: { n: 1 } });
    expect(record).toMatchObject({ checkpoint: { commit: 10, prepare: 10 }, eventsApplied: 1 });
    // A later checkpoint writes and deletes in the same commit.
    await writer.commit([{ collection: 'c', key: 'a', json: null }, { collection: 'c', key: 'b', json: '{"n":4}' }], { commit: 11, prepare: 1 }, 3);
    const after: Record<string, unknown> = {};
    await readModels.loadBuild(build.buildId, (_, key, document) => (after[key] = document));
    expect(after).toEqual({ b: { n: 4 } });
  } finally {
    await writer.release();
  }
}

describe.each<Kind>(['sqlite', 'postgres'])('the projection runner on %s', (kind) => {
  let store: EventStore;
  let readModels: ReadModelStore;
  const days = simulatedDays(11, 40);

  beforeEach(async () => {
    const url = storeUrl(kind, folder, `runner_${Math.random().toString(36).slice(2, 8)}`);
    store = await openStore(url);
    readModels = await openReadModelStore(url);
  });
  afterEach(async () => {
    await readModels.close();
    await store.close();
  });

  it("refuses a commit whose checkpoint is not past the build's, and writes none of its documents", () => expectCommitGuard(readModels));

  it('persists documents with the checkpoint, resumes after a restart, and equals a rebuild', async () => {
    await writeDays(store, days.slice(0, 20));
    const first = new ProjectionRunner(kpiFactsProjection, store, readModels, { batchSize: 300 });
    const status = await first.runToLive();
    expect(status[0]!.buildStatus).toBe('active');
    const afterFirst = await persisted(readModels, kpiFactsProjection);
    expect(afterFirst.documents).toEqual((await rebuilt(store, kpiFactsProjection)).documents);

    await writeDays(store, days.slice(20));
    const second = new ProjectionRunner(kpiFactsProjection, store, readModels, { batchSize: 300 });
    second.start();
    await second.whenLive();
    const whole = await rebuilt(store, kpiFactsProjection);
    await eventually(async () => (await persisted(readModels, kpiFactsProjection)).eventsApplied === whole.eventsApplied, { what: 'the last batch', timeoutMs: 20_000 });
    expect(plain(second.documents as never)).toEqual(whole.documents);
    await second.stop();
    const afterSecond = await persisted(readModels, kpiFactsProjection);
    expect(afterSecond.buildId).toBe(afterFirst.buildId); // resumed, not rebuilt
    expect(afterSecond.documents).toEqual(whole.documents);
  });

  it('follows live commits, one transaction per commit, and lets readers wait for an event', async () => {
    const runner = new ProjectionRunner(workQueuesProjection, store, readModels);
    runner.start();
    await runner.whenLive();
    for (const batch of days.slice(0, 5)) {
      const results = await store.appendMany(batch);
      await runner.whenCaughtUpTo(results.at(-1)!.position);
    }
    const whole = await rebuilt(store, workQueuesProjection);
    expect(plain(runner.documents as never)).toEqual(whole.documents);
    await eventually(async () => (await persisted(readModels, workQueuesProjection)).eventsApplied === whole.eventsApplied, { what: 'the live batches', timeoutMs: 20_000 });
    expect((await persisted(readModels, workQueuesProjection)).documents).toEqual(whole.documents);
    expect(runner.status()).toMatchObject({ state: 'live', role: 'writer', buildStatus: 'active' });
    await runner.stop();
  });

  it('live, with liveCommitDelayMs, serves each event at once and persists it that much later, and what is pending at a stop', async () => {
    const runner = new ProjectionRunner(workQueuesProjection, store, readModels, { liveCommitDelayMs: 5000 });
    runner.start();
    await runner.whenLive();
    const first = await store.appendMany(days[0]!);
    await runner.whenCaughtUpTo(first.at(-1)!.position);
    // Served at once; persisted five seconds later, in one commit (half a second on, not yet).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runner.status().persistedPosition).toBeNull();
    await eventually(() => runner.status().persistedPosition !== null, { what: 'the delayed commit', timeoutMs: 10_000 });
    expect((await persisted(readModels, workQueuesProjection)).eventsApplied).toBe(runner.status().eventsApplied);
    // What came last is persisted by the stop, not left behind.
    const second = await store.appendMany(days[1]!);
    await runner.whenCaughtUpTo(second.at(-1)!.position);
    await runner.stop();
    const whole = await rebuilt(store, workQueuesProjection);
    expect(await persisted(readModels, workQueuesProjection)).toMatchObject({ documents: whole.documents, eventsApplied: whole.eventsApplied });
  });

  it('persists the events it read while going live, though no event comes after them', async () => {
    await writeDays(store, days.slice(0, 3));
    // The commit that goes live is held until the test lets it go; an event arrives meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const commitHeld = new Promise<void>((resolve) => (holding = resolve));
    let first = true;
    const gated = Object.assign(Object.create(readModels) as ReadModelStore, {
      tryWriter: async (buildId: number) => {
        const writer = await readModels.tryWriter(buildId);
        if (writer === undefined) return undefined;
        return Object.assign(Object.create(writer) as typeof writer, {
          commit: async (...args: Parameters<typeof writer.commit>) => {
            if (first) {
              first = false;
              holding();
              await held;
            }
            return writer.commit(...args);
          },
        });
      },
    });
    const runner = new ProjectionRunner(workQueuesProjection, store, gated);
    runner.start();
    await commitHeld;
    const late = await store.appendMany(days[3]!);
    const lateAt = encodePosition(late.at(-1)!.position);
    await eventually(() => runner.status().position === lateAt, { what: 'the late event read' });
    release();
    await runner.whenLive();
    const whole = await rebuilt(store, workQueuesProjection);
    await eventually(async () => (await persisted(readModels, workQueuesProjection)).eventsApplied === whole.eventsApplied, {
      what: 'the late event persisted',
      state: () => runner.status(),
      timeoutMs: 10_000,
    });
    await runner.stop();
  });

  it('builds a new version beside the active one, serving the old until the new one is caught up', async () => {
    await writeDays(store, days.slice(0, 25));
    const v1 = new ProjectionRunner(workQueuesProjection, store, readModels);
    v1.start();
    await v1.whenLive();
    const v1Build = (await readModels.activeBuild('work-queues'))!;
    const documentsOf = async (buildId: number): Promise<number> => {
      let count = 0;
      await readModels.loadBuild(buildId, () => (count += 1));
      return count;
    };
    expect(await documentsOf(v1Build.buildId)).toBeGreaterThan(0);
    const v2Definition = defineProjection({ ...workQueuesProjection, version: 2 });
    const v2 = new ProjectionRunner(v2Definition, store, readModels, { batchSize: 200 });
    v2.start();
    // While v2 builds, v1 is still the active build and still answers.
    expect(v1.documents).toBeDefined();
    await v2.whenLive();
    const active = (await readModels.activeBuild('work-queues'))!;
    expect(active.version).toBe(2);
    expect(active.buildId).not.toBe(v1Build.buildId);
    const builds = await readModels.builds('work-queues');
    expect(builds.find((b) => b.buildId === v1Build.buildId)?.status).toBe('retired');
    // The retired build's documents are deleted after the activation, a few thousand a transaction.
    await readModels.whenSwept();
    expect(await documentsOf(v1Build.buildId)).toBe(0);
    expect((await persisted(readModels, v2Definition)).documents).toEqual((await rebuilt(store, workQueuesProjection)).documents);
    await v1.stop();
    await v2.stop();
  });

  it('lets a replay build a fresh copy and swap it in under a running writer, which then follows the new build', async () => {
    await writeDays(store, days.slice(0, 15));
    const running = new ProjectionRunner(kpiFactsProjection, store, readModels, { lockRetryMs: 100 });
    running.start();
    await running.whenLive();
    const before = (await readModels.activeBuild('kpi-facts'))!;
    const replay = new ProjectionRunner(kpiFactsProjection, store, readModels, { rebuild: true, batchSize: 500 });
    await replay.runToLive();
    const after = (await readModels.activeBuild('kpi-facts'))!;
    expect(after.buildId).toBeGreaterThan(before.buildId);
    // New events: the running writer's old build is retired, so it reloads the new one and writes there.
    await writeDays(store, days.slice(15, 20));
    const whole = await rebuilt(store, kpiFactsProjection);
    await eventually(async () => (await persisted(readModels, kpiFactsProjection)).eventsApplied === whole.eventsApplied, { what: 'the writer to move to the new build', state: async () => ({ running: running.status(), builds: await readModels.builds('kpi-facts'), expected: whole.eventsApplied }), timeoutMs: 20_000 });
    expect((await persisted(readModels, kpiFactsProjection)).documents).toEqual(whole.documents);
    expect(running.status().buildId).toBe(after.buildId);
    await running.stop();
  });

  it('lets a running writer move to the build a replay swapped in before any new event', async () => {
    await writeDays(store, days.slice(0, 10));
    const running = new ProjectionRunner(kpiFactsProjection, store, readModels, { lockRetryMs: 100 });
    running.start();
    await running.whenLive();
    const before = running.status();
    await new ProjectionRunner(kpiFactsProjection, store, readModels, { rebuild: true }).runToLive();
    const after = (await readModels.activeBuild('kpi-facts'))!;
    expect(after.buildId).not.toBe(before.buildId);
    // No event comes, so no commit is refused: the writer sees the swap when it looks (every lockRetryMs).
    await eventually(() => running.status().buildId === after.buildId && running.status().role === 'writer', { what: 'the writer to move', state: () => running.status(), timeoutMs: 20_000 });
    expect(running.status()).toMatchObject({ state: 'live', buildStatus: 'active', eventsApplied: before.eventsApplied, position: before.position });
    await writeDays(store, days.slice(10, 12));
    const whole = await rebuilt(store, kpiFactsProjection);
    await eventually(async () => (await persisted(readModels, kpiFactsProjection)).eventsApplied === whole.eventsApplied, { what: 'the new events in the new build', timeoutMs: 20_000 });
    expect((await persisted(readModels, kpiFactsProjection)).documents).toEqual(whole.documents);
    await running.stop();
  });
});

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
