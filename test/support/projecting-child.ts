/**
 * A projecting process for the crash test: runs every read-side projection against a store until all are
 * caught up and persisted, then exits 0. Killed (SIGKILL) at any moment, it leaves each build as it stood
 * after its last committed batch.
 *   node … projecting-child.ts <store url> <batch size> [threads]
 * With `threads`, as `replay` runs: the store read on a catch-up thread, SQLite commits on a writer thread.
 */
import { openEventStore } from '#libs/event-store';
import { PROJECTIONS, ProjectionRunner, openReadModelStore } from '#libs/projections';

async function main(): Promise<void> {
  const [url, batch, mode] = process.argv.slice(2);
  const threads = mode === 'threads';
  const store = await openEventStore(url!);
  const readModels = await openReadModelStore(url!, { writerThread: threads });
  await new ProjectionRunner(PROJECTIONS, store, readModels, { batchSize: Number(batch), catchUpThread: threads }).runToLive();
  await readModels.close();
  await store.close();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
