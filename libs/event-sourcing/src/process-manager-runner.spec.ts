/** The runner on a real SQLite store and checkpoint table: checkpoints saved behind the work, and on stop. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpointStore, openEventStore, type CheckpointStore, type EventStore, type GlobalPosition, type StoredEvent } from '#libs/event-store';
import { ProcessManagerRunner, type ProcessManager } from './process-manager-runner';
import { eventually } from '../../../test/support/eventually';

const folder = mkdtempSync(join(tmpdir(), 'sales-ops-pm-runner-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const metadata = { correlationId: 'corr-1', causationId: null, actor: { userId: 'lg-ivan', role: 'lead-generator' } };

describe('ProcessManagerRunner', () => {
  let store: EventStore;
  let table: CheckpointStore;
  const log = { warn: () => undefined, error: () => undefined };

  beforeEach(async () => {
    const url = `sqlite:${join(folder, `${Math.random()}.db`)}`;
    store = await openEventStore(url);
    table = await openCheckpointStore(url);
  });
  afterEach(async () => {
    await table.close();
    await store.close();
  });

  it('saves the checkpoint behind the events it handles, fewer times than events, and the last one on stop', async () => {
    for (let n = 0; n < 200; n++) await store.append(`lead-${n}`, [{ type: 'LeadCaptured', data: { n }, metadata }], { expectedRevision: 'no-stream' });
    const handled: StoredEvent[] = [];
    const saved: GlobalPosition[] = [];
    const counting: CheckpointStore = { ...table, load: (name) => table.load(name), save: async (name, position) => { saved.push(position); await table.save(name, position); }, reset: (name) => table.reset(name), close: () => table.close() };
    const manager: ProcessManager = {
      name: 'test.counting',
      eventTypes: ['LeadCaptured'],
      handle: async (event) => {
        handled.push(event);
        // A handler that takes a moment, as one that appends does.
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    };
    const runner = new ProcessManagerRunner(store, counting, [manager], log);
    runner.start();
    await eventually(() => handled.length === 200, { timeoutMs: 10_000, everyMs: 10 });
    await runner.stop();
    const last = handled.at(-1)!.position;
    expect(await table.load(manager.name)).toEqual(last);
    expect(runner.status()[0]).toMatchObject({ state: 'stopped', eventsHandled: 200 });
    // Each event took over a millisecond: saved at most every 100 ms, that is a handful of saves, not 200.
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(50);
    expect(saved.at(-1)).toEqual(last);
  });

  it('resumes after a restart from the saved checkpoint, handling nothing before it again', async () => {
    for (let n = 0; n < 20; n++) await store.append(`lead-${n}`, [{ type: 'LeadCaptured', data: { n }, metadata }], { expectedRevision: 'no-stream' });
    const seen: string[] = [];
    const manager: ProcessManager = { name: 'test.resume', eventTypes: ['LeadCaptured'], handle: async (event) => void seen.push(event.streamId) };
    const first = new ProcessManagerRunner(store, table, [manager], log);
    first.start();
    await eventually(() => seen.length === 20, { timeoutMs: 5_000, everyMs: 5 });
    await first.stop();
    await store.append('lead-20', [{ type: 'LeadCaptured', data: { n: 20 }, metadata }], { expectedRevision: 'no-stream' });
    const second = new ProcessManagerRunner(store, table, [manager], log);
    second.start();
    await eventually(() => seen.length === 21, { timeoutMs: 5_000, everyMs: 5 });
    await second.stop();
    expect(seen.at(-1)).toBe('lead-20');
    expect(new Set(seen).size).toBe(21);
  });

  it('handles a concurrent manager\'s events side by side, never two of one stream, and checkpoints only what every event before was handled to', async () => {
    // 12 leads, and three of them twice (a second event on their stream).
    for (let n = 0; n < 12; n++) await store.append(`lead-${n}`, [{ type: 'LeadCaptured', data: { n }, metadata }], { expectedRevision: 'no-stream' });
    for (const n of [0, 1, 2]) await store.append(`lead-${n}`, [{ type: 'LeadCaptured', data: { n, again: true }, metadata }], { expectedRevision: 0 });
    const running = new Set<string>();
    let most = 0;
    const ended: number[] = [];
    const releases: Array<() => void> = [];
    const manager: ProcessManager = {
      name: 'test.side-by-side',
      eventTypes: ['LeadCaptured'],
      concurrency: 4,
      handle: async (event) => {
        expect(running.has(event.streamId)).toBe(false);
        running.add(event.streamId);
        most = Math.max(most, running.size);
        await new Promise<void>((resolve) => releases.push(resolve));
        running.delete(event.streamId);
        ended.push(Number(event.position.commit));
      },
    };
    const runner = new ProcessManagerRunner(store, table, [manager], log);
    runner.start();
    // Four begin; the last of them ends first: nothing is reported handled, the manager is not live.
    await eventually(() => releases.length === 4, { what: 'four handlings begun' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(releases).toHaveLength(4);
    releases[3]!();
    await eventually(() => ended.length === 1);
    expect(runner.status()[0]).toMatchObject({ eventsHandled: 0, state: 'catching-up', position: null });
    // Every other as it begins, the first held: the others of the first pass end (lead-0's second event waits for
    // its first), and still nothing is reported handled.
    const releaseAllBut = async (held: number, until: number): Promise<void> => {
      await eventually(
        () => {
          releases.forEach((release, index) => index !== held && release());
          return ended.length === until;
        },
        { what: `${until} handlings ended`, state: () => ({ ended, begun: releases.length }) },
      );
    };
    await releaseAllBut(0, 11);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ended).toHaveLength(11);
    expect(runner.status()[0]).toMatchObject({ eventsHandled: 0, state: 'catching-up' });
    await releaseAllBut(-1, 15);
    await eventually(() => runner.status()[0]!.state === 'live', { what: 'the manager live', state: () => runner.status() });
    expect(most).toBe(4);
    expect(runner.status()[0]).toMatchObject({ eventsHandled: 15 });
    await runner.stop();
    let last: GlobalPosition | undefined;
    for await (const event of store.readAll()) last = event.position;
    expect(await table.load(manager.name)).toEqual(last);
  });

  it('restarts a concurrent manager from before an event that failed, not past it, whatever ended after it', async () => {
    for (let n = 0; n < 8; n++) await store.append(`lead-${n}`, [{ type: 'LeadCaptured', data: { n }, metadata }], { expectedRevision: 'no-stream' });
    const attempts = new Map<string, number>();
    const manager: ProcessManager = {
      name: 'test.failing',
      eventTypes: ['LeadCaptured'],
      concurrency: 4,
      handle: async (event) => {
        const attempt = (attempts.get(event.streamId) ?? 0) + 1;
        attempts.set(event.streamId, attempt);
        // lead-2 fails the first time, after lead-3 … lead-5 have ended.
        if (event.streamId === 'lead-2' && attempt === 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          throw new Error('the store went away');
        }
      },
    };
    const errors: string[] = [];
    const runner = new ProcessManagerRunner(store, table, [manager], { warn: () => undefined, error: (message) => errors.push(message) });
    runner.start();
    await eventually(() => runner.status()[0]!.state === 'live' && runner.status()[0]!.eventsHandled === 8, {
      what: 'the manager live after its restart',
      state: () => ({ status: runner.status(), attempts: [...attempts] }),
    });
    await runner.stop();
    expect(errors).toEqual([expect.stringContaining('test.failing stopped (the store went away); resuming from its checkpoint')]);
    // Before its restart it reported lead-0 and lead-1 handled, not lead-3 … lead-7, which had ended behind lead-2;
    // from its checkpoint it handled lead-2 … lead-7 once more (at least once).
    expect(attempts.get('lead-0')).toBe(1);
    expect(attempts.get('lead-1')).toBe(1);
    for (let n = 2; n < 8; n++) expect(attempts.get(`lead-${n}`)).toBe(2);
  });
});
