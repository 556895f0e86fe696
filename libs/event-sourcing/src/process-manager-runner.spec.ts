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
});
