/**
 * Projections that load their documents behind their fold (ProjectionDefinition.loadInBackground: the KPI facts) on
 * real stores. The writer of such a build is live before its documents are loaded; events it folds meanwhile read
 * what they need from the build first; the pages of the load never overwrite what the fold put or deleted since; and
 * once loaded, the documents (in memory and persisted) equal a fresh fold of the whole history. The work queues,
 * which delete documents, are run the same way here to cover deletions. A follower (another instance writes the build)
 * loads every document before it follows, as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ProjectionRunner, kpiFactsProjection, openReadModelStore, workQueuesProjection, type ProjectionDefinition, type ReadModelStore } from '#libs/projections';
import { expectPersistedEqualRebuilt, openStore, persisted, plain, rebuilt, simulatedDays, storeUrl, writeDays, type Kind } from './support/projection-fixtures';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-background-load-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The work queues, loaded behind their fold as the KPI facts are: they delete documents. */
const queuesBehind: ProjectionDefinition = { ...workQueuesProjection, loadInBackground: true };
const PROJECTIONS = [kpiFactsProjection, queuesBehind];

/** The read models, whose pages of documents wait until `open()`: the load is behind the fold for as long as the test likes. */
function gated(readModels: ReadModelStore, onFirstPage: () => void = () => undefined): { readModels: ReadModelStore; open: () => void; pages: () => number } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let pages = 0;
  let asked = false;
  const proxy = new Proxy(readModels, {
    get(target, property, receiver) {
      if (property === 'documentPage') {
        return async (...args: Parameters<ReadModelStore['documentPage']>) => {
          if (!asked) onFirstPage();
          asked = true;
          await gate;
          pages += 1;
          return target.documentPage(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { readModels: proxy, open, pages: () => pages };
}

describe.each<Kind>(['sqlite', 'postgres'])('a writer loading its documents behind its fold on %s', (kind) => {
  it('is live before they are loaded, folds exactly meanwhile, and ends with every document as a fresh fold has it', async () => {
    const url = storeUrl(kind, folder, `behind_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    const days = simulatedDays(21, 75);
    try {
      await writeDays(store, days.slice(0, 45));
      // The first boot: new builds, nothing to load; they are built and persisted.
      await new ProjectionRunner(PROJECTIONS, store, readModels).runToLive();
      const saved = await persisted(readModels, kpiFactsProjection);
      const savedLeads = Object.keys((saved.documents as Record<string, object>)['leads']!).length;
      // Events stored after its checkpoint: deals of old leads won, accounts of old deals, leads handed off (deleted
      // from the queues)…
      await writeDays(store, days.slice(45, 60));

      let firstPageWhen: string | undefined;
      const gate = gated(readModels, () => (firstPageWhen = runner.statusOf(kpiFactsProjection.name).state));
      // Live changes persisted only at the stop (the app waits a second): the pages read the documents the fold
      // deleted meanwhile, as they were persisted.
      const runner = new ProjectionRunner(PROJECTIONS, store, gate.readModels, { backgroundLoadPage: 40, liveCommitDelayMs: 600_000 });
      runner.start();
      await runner.whenLive();
      for (const projection of PROJECTIONS) {
        const status = runner.statusOf(projection.name);
        expect(status).toMatchObject({ role: 'writer', state: 'live', loading: { documentsLoaded: 0 } });
      }
      // In memory: only what the events since the checkpoint read (from the build) or made.
      // The pages start once it is live, not while it catches up (a short catch-up: it probes every event instead).
      expect(firstPageWhen).toBe('live');
      const early = runner.documentsOf(kpiFactsProjection.name)!;
      expect(early.size('leads')).toBeGreaterThan(0);
      expect(early.size('leads')).toBeLessThan(savedLeads / 2);

      // More events while nothing is loaded yet; readers that need every document wait.
      await writeDays(store, days.slice(60));
      const head = await store.headPosition();
      if (head === 'start') throw new Error('the store is empty');
      await runner.whenCaughtUpTo(head);
      let waited = true;
      const loaded = Promise.all(PROJECTIONS.map((projection) => runner.loadedDocumentsOf(projection.name))).finally(() => (waited = false));
      for (let turn = 0; turn < 20; turn++) await nextTurn();
      expect(waited).toBe(true);

      gate.open();
      const [facts, queues] = await loaded;
      expect(gate.pages()).toBeGreaterThan(10);
      expect(plain(facts as never)).toEqual((await rebuilt(store, kpiFactsProjection)).documents);
      expect(plain(queues as never)).toEqual((await rebuilt(store, queuesBehind)).documents);
      for (const projection of PROJECTIONS) expect(runner.statusOf(projection.name).loading).toBeUndefined();
      await runner.stop();
      await expectPersistedEqualRebuilt(store, readModels, PROJECTIONS);
    } finally {
      await readModels.close();
      await store.close();
    }
  }, 60_000);
});

describe.each<Kind>(['sqlite'])('a writer whose catch-up since its checkpoint is long, on %s', (kind) => {
  it('starts loading its documents before it is live (after 2,000 events probed) and ends as a fresh fold', async () => {
    const url = storeUrl(kind, folder, `behind_long_${Math.random().toString(36).slice(2, 8)}`);
    const store = await openStore(url);
    const readModels = await openReadModelStore(url);
    const days = simulatedDays(23, 120);
    try {
      await writeDays(store, days.slice(0, 30));
      await new ProjectionRunner(kpiFactsProjection, store, readModels).runToLive();
      expect(await writeDays(store, days.slice(30))).toBeGreaterThan(4000);
      let firstPageWhen: string | undefined;
      const gate = gated(readModels, () => (firstPageWhen = runner.status().state));
      const runner = new ProjectionRunner(kpiFactsProjection, store, gate.readModels, { backgroundLoadPage: 100 });
      gate.open();
      runner.start();
      await runner.whenLive();
      expect(firstPageWhen).toBe('catching-up');
      expect(plain((await runner.loadedDocumentsOf(kpiFactsProjection.name)) as never)).toEqual((await rebuilt(store, kpiFactsProjection)).documents);
      await runner.stop();
      await expectPersistedEqualRebuilt(store, readModels, [kpiFactsProjection]);
    } finally {
      await readModels.close();
      await store.close();
    }
  }, 60_000);
});

describe('a follower of a build that loads in the background, on PostgreSQL', () => {
  it('loads every document before it follows (another instance writes the build) and equals the writer', async () => {
    const url = storeUrl('postgres', folder, 'behind_follower');
    const store = await openStore(url);
    const readModelsA = await openReadModelStore(url);
    const readModelsB = await openReadModelStore(url);
    const days = simulatedDays(22, 40);
    try {
      await writeDays(store, days.slice(0, 30));
      const writer = new ProjectionRunner(kpiFactsProjection, store, readModelsA, { lockRetryMs: 60_000 });
      writer.start();
      await writer.whenLive();
      await writeDays(store, days.slice(30));
      const follower = new ProjectionRunner(kpiFactsProjection, store, readModelsB, { lockRetryMs: 60_000 });
      follower.start();
      await follower.whenLive();
      expect(follower.status()).toMatchObject({ role: 'follower', state: 'live' });
      expect(follower.status().loading).toBeUndefined();
      const head = await store.headPosition();
      if (head === 'start') throw new Error('the store is empty');
      await Promise.all([writer.whenCaughtUpTo(head), follower.whenCaughtUpTo(head)]);
      const whole = (await rebuilt(store, kpiFactsProjection)).documents;
      expect(plain((await follower.loadedDocumentsOf(kpiFactsProjection.name)) as never)).toEqual(whole);
      expect(plain((await writer.loadedDocumentsOf(kpiFactsProjection.name)) as never)).toEqual(whole);
      await follower.stop();
      await writer.stop();
    } finally {
      await readModelsA.close();
      await readModelsB.close();
      await store.close();
    }
  }, 60_000);
});
