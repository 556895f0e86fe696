import { IncompatibleEventStoreError } from './event-store.errors';

/** A store last migrated by a newer Sales-ops may hold data this build would misread: refuse it. */
export function refuseNewerSchema(where: string, found: number, known: number): void {
  if (found > known) {
    throw new IncompatibleEventStoreError(
      `the event store at ${where} has schema version ${found}, written by a newer Sales-ops; ` +
        `this build knows versions up to ${known}. Upgrade Sales-ops, or point EVENT_STORE_URL at another store.`,
    );
  }
}
