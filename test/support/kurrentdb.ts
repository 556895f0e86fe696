/**
 * The KurrentDB of a `npm run test:kurrentdb` run (found by kurrentdb-global-setup.ts); fails loudly when there is
 * none. Each store a test opens is a namespace of its own on it: a new, empty store without a server per test.
 */
import { randomUUID } from 'node:crypto';

export function testKurrentDbUrl(): string {
  const url = process.env.SALES_OPS_TEST_KURRENTDB_URL;
  if (!url) throw new Error(process.env.SALES_OPS_TEST_KURRENTDB_ERROR ?? 'no KurrentDB for the tests: run them with `npm run test:kurrentdb`');
  return url;
}

/** EVENT_STORE_URL of a new, empty store on the run's KurrentDB. */
export function freshKurrentDbUrl(prefix = 't'): string {
  const url = testKurrentDbUrl();
  return `${url}${url.includes('?') ? '&' : '?'}namespace=${prefix}-${randomUUID().slice(0, 8)}/`;
}

/** The run's server's MaxAppendSize, where known (KURRENTDB_MAX_APPEND_SIZE, or the container's). */
export function testKurrentDbMaxAppendBytes(): number | undefined {
  const bytes = Number(process.env.SALES_OPS_TEST_KURRENTDB_MAX_APPEND_BYTES);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}
