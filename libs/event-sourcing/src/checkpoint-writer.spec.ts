import type { GlobalPosition } from '#libs/event-store';
import { CheckpointWriter } from './checkpoint-writer';

const at = (n: number): GlobalPosition => ({ commit: n, prepare: n });

/** A checkpoint table whose saves the test answers one by one. */
function heldTable() {
  const saves: Array<{ position: GlobalPosition; settle: (error?: Error) => void }> = [];
  return {
    saves,
    table: {
      save: (_name: string, position: GlobalPosition) =>
        new Promise<void>((resolve, reject) => saves.push({ position, settle: (error) => (error ? reject(error) : resolve()) })),
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('CheckpointWriter', () => {
  let clock = 0;
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    clock = 1_000;
  });
  afterEach(() => jest.useRealTimers());

  it('saves the first position at once, then only the newest one, one save at a time and at most every interval', async () => {
    const { saves, table } = heldTable();
    const writer = new CheckpointWriter(table, 'pm', 100, () => clock);
    writer.handled(at(1));
    expect(saves.map((save) => save.position)).toEqual([at(1)]);
    writer.handled(at(2));
    writer.handled(at(3));
    expect(saves).toHaveLength(1);
    saves[0]!.settle();
    await turn();
    // The interval since the first save has not passed: the newest position waits for it.
    expect(saves).toHaveLength(1);
    clock += 100;
    jest.advanceTimersByTime(100);
    expect(saves.map((save) => save.position)).toEqual([at(1), at(3)]);
  });

  it('saves what is pending on flush and waits for it', async () => {
    const { saves, table } = heldTable();
    const writer = new CheckpointWriter(table, 'pm', 100, () => clock);
    writer.handled(at(1));
    writer.handled(at(2));
    let flushed = false;
    const flushing = writer.flush().then(() => (flushed = true));
    saves[0]!.settle();
    await turn();
    expect(saves.map((save) => save.position)).toEqual([at(1), at(2)]);
    expect(flushed).toBe(false);
    saves[1]!.settle();
    await flushing;
    expect(flushed).toBe(true);
    // Nothing pending: a second flush saves nothing.
    await writer.flush();
    expect(saves).toHaveLength(2);
  });

  it('throws a failed save at the next event handled, then saves again from there', async () => {
    const { saves, table } = heldTable();
    const writer = new CheckpointWriter(table, 'pm', 100, () => clock);
    writer.handled(at(1));
    saves[0]!.settle(new Error('connection terminated'));
    await turn();
    expect(() => writer.handled(at(2))).toThrow('connection terminated');
    // The failure is reported once; what the manager hands over after its restart is saved.
    clock += 100;
    writer.handled(at(1));
    expect(saves.map((save) => save.position)).toEqual([at(1), at(1)]);
  });

  it('throws a failed save at flush once, and drops what was pending with it', async () => {
    const { saves, table } = heldTable();
    const writer = new CheckpointWriter(table, 'pm', 100, () => clock);
    writer.handled(at(1));
    writer.handled(at(2));
    saves[0]!.settle(new Error('disk I/O error'));
    await expect(writer.flush()).rejects.toThrow('disk I/O error');
    // Nothing pending and no failure left: the manager restarts from the checkpoint saved before.
    await writer.flush();
    clock += 1_000;
    jest.advanceTimersByTime(1_000);
    expect(saves.map((save) => save.position)).toEqual([at(1)]);
  });
});
