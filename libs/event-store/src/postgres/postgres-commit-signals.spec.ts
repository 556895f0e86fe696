/**
 * The commit signals on a real PostgreSQL: a store's NOTIFY wakes the subscribers of other stores (other
 * processes), and not its own, which its commit woke already.
 */
import pg from 'pg';
import { testDatabaseUrl } from '../../../../test/support/postgres';
import { eventually } from '../../../../test/support/eventually';
import { WakeSignal } from '../wake-signal';
import { CommitNotifier, Listener, newOrigin } from './postgres-commit-signals';

describe('PostgreSQL commit signals', () => {
  const channel = `es_signals_spec_${process.pid}`;
  let pool: pg.Pool;
  const listeners: Listener[] = [];

  beforeAll(() => {
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  });

  afterAll(async () => {
    await Promise.all(listeners.map((listener) => listener.close()));
    await pool.end();
  });

  /** A listener with its own signal, once its LISTEN stands (it wakes its signal when it connects). */
  async function listening(origin: string): Promise<WakeSignal> {
    const signal = new WakeSignal();
    listeners.push(new Listener(testDatabaseUrl(), channel, signal, origin));
    await eventually(() => signal.current === 1, { what: 'the listener to connect' });
    return signal;
  }

  it("wakes another store's subscribers and passes over its own", async () => {
    const sender = newOrigin();
    const own = await listening(sender);
    const other = await listening(newOrigin());
    const notifier = new CommitNotifier(pool, channel, sender);

    notifier.committed();
    await notifier.drain();
    await eventually(() => other.current === 2, { what: "the other store's listener to be woken" });
    // The other listener heard it; the sender's own, on the same server, had it as well and let it pass.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(own.current).toBe(1);
    // And a second NOTIFY of the sender's still passes it over, while the other listener hears it again.
    notifier.committed();
    await notifier.drain();
    await eventually(() => other.current === 3, { what: "the other store's listener to be woken again" });
    expect(own.current).toBe(1);
  });

  it('wakes every store on a NOTIFY without an origin (a process of an earlier version)', async () => {
    const first = await listening(newOrigin());
    const second = await listening(newOrigin());

    await pool.query(`NOTIFY "${channel}"`);
    await eventually(() => first.current === 2 && second.current === 2, { what: 'both listeners to be woken', state: () => [first.current, second.current] });
  });

  it('refuses an origin that is not hex, which would not be safe inside the NOTIFY', () => {
    expect(() => new CommitNotifier(pool, channel, "x'; DROP TABLE es_events; --")).toThrow(/origin must be 8 to 64 lower-case hex digits/);
    expect(newOrigin()).toMatch(/^[0-9a-f]{16}$/);
    expect(newOrigin()).not.toBe(newOrigin());
  });
});
