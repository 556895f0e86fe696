/**
 * A projecting process for the crash test: runs every read-side projection against a store until all are
 * caught up and persisted, then exits 0. Killed (SIGKILL) at any moment, it leaves each build as it stood
 * after its last committed batch.
 *   node … projecting-child.ts <store url> <batch size>
 */
import { openEventStore } from '#libs/event-store';
import { PROJECTIONS, ProjectionRunner, openReadModelStore } from '#libs/projections';

async function main(): Promise<void> {
  const [url, batch] = process.argv.slice(2);
  const store = await openEventStore(url!);
  const readModels = await openReadModelStore(url!);
  await new ProjectionRunner(PROJECTIONS, store, readModels, { batchSize: Number(batch) }).runToLive();
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
