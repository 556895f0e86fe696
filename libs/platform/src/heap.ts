/**
 * How far V8 lets the heap grow past what is live before it collects. Folding events makes much
 * short-lived garbage while the documents stay alive (about 150 MB for a million events), and by its own
 * heuristics V8 then lets the heap reach three to four times the live size between full collections. The CLI
 * (`replay`, `kpis --as-of`, `export`) caps that factor at 1 + REPLAY_HEAP_GROWING_PERCENT/100 (default 50),
 * trading a little speed for a much smaller peak (bench:projections reports both).
 *
 * The serving apps do not: with a capped factor, V8 falls back to full collections that stop the process for
 * tens of milliseconds, which GET /kpis then pays in its tail latency. An operator who prefers memory to
 * latency starts them with `node --heap-growing-percent=N`.
 */
import { setFlagsFromString } from 'node:v8';

export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new Error(`heap growing percent must be an integer ≥ 0, got ${percent}`);
  // Read by V8 each time it sizes the heap after a collection, so it can be set once the process runs.
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
