/**
 * The part of @kurrent/kurrentdb-client the adapter uses: the client itself satisfies it, and a test can hand the
 * adapter another (an in-memory model, or a real client wrapped to fail on cue).
 */
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { InvalidEventStoreInputError } from '../event-store.errors';

export type KurrentDbClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

/** A client for a connection string (parseKurrentDbUrl's): it connects at its first call. */
export async function connectKurrentDb(connectionString: string): Promise<KurrentDbClient> {
  // Loaded here, not at the top: only a store on KurrentDB loads the client and its native bridge.
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  try {
    return KurrentDBClient.connectionString(connectionString);
  } catch (error) {
    throw new InvalidEventStoreInputError('EVENT_STORE_URL', `is not a connection string the KurrentDB client takes: ${(error as Error).message}`);
  }
}
