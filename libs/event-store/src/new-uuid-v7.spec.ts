import { validate, version } from 'uuid';
import { newUuidV7 } from './new-uuid-v7';

describe('newUuidV7', () => {
  it('makes valid, distinct version-7 UUIDs that sort in the order they were made', () => {
    const ids = Array.from({ length: 20_000 }, () => newUuidV7());
    for (const id of ids.slice(0, 100)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Many fall in one millisecond: the counter keeps them in order there too.
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = newUuidV7();
    const msecs = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    // At most a little ahead of the clock (the counter moves the time on only when it wraps).
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });
});
