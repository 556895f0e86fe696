/**
 * The projection runner on a real store: persisted documents and checkpoint move together, a restart resumes where
 * the last batch ended, a new version is built beside the active one and swapped in, a replay takes over from a
 * running writer. After each, the persisted read model equals a fresh fold of the history. On SQLite and PostgreSQL
 * (test/projection-runner.test.ts) and on KurrentDB with its read models in SQLite (projection-runner.kurrentdb.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { eventually } from './eventually';
import { openStore, persisted, plain, readModelUrlOf, rebuilt, simulatedDays, storeUrl, writeDays, type Kind } from './projection-fixtures';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-projection-runner-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A commit whose checkpoint is not past the build's is refused and writes nothing; a later one writes and deletes. */
export async function expectCommitGuard(readModels: ReadModelStore): Promise<void> {
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

export function describeProjectionRunner(kinds: Kind[]): void {
  describe.each<Kind>(kinds)('the projection runner on %s', (kind) => {
    let store: EventStore;
    let readModels: ReadModelStore;
    const days = simulatedDays(11, 40);

    beforeEach(async () => {
      const name = `runner_${Math.random().toString(36).slice(2, 8)}`;
      const url = storeUrl(kind, folder, name);
      store = await openStore(url);
      readModels = await openReadModelStore(readModelUrlOf(kind, url, folder, name));
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
}
