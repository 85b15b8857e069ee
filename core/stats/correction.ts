/** How p-values of several tests (one per slice) are corrected for testing many at once. */
export type Correction = 'holm' | 'bh';

/**
 * Adjusted p-values, in the input order; `null` entries (untested) stay `null` and do not
 * count as tests.
 *
 * - `holm`: Holm–Bonferroni step-down. Controls the family-wise error rate: the chance that
 *   *any* slice is flagged while none really moved stays under alpha, for any dependence
 *   between the tests, and it is never less powerful than plain Bonferroni.
 * - `bh`: Benjamini–Hochberg step-up. Controls the false discovery rate (the expected share
 *   of flagged slices that did not really move); more permissive with many slices.
 */
export function adjustPValues(
  pValues: ReadonlyArray<number | null>,
  method: Correction,
): Array<number | null> {
  const tested = pValues
    .map((p, index) => ({ p, index }))
    .filter((t): t is { p: number; index: number } => t.p !== null && !Number.isNaN(t.p));
  const m = tested.length;
  const out: Array<number | null> = pValues.map(() => null);
  if (m === 0) return out;
  tested.sort((a, b) => a.p - b.p || a.index - b.index);
  if (method === 'holm') {
    let running = 0;
    tested.forEach((t, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * t.p));
      out[t.index] = running;
    });
  } else {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const t = tested[rank]!;
      running = Math.min(running, Math.min(1, (m / (rank + 1)) * t.p));
      out[t.index] = running;
    }
  }
  return out;
}
