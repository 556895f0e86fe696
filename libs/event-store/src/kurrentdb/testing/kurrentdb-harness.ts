/**
 * The conformance harness for KurrentDB, on whatever server `storage()` gives: a real one (npm run test:kurrentdb) or
 * the in-memory model. Every store of the suite is a namespace of its own on that server (a new, empty store, as the
 * suite wants, without a server per test); a second instance is another client on the same namespace.
 */
import { randomUUID } from 'node:crypto';
import type { ConformanceHarness, StoreGuarantees } from '../../conformance/conformance-harness';
import type { EventStore } from '../../event-store.port';
import type { KurrentDbClient } from '../kurrentdb-client';
import { KurrentDbEventStore } from '../kurrentdb-event-store';
import { readSchemaRecord, recordSchemaVersion } from '../kurrentdb-schema';
import { interruptAppends } from './interrupted-client';

/** A KurrentDB to run stores on: a client for each store instance, all on the same server. */
export interface KurrentDbStorage {
  readonly connectionString: string;
  connect(): Promise<KurrentDbClient>;
}

/** What every KurrentDB store states (see StoreGuarantees): the server's limit comes from the server at hand. */
export function kurrentDbGuarantees(serverMaxAppendBytes?: number): StoreGuarantees {
  return {
    appendManyAtomic: false,
    eventIdsUniqueAcrossStreams: false,
    oneRecordedAtPerAppend: false,
    openWriters: 'none',
    ...(serverMaxAppendBytes === undefined ? {} : { serverMaxAppendBytes }),
  };
}

export function kurrentDbHarness(name: string, guarantees: StoreGuarantees, storage: () => Promise<KurrentDbStorage>): ConformanceHarness {
  const opened = new WeakMap<EventStore, { storage: KurrentDbStorage; namespace: string }>();
  const open = async (on: KurrentDbStorage, namespace: string, client?: KurrentDbClient): Promise<EventStore> => {
    const store = await KurrentDbEventStore.open({ connectionString: on.connectionString, namespace, client: client ?? (await on.connect()) });
    opened.set(store, { storage: on, namespace });
    return store;
  };
  const of = (store: EventStore): { storage: KurrentDbStorage; namespace: string } => {
    const found = opened.get(store);
    if (!found) throw new Error('not a store opened by this harness');
    return found;
  };
  return {
    name,
    guarantees,
    openStore: async () => open(await storage(), `conformance-${randomUUID().slice(0, 8)}/`),
    openSecondInstance: (store) => open(of(store).storage, of(store).namespace),
    openInterruptedInstance: async (store, appendsBeforeFailure) => {
      const { storage: on, namespace } = of(store);
      return open(on, namespace, interruptAppends(await on.connect(), appendsBeforeFailure));
    },
    async recordSchemaVersion(store, version) {
      const { storage: on, namespace } = of(store);
      const client = await on.connect();
      try {
        await recordSchemaVersion(client, namespace, version, await readSchemaRecord(client, namespace));
      } finally {
        await client.dispose();
      }
    },
  };
}
