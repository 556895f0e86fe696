import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  it('does not lose a notification that lands between a read and the wait', async () => {
    const signal = new WakeSignal();
    const seen = signal.current;
    signal.notify();
    let woke = false;
    await signal.wait(seen, 3_600_000).then(() => (woke = true));
    expect(woke).toBe(true);
  });

  it('wakes a waiter on notify, and on abort', async () => {
    const signal = new WakeSignal();
    const waiting = signal.wait(signal.current, 3_600_000);
    signal.notify();
    await waiting;
    const abort = new AbortController();
    const aborted = signal.wait(signal.current, 3_600_000, abort.signal);
    abort.abort();
    await aborted;
    expect(signal.current).toBe(1);
  });

  it('gives up waiting after the timeout', async () => {
    const signal = new WakeSignal();
    await signal.wait(signal.current, 5);
    expect(signal.current).toBe(0);
  });
});
