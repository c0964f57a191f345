import { createRequire } from 'node:module';

type FCdf = typeof import('@stdlib/stats-base-dists-f-cdf');
let fCdfLoaded: FCdf | undefined;
/** The stdlib F distribution loads with the first study analysed (~0.14 s of start-up no other command needs). */
const fCdf = (x: number, numeratorDf: number, denominatorDf: number): number =>
  (fCdfLoaded ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-f-cdf') as FCdf)(x, numeratorDf, denominatorDf);

/**
 * P(F > f) for an F distribution with (numeratorDf, denominatorDf) degrees of freedom: the p-value of an
 * ANOVA F test. A ratio with a zero denominator is certain evidence when its numerator is not zero (p = 0),
 * and no evidence at all when both are zero (p = 1).
 */
export function fUpperTailP(f: number, numeratorDf: number, denominatorDf: number): number {
  if (Number.isNaN(f)) return 1;
  if (f === Infinity) return 0;
  if (f <= 0) return 1;
  return Math.min(1, Math.max(0, 1 - fCdf(f, numeratorDf, denominatorDf)));
}

/** F = numerator / denominator mean square, with the edge cases fUpperTailP understands (∞, NaN for 0 / 0). */
export function fRatio(numeratorMs: number, denominatorMs: number): number {
  if (denominatorMs > 0) return numeratorMs / denominatorMs;
  return numeratorMs > 0 ? Infinity : NaN;
}
