import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkEventData } from '#libs/contracts';
import { SqliteEventStore, type StoredEvent } from '#libs/event-store';
import { DepartmentSimulation, type SimulationOptions } from './department-simulation';

const options: SimulationOptions = { seed: 7, months: 2, start: new Date('2025-01-01T00:00:00.000Z'), leadsPerDay: 20, keyAccountThreshold: 1_000_000 };
const folder = mkdtempSync(join(tmpdir(), 'sales-ops-simulation-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const batches = (overrides: Partial<SimulationOptions> = {}) => [...new DepartmentSimulation({ ...options, ...overrides }).dayBatches()];

describe('the department simulation', () => {
  it('is the same history for the same seed, and another for another seed', () => {
    const first = JSON.stringify(batches());
    expect(JSON.stringify(batches())).toBe(first);
    expect(JSON.stringify(batches({ seed: 8 }))).not.toBe(first);
  });

  it('writes a valid history through appendMany: every event in the catalogue, every handoff with its cause', async () => {
    const store = await SqliteEventStore.open({ path: join(folder, 'sim.db') });
    try {
      let written = 0;
      for (const batch of batches()) {
        await store.appendMany(batch);
        written += batch.reduce((sum, append) => sum + append.events.length, 0);
      }
      const all: StoredEvent[] = [];
      for await (const event of store.readAll({ batchSize: 5000 })) all.push(event);
      expect(all).toHaveLength(written);
      for (const event of all) expect(() => checkEventData(event.type, event.data)).not.toThrow();
      const byId = new Map(all.map((event) => [event.eventId, event]));
      const types = new Set(all.map((event) => event.type));
      for (const type of ['RepJoined', 'LeadCaptured', 'LeadAssigned', 'LeadQualified', 'LeadHandedOff', 'DealOpened', 'MeetingHeld', 'ProposalSent', 'DealWon', 'DealLost', 'AccountOpened']) {
        expect(types).toContain(type);
      }
      for (const event of all.filter((each) => each.type === 'DealOpened' || each.type === 'AccountOpened')) {
        const cause = byId.get(event.metadata.causationId!);
        expect(cause?.type).toBe(event.type === 'DealOpened' ? 'LeadHandedOff' : 'DealWon');
        expect(cause!.metadata.correlationId).toBe(event.metadata.correlationId);
      }
    } finally {
      await store.close();
    }
  });

  it('refuses bad arguments and a store that already holds events', async () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--conditions=sales-ops-source', '-r', '@swc-node/register', 'apps/simulator/src/simulate.cli.ts', ...args], {
        cwd: resolve(__dirname, '../../..'),
        encoding: 'utf8',
      });
    const months = cli('--months', '0');
    expect(months.status).toBe(2);
    expect(months.stderr).toContain('--months must be an integer from 1 to 60');
    const taken = cli('--store', `sqlite:${join(folder, 'sim.db')}`);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('already holds events');
  }, 30_000);
});
