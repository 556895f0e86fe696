/**
 * Shared by every benchmark in bench/: timing helpers, the result shape, the printed table and the
 * results file (bench/results/<name>.json). A benchmark only reports; it never fails on a slow figure.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** One line of a results file: our code against the baseline it is compared with, both in items per second. */
export interface BenchResult {
  readonly name: string;
  readonly store: string;
  readonly ours_per_s: number;
  readonly baseline_per_s: number;
  /** ours_per_s / baseline_per_s. */
  readonly ratio: number;
}

/** A result with the goal its ratio is held to (printed, not written to the results file). */
export interface BenchLine extends BenchResult {
  readonly goal?: number;
  /** Free text printed after the line, e.g. the spread of the samples. */
  readonly note?: string;
  /** Further figures of the line (latencies, the baselines it was held to), written to the results file. */
  readonly figures?: Readonly<Record<string, number>>;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` once and returns how many items per second it did, `items` being what it did. */
export async function ratePerSecond(items: number, work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return items / seconds;
}

export interface Alternated {
  readonly ours: number[];
  readonly baseline: number[];
}

/**
 * Measures both sides `rounds` times each, alternately and baseline first (baseline, ours, baseline,
 * ours, …), so that drift of the machine (page cache, checkpoints, other load) hits both alike.
 * Each function returns the rate of one round.
 */
export async function alternate(
  rounds: number,
  sides: { readonly baseline: (round: number) => Promise<number>; readonly ours: (round: number) => Promise<number> },
): Promise<Alternated> {
  const result: Alternated = { ours: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    result.baseline.push(await sides.baseline(round));
    result.ours.push(await sides.ours(round));
  }
  return result;
}

/** A line from the medians of alternated samples. */
export function lineFrom(
  name: string,
  store: string,
  samples: Alternated,
  goal?: number,
): BenchLine {
  const ours = median(samples.ours);
  const baseline = median(samples.baseline);
  return {
    name,
    store,
    ours_per_s: Math.round(ours),
    baseline_per_s: Math.round(baseline),
    ratio: Math.round((ours / baseline) * 1000) / 1000,
    goal,
    note: `ours ${spread(samples.ours)}; baseline ${spread(samples.baseline)}`,
  };
}

function spread(samples: readonly number[]): string {
  return `[${samples.map((sample) => formatRate(sample)).join(', ')}]/s`;
}

export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

/** The results as an aligned text table, with the goal and whether it is met when a line has one. */
export function formatTable(lines: readonly BenchLine[]): string {
  const header = ['benchmark', 'store', 'ours/s', 'baseline/s', 'ratio', 'goal', ''];
  const rows = lines.map((line) => [
    line.name,
    line.store,
    formatRate(line.ours_per_s),
    formatRate(line.baseline_per_s),
    line.ratio.toFixed(2),
    line.goal === undefined ? '' : `≥ ${line.goal.toFixed(2)}`,
    line.goal === undefined ? '' : line.ratio >= line.goal ? 'met' : 'UNDER GOAL',
  ]);
  const numeric = [false, false, true, true, true, false, false];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: string[]): string =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const notes = lines.filter((line) => line.note).map((line) => `  ${line.name} (${line.store}): ${line.note}`);
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...rows.map(render), ...(notes.length ? ['', 'samples:', ...notes] : [])].join('\n');
}

/** The repository root: the nearest folder above this file holding package.json (works from src and dist). */
export function repoRoot(from: string = __dirname): string {
  let folder = resolve(from);
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${from}`);
    folder = parent;
  }
  return folder;
}

/** Writes bench/results/<file> as a JSON array of BenchResult and its figures (goal and note left out); returns its path. */
export function writeResults(file: string, lines: readonly BenchLine[]): string {
  const path = join(repoRoot(), 'bench', 'results', file);
  mkdirSync(dirname(path), { recursive: true });
  const results: BenchResult[] = lines.map(({ name, store, ours_per_s, baseline_per_s, ratio, figures }) => ({
    name,
    store,
    ours_per_s,
    baseline_per_s,
    ratio,
    ...figures,
  }));
  // Written aside then renamed, so that a reader never sees half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(temporary, path);
  return path;
}
