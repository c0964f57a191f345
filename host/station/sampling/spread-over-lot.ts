/**
 * Which units of a lot carry a sample of n spread evenly over N units: unit k (1-based) is taken
 * when ⌈k·n/N⌉ steps up from ⌈(k−1)·n/N⌉. That takes exactly n of the N units, about N/n apart,
 * and always unit 1 — so a lot cut short (end of shift) still has its first unit tested, and a
 * bad setup after a changeover shows at once. Spreading rather than taking the first n units is
 * the point: a line drifts over a lot (tool wear, a reel of wire running out), and a sample
 * bunched at the start would not see it.
 */

/** ⌈a/b⌉ for whole a ≥ 0, b > 0, in integers so large lots do not meet rounding. */
function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/** Whether unit `unitInLot` (1 … lotSize) is one of the `sampleSize` units spread over the lot. */
export function isSpreadPick(unitInLot: number, sampleSize: number, lotSize: number): boolean {
  return ceilDiv(unitInLot * sampleSize, lotSize) > ceilDiv((unitInLot - 1) * sampleSize, lotSize);
}

/** The spread units of a lot in order: 1, 11, 21, … 491 for 50 of 500. */
export function spreadPicks(sampleSize: number, lotSize: number): number[] {
  // Unit j·N/n rounded down, plus 1, is where the j-th step of ⌈k·n/N⌉ happens.
  return Array.from({ length: Math.min(sampleSize, lotSize) }, (_, step) => Math.floor((step * lotSize) / sampleSize) + 1);
}

/** The next spread unit after `unitInLot` in the same lot, or undefined when the lot has no more. */
export function nextSpreadPick(unitInLot: number, sampleSize: number, lotSize: number): number | undefined {
  const steps = ceilDiv(unitInLot * sampleSize, lotSize);
  return steps >= sampleSize ? undefined : Math.floor((steps * lotSize) / sampleSize) + 1;
}
