/** The handling window alone: its limit, one stream at a time, completions in the events' order, a failure. */
import type { StoredEvent } from '#libs/event-store';
import { HELD_PER_PLACE, HandlingWindow } from './handling-window';

const event = (streamId: string, commit: number): StoredEvent =>
  ({ streamId, position: { commit, prepare: commit }, eventId: `e-${commit}` }) as unknown as StoredEvent;

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('HandlingWindow', () => {
  it('holds at least one event', () => {
    expect(() => new HandlingWindow(0, { completed: () => undefined, failed: () => undefined })).toThrow(RangeError);
  });

  it('lets `limit` run, none of a stream already running, and reports them done in the order they came', async () => {
    const completed: number[] = [];
    const window = new HandlingWindow(2, { completed: (done) => completed.push(Number(done.position.commit)), failed: () => undefined });
    const [a, b, c] = [deferred(), deferred(), deferred()];
    await window.room('lead-1');
    window.start(event('lead-1', 1), a.promise);
    await window.room('lead-2');
    window.start(event('lead-2', 2), b.promise);
    // Full: the third waits, and a second event of lead-1 would wait for lead-1's first even with a place free.
    let third = false;
    void window.room('lead-3').then(() => (third = true));
    b.resolve();
    await settle();
    expect(third).toBe(true);
    expect(completed).toEqual([]);
    window.start(event('lead-3', 3), c.promise);
    c.resolve();
    await settle();
    let sameStream = false;
    void window.room('lead-1').then(() => (sameStream = true));
    await settle();
    expect(sameStream).toBe(false);
    expect(completed).toEqual([]);
    expect(window.idle).toBe(false);
    a.resolve();
    await settle();
    expect(sameStream).toBe(true);
    expect(completed).toEqual([1, 2, 3]);
    expect(window.idle).toBe(true);
    await window.drain();
  });

  it('takes no more events once HELD_PER_PLACE × limit are held behind one that has not ended, and goes on when it ends', async () => {
    const completed: number[] = [];
    const window = new HandlingWindow(2, { completed: (done) => completed.push(Number(done.position.commit)), failed: () => undefined });
    const slow = deferred();
    await window.room('lead-slow');
    window.start(event('lead-slow', 1), slow.promise);
    const held = 2 * HELD_PER_PLACE;
    for (let n = 2; n <= held; n++) {
      await window.room(`lead-${n}`);
      window.start(event(`lead-${n}`, n), Promise.resolve());
      await settle();
    }
    // One running, the rest done behind it: nothing reported, and no room for another while the slow one runs.
    expect(completed).toEqual([]);
    let more = false;
    void window.room('lead-next').then(() => (more = true));
    await settle();
    expect(more).toBe(false);
    slow.resolve();
    await settle();
    expect(more).toBe(true);
    expect(completed).toEqual(Array.from({ length: held }, (_, index) => index + 1));
    expect(window.idle).toBe(true);
  });

  it('reports nothing past an event that failed, says so at once, and throws it from room() and drain()', async () => {
    const completed: number[] = [];
    const failures: unknown[] = [];
    const window = new HandlingWindow(3, { completed: (done) => completed.push(Number(done.position.commit)), failed: (error) => failures.push(error) });
    const [a, b, c] = [deferred(), deferred(), deferred()];
    window.start(event('lead-1', 1), a.promise);
    window.start(event('lead-2', 2), b.promise);
    window.start(event('lead-3', 3), c.promise);
    a.resolve();
    b.reject(new Error('the store went away'));
    c.resolve();
    await settle();
    expect(completed).toEqual([1]);
    expect(failures).toEqual([new Error('the store went away')]);
    await expect(window.room('lead-4')).rejects.toThrow('the store went away');
    await expect(window.drain()).rejects.toThrow('the store went away');
  });
});
