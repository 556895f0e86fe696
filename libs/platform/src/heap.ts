/**
 * How far V8 lets the heap grow past what is live before it collects. A process that holds read models keeps
 * their documents alive (about 150 MB for a million events) and makes much short-lived garbage while it folds
 * events; by its own heuristics V8 then lets the heap reach three to four times the live size before a full
 * collection (over 500 MB of RSS to rebuild a million events). HEAP_GROWING_PERCENT caps that factor at
 * 1 + percent/100: more frequent full collections (cheap here: the live set is small) for a resident size
 * close to what the documents need. 0 leaves V8's own heuristics.
 */
import { setFlagsFromString } from 'node:v8';

export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new Error(`heap growing percent must be an integer ≥ 0, got ${percent}`);
  // Read by V8 each time it sizes the heap after a collection, so it can be set once the process runs.
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
