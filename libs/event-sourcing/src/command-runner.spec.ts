/** The command-running path against a real SQLite store, with a small counter aggregate. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, WrongExpectedRevisionError, type EventStore, type StoredEvent } from '#libs/event-store';
import { CommandRunner, type CommandEnvelope, type CommandObservation, type EventSchemas } from './command-runner';
import type { Decider, DomainEvent } from './decider';
import { given } from './decider-specification';
import { DomainError, ruleBroken } from './domain-errors';

type CounterEvent = DomainEvent<'Incremented', { by: number }>;
type CounterCommand = { type: 'Increment'; by: number; max: number };
interface Counter {
  value: number;
}

const counter: Decider<CounterCommand, CounterEvent, Counter> = {
  initialState: { value: 0 },
  decide(command, state) {
    if (command.by === 0) return [];
    if (state.value + command.by > command.max) throw ruleBroken('over-max', `would pass ${command.max}`, 'by');
    return [{ type: 'Incremented', data: { by: command.by } }];
  },
  evolve: (state, event) => ({ value: state.value + event.data.by }),
};

const schemas: EventSchemas = {
  schemaVersionOf: () => 2,
  check: (event) => {
    if (typeof (event.data as { by?: unknown }).by !== 'number') throw new Error('bad Incremented');
  },
  upcast: (stored) => ({ type: stored.type, data: stored.data }),
};

const envelope: CommandEnvelope = {
  actor: { userId: 'rep-1', role: 'head-of-sales' },
  correlationId: 'req-1',
  causationId: 'cmd-1',
  now: new Date('2026-05-04T10:00:00Z'),
};

describe('counter decider (given / when / then)', () => {
  it('decides and rejects', () => {
    given(counter, [{ type: 'Incremented', data: { by: 2 } }])
      .when({ type: 'Increment', by: 3, max: 10 })
      .then([{ type: 'Incremented', data: { by: 3 } }]);
    given(counter, [{ type: 'Incremented', data: { by: 9 } }])
      .when({ type: 'Increment', by: 3, max: 10 })
      .thenRejects('rule-broken', 'over-max');
  });
});

describe('CommandRunner', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sales-ops-runner-'));
  let store: EventStore;
  let runner: CommandRunner;
  beforeEach(async () => {
    store = await SqliteEventStore.open({ path: join(folder, `${Math.random()}.db`) });
    runner = new CommandRunner(store, schemas);
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('appends what the decider decides, with the envelope as metadata', async () => {
    const result = await runner.run(counter, 'counter-1', { type: 'Increment', by: 4, max: 10 }, envelope);
    expect(result).toEqual({ state: { value: 4 }, revision: 0, events: [{ type: 'Incremented', data: { by: 4 } }], written: true });
    const stored = [];
    for await (const event of store.readStream('counter-1')) stored.push(event);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      type: 'Incremented',
      schemaVersion: 2,
      occurredAt: envelope.now,
      metadata: { correlationId: 'req-1', causationId: 'cmd-1', actor: envelope.actor },
    });
  });

  it('appends nothing when the decider decides nothing, or rejects', async () => {
    await runner.run(counter, 'c', { type: 'Increment', by: 9, max: 10 }, envelope);
    expect(await runner.run(counter, 'c', { type: 'Increment', by: 0, max: 10 }, envelope)).toMatchObject({ written: false, revision: 0 });
    await expect(runner.run(counter, 'c', { type: 'Increment', by: 5, max: 10 }, envelope)).rejects.toBeInstanceOf(DomainError);
    expect((await runner.load(counter, 'c')).revision).toBe(0);
  });

  it('re-runs the command on a concurrent append and keeps every rule', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => runner.run(counter, 'race', { type: 'Increment', by: 1, max: 10 }, envelope, { maxAttempts: 20 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.map((r) => (r.reason as DomainError).code)).toEqual(['over-max', 'over-max']);
    expect(await runner.load(counter, 'race')).toEqual({ state: { value: 10 }, revision: 9 });
  });

  it('fails at once when the stream moved past the revision the client saw', async () => {
    await runner.run(counter, 'm', { type: 'Increment', by: 1, max: 10 }, envelope);
    await runner.run(counter, 'm', { type: 'Increment', by: 1, max: 10 }, envelope);
    await expect(runner.run(counter, 'm', { type: 'Increment', by: 1, max: 10 }, envelope, { expectedRevision: 0 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((await runner.load(counter, 'm')).revision).toBe(1);
  });

  /** The same store, its stream reads counted. */
  function countingReads(): { counted: EventStore; reads: () => number; reset: () => void } {
    let reads = 0;
    const counted = new Proxy(store, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'readStream') reads += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { counted, reads: () => reads, reset: () => (reads = 0) };
  }

  it('decides on a minted id without reading its stream first; a stream that exists after all is read on the next attempt', async () => {
    const counting = countingReads();
    const minting = new CommandRunner(counting.counted, schemas);

    expect(await minting.run(counter, 'counter-new', { type: 'Increment', by: 2, max: 10 }, envelope, { mintedId: true })).toMatchObject({
      state: { value: 2 },
      revision: 0,
      written: true,
    });
    expect(counting.reads()).toBe(0);

    // Two commands given one id: the first attempt's append is refused by the revision check, the next reads the stream and decides on it.
    await runner.run(counter, 'counter-taken', { type: 'Increment', by: 9, max: 10 }, envelope);
    await expect(minting.run(counter, 'counter-taken', { type: 'Increment', by: 3, max: 10 }, envelope, { mintedId: true })).rejects.toMatchObject({ code: 'over-max' });
    expect(counting.reads()).toBe(1);
    expect(await minting.run(counter, 'counter-taken', { type: 'Increment', by: 1, max: 10 }, envelope, { mintedId: true })).toMatchObject({
      state: { value: 10 },
      revision: 1,
      written: true,
    });
    expect(counting.reads()).toBe(2);
    expect((await runner.load(counter, 'counter-taken')).revision).toBe(1);

    // With an idempotency key the id derives from the key: the stream is read (a repeat is answered as the first time).
    counting.reset();
    const keyed = { ...envelope, idempotencyKey: 'minted-key' };
    expect(await minting.run(counter, 'counter-keyed', { type: 'Increment', by: 2, max: 10 }, keyed, { mintedId: true })).toMatchObject({ written: true });
    expect(await minting.run(counter, 'counter-keyed', { type: 'Increment', by: 2, max: 10 }, keyed, { mintedId: true })).toMatchObject({
      written: false,
      revision: 0,
    });
    expect(counting.reads()).toBe(2);
  });

  it('decides on the events the caller saw without reading the stream; a stream that moved since is read on the next attempt', async () => {
    const counting = countingReads();
    const seeing = new CommandRunner(counting.counted, schemas);
    const stored = async (streamId: string): Promise<StoredEvent[]> => {
      const events: StoredEvent[] = [];
      for await (const event of store.readStream(streamId)) events.push(event);
      return events;
    };
    await runner.run(counter, 'seen', { type: 'Increment', by: 2, max: 10 }, envelope);
    const [first] = await stored('seen');

    // What a process manager does with the event it reacts to.
    const keyed = { ...envelope, idempotencyKey: 'caused-by-first' };
    expect(await seeing.run(counter, 'seen', { type: 'Increment', by: 3, max: 10 }, keyed, { seen: [first!] })).toMatchObject({
      state: { value: 5 },
      revision: 1,
      written: true,
    });
    expect(counting.reads()).toBe(0);

    // The same event handled again (a redelivery): the stream moved past what was seen; the repeat is found on reading it.
    expect(await seeing.run(counter, 'seen', { type: 'Increment', by: 3, max: 10 }, keyed, { seen: [first!] })).toMatchObject({
      state: { value: 5 },
      revision: 1,
      written: false,
    });
    expect(counting.reads()).toBeGreaterThanOrEqual(1);
    expect(await stored('seen')).toHaveLength(2);

    // A stale view: decided on value 2 it would pass, but the stream holds 5 and the rule is kept on what it holds.
    counting.reset();
    await expect(seeing.run(counter, 'seen', { type: 'Increment', by: 6, max: 10 }, envelope, { seen: [first!] })).rejects.toMatchObject({ code: 'over-max' });
    expect(counting.reads()).toBe(1);
    expect(await stored('seen')).toHaveLength(2);

    // Not the stream's first events, another stream's, or with the client's If-Match: the stream is read.
    const [, second] = await stored('seen');
    for (const [streamId, options] of [
      ['seen', { seen: [second!] }],
      ['other', { seen: [first!] }],
      ['seen', { seen: [first!, second!], expectedRevision: 0 }],
    ] as const) {
      counting.reset();
      await seeing.run(counter, streamId, { type: 'Increment', by: 1, max: 100 }, envelope, options).catch(() => undefined);
      expect(counting.reads()).toBe(1);
    }
    expect((await stored('seen')).map((event) => event.data)).toEqual([{ by: 2 }, { by: 3 }, { by: 1 }]);
    expect((await stored('other')).map((event) => event.data)).toEqual([{ by: 1 }]);
  });

  it('appends nothing new for a repeated idempotency key', async () => {
    const keyed = { ...envelope, idempotencyKey: 'key-1' };
    const first = await runner.run(counter, 'k', { type: 'Increment', by: 2, max: 10 }, keyed);
    // A redelivery of the same command: the decider decides the same events, with the same ids.
    const repeat = await runner.run(counter, 'k', { type: 'Increment', by: 2, max: 10 }, keyed);
    expect(first).toMatchObject({ written: true, revision: 0 });
    expect(repeat).toMatchObject({ written: false, revision: 0, state: { value: 2 } });
    const ids: string[] = [];
    for await (const event of store.readStream('k')) ids.push(event.eventId);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
  });

  it('answers as the other run when a run with the same key stored other events first (two instances of a process manager)', async () => {
    // Both runs load the empty stream and decide before either appends: the second's append meets the
    // first's events under the same derived ids, with other content.
    let arrived = 0;
    let release!: () => void;
    const bothDecided = new Promise<void>((resolve) => (release = resolve));
    const racing = new Proxy(store, {
      get(target, property) {
        if (property === 'append') {
          return async (...args: Parameters<EventStore['append']>) => {
            if (++arrived === 2) release();
            await bothDecided;
            return target.append(...args);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const keyed = { ...envelope, idempotencyKey: 'key-race' };
    const results = await Promise.all([
      new CommandRunner(racing, schemas).run(counter, 'pm', { type: 'Increment', by: 2, max: 10 }, keyed),
      new CommandRunner(racing, schemas).run(counter, 'pm', { type: 'Increment', by: 3, max: 10 }, { ...keyed, now: new Date('2026-05-04T10:00:01Z') }),
    ]);
    const stored: unknown[] = [];
    for await (const event of store.readStream('pm')) stored.push(event.data);
    expect(stored).toHaveLength(1);
    expect(results.map((result) => result.written).sort()).toEqual([false, true]);
    // The one that lost answers with what the winner stored, not with what it had decided.
    for (const result of results) expect(result).toMatchObject({ revision: 0, events: [{ type: 'Incremented', data: stored[0] }], state: { value: (stored[0] as { by: number }).by } });
  });

  it('answers a repeated key as the first time even when the command would now be refused', async () => {
    const keyed = { ...envelope, idempotencyKey: 'key-2' };
    await runner.run(counter, 'r', { type: 'Increment', by: 9, max: 10 }, keyed);
    // Deciding again would break max (9 + 9 > 10): the repeat is recognised before any decision.
    const repeat = await runner.run(counter, 'r', { type: 'Increment', by: 9, max: 10 }, keyed);
    expect(repeat).toEqual({ state: { value: 9 }, revision: 0, events: [{ type: 'Incremented', data: { by: 9 } }], written: false });
    await expect(runner.run(counter, 'r', { type: 'Increment', by: 9, max: 10 }, { ...envelope, idempotencyKey: 'key-3' })).rejects.toBeInstanceOf(DomainError);
  });

  it('refuses an event its schema does not accept, appending nothing', async () => {
    const broken: typeof counter = { ...counter, decide: () => [{ type: 'Incremented', data: { by: 'x' as unknown as number } }] };
    await expect(runner.run(broken, 'b', { type: 'Increment', by: 1, max: 10 }, envelope)).rejects.toThrow('bad Incremented');
    expect((await runner.load(counter, 'b')).revision).toBe(-1);
  });

  it('tells its observer how each command ended, with the concurrent appends it met', async () => {
    const seen: CommandObservation[] = [];
    const observed = new CommandRunner(store, schemas, (observation) => seen.push(observation));
    const keyed = { ...envelope, idempotencyKey: 'key-o' };
    await observed.run(counter, 'o', { type: 'Increment', by: 2, max: 10 }, keyed);
    await observed.run(counter, 'o', { type: 'Increment', by: 2, max: 10 }, keyed);
    await observed.run(counter, 'o', { type: 'Increment', by: 0, max: 10 }, envelope);
    await expect(observed.run(counter, 'o', { type: 'Increment', by: 20, max: 10 }, envelope)).rejects.toBeInstanceOf(DomainError);
    await expect(observed.run(counter, 'o', { type: 'Increment', by: 1, max: 10 }, envelope, { expectedRevision: 5 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    const broken: typeof counter = { ...counter, decide: () => [{ type: 'Incremented', data: { by: 'x' as unknown as number } }] };
    await expect(observed.run(broken, 'o', { type: 'Increment', by: 1, max: 10 }, envelope)).rejects.toThrow('bad Incremented');
    expect(seen.map(({ command, outcome, events, conflicts }) => ({ command, outcome, events, conflicts }))).toEqual([
      { command: 'Increment', outcome: 'written', events: 1, conflicts: 0 },
      { command: 'Increment', outcome: 'repeat', events: 0, conflicts: 0 },
      { command: 'Increment', outcome: 'unchanged', events: 0, conflicts: 0 },
      { command: 'Increment', outcome: 'refused', events: 0, conflicts: 0 },
      { command: 'Increment', outcome: 'conflict', events: 0, conflicts: 1 },
      { command: 'Increment', outcome: 'failed', events: 0, conflicts: 0 },
    ]);
    for (const observation of seen) expect(observation.seconds).toBeGreaterThanOrEqual(0);

    // Racing writers: every append that lost a race is counted, and each command still ends once.
    seen.length = 0;
    await Promise.allSettled(Array.from({ length: 8 }, () => observed.run(counter, 'race-o', { type: 'Increment', by: 1, max: 100 }, envelope, { maxAttempts: 20 })));
    expect(seen.filter(({ outcome }) => outcome === 'written')).toHaveLength(8);
    expect(seen.reduce((sum, { conflicts }) => sum + conflicts, 0)).toBeGreaterThan(0);
    // A command without a usable type is named `unknown`, never by what it carries; an observer that throws changes nothing.
    const throwing = new CommandRunner(store, schemas, () => {
      throw new Error('observer broke');
    });
    const odd = { ...counter, decide: () => [{ type: 'Incremented' as const, data: { by: 1 } }] } as unknown as Decider<unknown, CounterEvent, Counter>;
    await expect(throwing.run(odd, 'odd', { type: 'lead-1234 Anna' }, envelope)).resolves.toMatchObject({ written: true });
    const named: CommandObservation[] = [];
    await new CommandRunner(store, schemas, (observation) => named.push(observation)).run(odd, 'odd', { type: 'lead-1234 Anna' }, envelope);
    expect(named[0]!.command).toBe('unknown');
  });
});
