/** The nearest-rank quantile (q from 0 to 1) of values sorted ascending: the smallest value with at least q of them at or below it; 0 for none. */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
