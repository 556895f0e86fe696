/**
 * Where a subscriber (a process manager, the Kafka relay) keeps the position of the last event it handled,
 * under its own name, in the same database as the events. Saving is idempotent; positions only move on.
 */
import type { ReadAllFrom } from '../event-store.port';
import type { GlobalPosition } from '../global-position';

export interface CheckpointStore {
  /** The saved position, or 'start' for a subscriber that never saved one. */
  load(name: string): Promise<ReadAllFrom>;
  /** Saves `position` unless a later one is saved already (a late, slower save never moves it back). */
  save(name: string, position: GlobalPosition): Promise<void>;
  /** Forgets a checkpoint, so that the subscriber starts again from the beginning. */
  reset(name: string): Promise<void>;
  close(): Promise<void>;
}
