/**
 * A client (a real one, or the model's) whose connection is lost after a number of appends: the appends before go
 * through, the next one fails as a lost connection does, before anything of it is written. What the conformance
 * suite uses to cut a non-atomic appendMany short part-way.
 */
import type { KurrentDbClient } from '../kurrentdb-client';

export function interruptAppends(client: KurrentDbClient, appendsBeforeFailure: number): KurrentDbClient {
  let left = appendsBeforeFailure;
  return {
    appendToStream: ((...args: Parameters<KurrentDbClient['appendToStream']>) => {
      if (left <= 0) {
        const error = Object.assign(new Error('14 UNAVAILABLE: the connection was lost (test)'), { type: 'unavailable', code: 14 });
        error.name = 'UnavailableError';
        return Promise.reject(error);
      }
      left -= 1;
      return client.appendToStream(...args);
    }) as KurrentDbClient['appendToStream'],
    readStream: client.readStream.bind(client) as KurrentDbClient['readStream'],
    readAll: client.readAll.bind(client),
    subscribeToAll: client.subscribeToAll.bind(client),
    dispose: () => client.dispose(),
  };
}
