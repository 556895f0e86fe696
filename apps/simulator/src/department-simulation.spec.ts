import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkEventData } from '#libs/contracts';
import { SqliteEventStore, type StoredEvent, type StreamAppend } from '#libs/event-store';
import { DepartmentSimulation, type SimulationOptions, type SimulationSettings } from './department-simulation';
import { SOURCE_ARGS } from '../../../test/support/run-source';

const settings: SimulationSettings = { seed: 7, months: 2, leadsPerDay: 20, keyAccountThreshold: 1_000_000 };
const options: SimulationOptions = { ...settings, start: new Date('2025-01-01T00:00:00.000Z') };
const folder = mkdtempSync(join(tmpdir(), 'sales-ops-simulation-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const batches = (overrides: Partial<SimulationSettings> = {}) => [...new DepartmentSimulation({ ...options, ...overrides }).dayBatches()];
const events = (days: StreamAppend[][]) => days.flatMap((day) => day.flatMap((append) => append.events.map((event) => ({ streamId: append.streamId, ...event }))));

/** A digest of everything that makes a history: streams, ids, types, times, data and metadata, in order. */
function digest(simulation: DepartmentSimulation): { events: number; sha256: string } {
  const hash = createHash('sha256');
  let count = 0;
  for (const day of simulation.dayBatches()) {
    for (const append of day) {
      hash.update(`${append.streamId}|${String(append.expectedRevision)}\n`);
      for (const event of append.events) {
        hash.update(JSON.stringify([event.eventId, event.type, event.schemaVersion, event.occurredAt!.toISOString(), event.data, event.metadata]));
        count++;
      }
    }
  }
  return { events: count, sha256: hash.digest('hex') };
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [...SOURCE_ARGS, 'apps/simulator/src/simulate.cli.ts', ...args], {
    cwd: resolve(__dirname, '../../..'),
    encoding: 'utf8',
  });

describe('the department simulation', () => {
  it('is the same history for the same seed, and another for another seed', () => {
    const first = JSON.stringify(batches());
    expect(JSON.stringify(batches())).toBe(first);
    expect(JSON.stringify(batches({ seed: 8 }))).not.toBe(first);
  });

  it('is the same history, event for event, for the same seed and end date', () => {
    const ending = (end: string, seed = 42) => new DepartmentSimulation({ ...settings, seed, months: 3, end: new Date(end) });
    const first = digest(ending('2026-07-15T00:00:00Z'));
    expect(first.events).toBeGreaterThan(10_000);
    expect(digest(ending('2026-07-15T00:00:00Z'))).toEqual(first);
    // The end is a day: a time within it is the same end.
    expect(digest(ending('2026-07-15T17:45:00Z'))).toEqual(first);
    expect(digest(ending('2026-07-16T00:00:00Z')).sha256).not.toBe(first.sha256);
    expect(digest(ending('2026-07-15T00:00:00Z', 43)).sha256).not.toBe(first.sha256);
  });

  it('ending on a day, holds the months before it and nothing at or after its midnight', () => {
    const simulation = new DepartmentSimulation({ ...settings, months: 3, end: new Date('2026-07-15T00:00:00Z') });
    expect(simulation.start.toISOString()).toBe('2026-04-15T00:00:00.000Z');
    expect(simulation.days).toBe(91);
    const all = events([...simulation.dayBatches()]);
    const times = all.map((event) => event.occurredAt!.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-04-15T00:00:00Z'));
    expect(Math.max(...times)).toBeLessThan(Date.parse('2026-07-15T00:00:00Z'));
    // Its last day is the day before the end.
    expect(new Date(Math.max(...times)).toISOString().slice(0, 10)).toBe('2026-07-14');
  });

  it('hires a hunter on the first of a month when qualified leads waited for one, and gives it plans; nobody while the team copes', () => {
    const busy = events(batches({ seed: 42, leadsPerDay: 45, months: 4 }));
    const joined = (all: typeof busy) => all.filter((event) => event.type === 'RepJoined').map((event) => event.data as { repId: string; role: string; capacity: number });
    const hires = busy.filter((event) => event.type === 'RepJoined' && event.occurredAt!.toISOString() >= '2025-01-02');
    // Qualified leads wait for the six hunters from the second month on: one joins on each first of a month after.
    expect(hires.map((event) => `${(event.data as { repId: string }).repId}@${event.occurredAt!.toISOString().slice(0, 10)}`)).toEqual(['hunter-7@2025-03-01', 'hunter-8@2025-04-01']);
    for (const event of hires) {
      expect(event.metadata!.actor).toEqual({ userId: 'head-of-sales-1', role: 'head-of-sales' });
      expect(event.data).toMatchObject({ role: 'hunter', capacity: 60 });
    }
    // The month's plans, set after the hiring that morning, include the new hunter's.
    const plans = busy.filter((event) => event.type === 'SalesPlanSet').map((event) => (event.data as { planId: string }).planId);
    expect(plans).toEqual(expect.arrayContaining(['rep-hunter-7-2025-03', 'rep-hunter-8-2025-04']));
    expect(plans).not.toContain('rep-hunter-7-2025-02');
    // Every captured lead was assigned to a lead generator (none waits for one).
    const count = (type: string) => busy.filter((event) => event.type === type).length;
    expect(count('LeadCaptured') - count('LeadAssigned')).toBe(0);
    // The same department at 30 leads a day keeps its 25 reps of day one.
    expect(joined(events(batches({ seed: 42, leadsPerDay: 30, months: 4 })))).toHaveLength(25);
    expect(joined(busy)).toHaveLength(27);
  });

  it('sets plans on the first day and on the first of every month, after the hiring, by the head of sales', () => {
    const all = events(batches({ months: 2.5 })).filter((event) => event.type === 'SalesPlanSet');
    const days = [...new Set(all.map((event) => event.occurredAt!.toISOString().slice(0, 10)))];
    expect(days).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    for (const event of all) expect(event.metadata!.actor).toEqual({ userId: 'head-of-sales-1', role: 'head-of-sales' });
    const ids = all.map((event) => (event.data as { planId: string }).planId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['new-business-2025-01', 'rep-hunter-1-2025-01', 'rep-hunter-1-meetings-2025-01', 'rep-lead-generator-6-2025-02']));
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
      for (const type of ['RepJoined', 'LeadCaptured', 'LeadAssigned', 'LeadQualified', 'LeadHandedOff', 'DealOpened', 'MeetingHeld', 'ProposalSent', 'DealWon', 'DealLost', 'AccountOpened', 'SalesPlanSet']) {
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

  it('refuses bad arguments and a store that already holds events, in one line with exit code 2', async () => {
    const months = cli('--months', '0');
    expect(months.status).toBe(2);
    expect(months.stderr).toBe('simulate: --months must be an integer from 1 to 60\n');
    const both = cli('--start', '2025-01-01', '--end', '2026-01-01');
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('simulate: --start and --end cannot be given together: a history starts on a day or ends on one\n');
    const end = cli('--end', '2026-02-30');
    expect(end.status).toBe(2);
    expect(end.stderr).toBe('simulate: --end must be a date such as 2025-01-01 (got "2026-02-30")\n');
    const unknown = cli('--colour');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trimEnd().split('\n')).toHaveLength(1);
    const taken = cli('--store', `sqlite:${join(folder, 'sim.db')}`);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('already holds events');
  }, 60_000);
});
