/**
 * KurrentDB's own positions and revisions (bigint on the wire) as the port's numbers. A position is the byte offset
 * of a record in the server's transaction log: 2^53 bytes (8 PiB) is far away, but a store past it must stop rather
 * than hand out rounded positions, which would make checkpoints skip or repeat events.
 */
import type { Position } from '@kurrent/kurrentdb-client';
import { IncompatibleEventStoreError } from '../event-store.errors';
import type { GlobalPosition } from '../global-position';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function toGlobalPosition(position: Position): GlobalPosition {
  return { commit: safeNumber(position.commit, 'commit position'), prepare: safeNumber(position.prepare, 'prepare position') };
}

export function toClientPosition(position: GlobalPosition): Position {
  return { commit: BigInt(position.commit), prepare: BigInt(position.prepare) };
}

/** An event's revision in its stream. */
export function toRevision(revision: bigint): number {
  return safeNumber(revision, 'stream revision');
}

function safeNumber(value: bigint, what: string): number {
  if (value < 0n || value > MAX_SAFE) {
    throw new IncompatibleEventStoreError(
      `KurrentDB returned a ${what} of ${value}, outside what this build keeps exactly (0 to ${Number.MAX_SAFE_INTEGER}); ` +
        'positions and revisions are JavaScript numbers in Sales-ops, and a rounded one would make readers skip or repeat events',
    );
  }
  return Number(value);
}
