/**
 * Statistics for the benchmark: percentiles, latency summaries, recall and rates. Pure functions,
 * tested in tests/bench.
 */

/** Latency of one measured operation, milliseconds. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/**
 * The p-th percentile (0..100) of `values` by linear interpolation between closest ranks (the
 * method NumPy and most spreadsheets use by default). NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export function summarize(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN, min: NaN, max: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    mean: sum / values.length,
    min,
    max,
  };
}

/**
 * Recall@k of an approximate result against the exact one: the share of the exact top k that the
 * approximate top k found. When the exact list is shorter than k (a narrow filter), only what
 * exists can be found, so the denominator is the exact list's length; an empty exact list is 1.
 */
export function recallAtK(approximate: readonly number[], exact: readonly number[], k: number): number {
  const truth = exact.slice(0, k);
  if (truth.length === 0) return 1;
  const found = new Set(approximate.slice(0, k));
  let hits = 0;
  for (const id of truth) if (found.has(id)) hits++;
  return hits / truth.length;
}

/**
 * Recall@k counting ties as found (the ann-benchmarks definition): an approximate result counts
 * when its similarity is within `epsilon` of the exact k-th result's, so that a neighbour exactly
 * as near as one in the exact list (common with near-duplicate documents) is not a miss. Scores
 * are similarities, higher is nearer, both lists best first.
 */
export function recallAtKWithTies(
  approximate: readonly number[],
  exact: readonly number[],
  k: number,
  epsilon = 1e-3,
): number {
  const truth = exact.slice(0, k);
  if (truth.length === 0) return 1;
  const threshold = truth[truth.length - 1]! - epsilon;
  let hits = 0;
  for (const s of approximate.slice(0, k)) if (s >= threshold) hits++;
  return Math.min(1, hits / truth.length);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Items per second; 0 when no time passed (nothing measurable). */
export function rate(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** How many times `a` is of `b` (a / b); NaN when b is not positive. */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : NaN;
}

/** A number for a table: fixed decimals by size, "–" for NaN. */
export function fmt(v: number | undefined, decimals?: number): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return '∞';
  const d = decimals ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  return v.toFixed(d);
}
