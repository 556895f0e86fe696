/**
 * How far V8 lets the heap grow past what is live before it collects. Folding events makes much
 * short-lived garbage while the documents stay alive (about 150 MB for a million events), and by its own
 * heuristics V8 then lets the heap reach three to four times the live size between full collections: over
 * 500 MB of RSS to rebuild a million events. The CLI (`replay`, `kpis --as-of`, `export`) caps that factor at
 * 1 + REPLAY_HEAP_GROWING_PERCENT/100 (default 50: about 345 MB for the same rebuild, some 10% slower).
 *
 * The serving apps do not: with a capped factor, V8 falls back to full collections that stop the process for
 * 50–100 ms, which GET /kpis then pays (p99 18 ms → 23–56 ms, measured). An operator who prefers memory to
 * latency starts them with `node --heap-growing-percent=N`.
 */
import { setFlagsFromString } from 'node:v8';

export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new Error(`heap growing percent must be an integer ≥ 0, got ${percent}`);
  // Read by V8 each time it sizes the heap after a collection, so it can be set once the process runs.
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
