import { z } from 'zod';
/**
 * An uncertainty budget (GUM, JCGM 100:2008): standard uncertainties of the contributions, each in the
 * measured value's unit (sensitivity coefficient already applied), combined in quadrature and expanded
 * with k = 2 (about 95 % coverage). Every quantity has one budget file beside this one that lists its
 * contributions; this file only holds the arithmetic they share.
 */

/** One line of a budget: where it comes from, Type A (from the samples) or B (from knowledge), u in the value's unit. */
export const Contribution = z.strictObject({
  source: z.string(),
  kind: z.enum(['A', 'B']).describe('Type A: from the readings; Type B: from knowledge (a certificate, a class, a resolution)'),
  standard: z.number().describe("standard uncertainty u in the value's unit"),
});
export type Contribution = z.infer<typeof Contribution>;

/** What the record keeps beside a value: U = k · u_c in the value's unit, and the budget it came from. */
export const UncertaintyRecord = z
  .strictObject({
    expanded: z.number().describe("expanded uncertainty U = k · u_c in the value's unit"),
    k: z.literal(2),
    budget: z.array(Contribution),
  })
  .describe('GUM budget of the value (JCGM 100:2008), combined in quadrature, expanded with k = 2');
export type UncertaintyRecord = z.infer<typeof UncertaintyRecord>;

/** A quantity known only to lie within ± halfWidth (rectangular distribution): u = a / √3. */
export function rectangular(source: string, halfWidth: number): Contribution {
  return { source, kind: 'B', standard: Math.abs(halfWidth) / Math.sqrt(3) };
}

/** A digital resolution step q: u = q / √12. */
export function resolution(source: string, step: number): Contribution {
  return { source, kind: 'B', standard: Math.abs(step) / Math.sqrt(12) };
}

/** A certificate's expanded uncertainty U at coverage factor k: u = U / k. */
export function certificate(source: string, expanded: number, k = 2): Contribution {
  return { source, kind: 'B', standard: Math.abs(expanded) / k };
}

/** Type A from a standard deviation s of n readings reported by the rig: s / √n. */
export function meanOfSpread(source: string, stdDev: number, n: number): Contribution {
  return { source, kind: 'A', standard: Math.abs(stdDev) / Math.sqrt(Math.max(1, n)) };
}

/** Combine in quadrature and expand with k = 2. Null contributions (not available) are left out. */
export function expandedUncertainty(contributions: readonly (Contribution | null)[]): UncertaintyRecord {
  const budget = contributions.filter((c): c is Contribution => c !== null);
  const combined = Math.sqrt(budget.reduce((sum, c) => sum + c.standard ** 2, 0));
  return { expanded: 2 * combined, k: 2, budget };
}
