/**
 * A subscriber in a process of its own, for crash tests: it records each event it handles and its
 * checkpoint in one SQLite transaction (as a projection does), resumes from that checkpoint when
 * restarted, and exits 0 once it has handled `expected` events. A redelivered event breaks the
 * primary key and exits non-zero.
 *   node --conditions=sales-ops-source -r ./tools/register-ts.cjs checkpointing-subscriber.ts STORE_URL STATE_FILE EXPECTED
 */
import Database from 'better-sqlite3';
import { decodePosition, encodePosition, openEventStore } from '#libs/event-store';

async function main(): Promise<void> {
  const [storeUrl, stateFile, expectedText] = process.argv.slice(2);
  const expected = Number(expectedText);
  const state = new Database(stateFile!);
  state.pragma('journal_mode = WAL');
  state.exec(`CREATE TABLE IF NOT EXISTS handled (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE);
              CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);`);
  const saved = state.prepare('SELECT position FROM checkpoint').get() as { position: string } | undefined;
  const count = () => (state.prepare('SELECT count(*) AS n FROM handled').get() as { n: number }).n;
  const handle = state.transaction((eventId: string, position: string) => {
    state.prepare('INSERT INTO handled (event_id) VALUES (?)').run(eventId);
    state.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position').run(position);
  });

  const store = await openEventStore(storeUrl!);
  if (count() >= expected) process.exit(0);
  const subscription = store.subscribe({ from: saved ? decodePosition(saved.position) : 'start', batchSize: 7 });
  for await (const event of subscription) {
    handle(event.eventId, encodePosition(event.position));
    if (count() >= expected) break;
  }
  await store.close();
  state.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(3);
});
