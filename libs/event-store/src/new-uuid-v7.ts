/**
 * UUID v7 ids (events, correlations, causations), made by the uuid package from random bytes drawn from the pool
 * (random-pool.ts): uuid's own draw is a crypto.getRandomValues call per id, about 5 µs here — as much as sealing a
 * field, and a command makes three ids. Like uuid's own v7 they increase within a millisecond: a counter seeded
 * from the random bytes at each new millisecond, the time moved on by one when it wraps.
 */
import { v7 } from 'uuid';
import { randomBytesFromPool } from './random-pool';

let msecs = -Infinity;
let seq = 0;

export function newUuidV7(): string {
  const random = randomBytesFromPool(16);
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs += 1;
  }
  return v7({ random, msecs, seq });
}
