import { InvalidEventStoreInputError } from '../event-store.errors';

export function checkCheckpointName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-z][a-z0-9.:-]{0,99}$/.test(name)) {
    throw new InvalidEventStoreInputError('name', 'a checkpoint name is 1 to 100 lower-case letters, digits, . : or -');
  }
  return name;
}
