/**
 * Random bytes for keys and nonces, drawn from a pool that is refilled from the CSPRNG 4 KiB at a time. Each call
 * into node:crypto's randomBytes costs some microseconds whatever its size; a new lead needs two draws (its key
 * and the nonce that wraps it), so one refill serves about ninety captures. A draw is copied out and its bytes in
 * the pool are zeroed: the pool never keeps a key it handed out.
 */
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

export function randomBytesFromPool(size: number): Buffer {
  if (size > POOL_BYTES) return randomBytes(size);
  if (used + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const drawn = Buffer.alloc(size);
  pool.copy(drawn, 0, used, used + size);
  pool.fill(0, used, used + size);
  used += size;
  return drawn;
}
