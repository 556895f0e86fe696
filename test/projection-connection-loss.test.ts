/**
 * A persisted follower (the runner under the roster and lead identities) whose PostgreSQL connections are all
 * ended by the server (pg_terminate_backend: "terminating connection due to administrator command", 57P01, as
 * in a restart) while it follows the store: it reloads once the database answers and follows on — it does not
 * stay `failed` (the chaos test once found the lead identities failed for good after a PostgreSQL restart).
 * On a database of its own, so that ending its connections touches nothing else of the run.
 */
import pg from 'pg';
import { openEventStore } from '#libs/event-store';
import { PersistedFollower, ROSTER_PROJECTION } from '#libs/platform';
import { openReadModelStore } from '#libs/projections';
import { eventually } from './support/eventually';
import { testDatabaseUrl } from './support/postgres';

const metadata = { correlationId: 'c-1', causationId: null, actor: { userId: 'rop-1', role: 'head-of-sales' } };
const joined = (n: number) => ({ type: 'RepJoined', data: { repId: `rep-${n}`, name: `Rep ${n}`, role: 'hunter', capacity: 30 }, metadata });

it('reloads and follows on after the server ended every connection (PostgreSQL)', async () => {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  const database = `conn_loss_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${database}`;
  const store = await openEventStore(url.toString());
  const readModels = await openReadModelStore(url.toString());
  const follower = new PersistedFollower(ROSTER_PROJECTION);
  try {
    await store.append('rep-1', [joined(1)], { expectedRevision: 'no-stream' });
    follower.start(store, readModels);
    await follower.whenCaughtUp();
    for (let round = 0; round < 3; round++) {
      const ended = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
      expect(ended.rowCount).toBeGreaterThan(0);
      const n = round + 2;
      // The store's own pool reconnects; the append may meet a connection the server just ended.
      await eventually(async () => store.append(`rep-${n}`, [joined(n)], { expectedRevision: 'no-stream' }).then(() => true, () => false), { timeoutMs: 10_000, what: 'an append after the connections were ended' });
      await eventually(() => follower.status().state === 'live' && follower.status().eventsRead >= n, {
        timeoutMs: 30_000,
        everyMs: 50,
        what: () => `the follower to read rep-${n} (${JSON.stringify(follower.status())})`,
      });
    }
    expect(follower.status()).toMatchObject({ state: 'live' });
  } finally {
    await follower.stop().catch(() => undefined);
    await readModels.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
}, 90_000);
