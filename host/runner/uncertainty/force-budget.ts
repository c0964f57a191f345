import type { ForceChainFigures } from '../../rig/rig-uncertainty.js';
import { certificate, expandedUncertainty, rectangular, resolution, type Contribution, type UncertaintyRecord } from './budget.js';

/** ISO 7500-1 table 2 (metrology.md): relative accuracy error q, repeatability b, zero error f0, in %. */
const CLASS_FIGURES: Record<ForceChainFigures['loadCellClass'], { accuracyPct: number; repeatabilityPct: number; zeroPct: number }> = {
  0.5: { accuracyPct: 0.5, repeatabilityPct: 0.5, zeroPct: 0.05 },
  1: { accuracyPct: 1, repeatabilityPct: 1, zeroPct: 0.1 },
  2: { accuracyPct: 2, repeatabilityPct: 2, zeroPct: 0.2 },
  3: { accuracyPct: 3, repeatabilityPct: 3, zeroPct: 0.3 },
};

/**
 * Budget of one force reading (the peak of a pull, a force during the hold), in N:
 * - the class's accuracy error ±q of the reading (rectangular);
 * - its repeatability b: a range of readings, taken as ±b/2 of the reading (rectangular);
 * - its zero error ±f0 of the capacity (rectangular);
 * - the span weight's certificate (k = 2) and the reading's resolution;
 * - Type A, when the pull had a hold: the standard deviation of the force samples during the hold, which
 *   is the noise of one reading (the peak is one reading, not a mean, so it is not divided by √n).
 */
export function forceBudget(valueN: number, chain: ForceChainFigures, holdSamplesN: readonly number[]): UncertaintyRecord {
  const cls = CLASS_FIGURES[chain.loadCellClass];
  const of = (pct: number): number => (pct / 100) * Math.abs(valueN);
  return expandedUncertainty([
    rectangular(`ISO 7500-1 class ${chain.loadCellClass}: accuracy ± ${cls.accuracyPct} %`, of(cls.accuracyPct)),
    rectangular(`ISO 7500-1 class ${chain.loadCellClass}: repeatability ${cls.repeatabilityPct} %`, of(cls.repeatabilityPct) / 2),
    rectangular(`ISO 7500-1 class ${chain.loadCellClass}: zero error ± ${cls.zeroPct} % of ${chain.capacityN} N`, (cls.zeroPct / 100) * chain.capacityN),
    certificate(`span weight U = ${chain.spanWeightUncertaintyPct} % (k = 2)`, of(chain.spanWeightUncertaintyPct)),
    resolution(`force resolution ${chain.resolutionN} N`, chain.resolutionN),
    singleReadingSpread(holdSamplesN),
  ]);
}

/** Type A of one reading: s of the hold's force samples (null with fewer than two). */
function singleReadingSpread(samplesN: readonly number[]): Contribution | null {
  const n = samplesN.length;
  if (n < 2) return null;
  const mean = samplesN.reduce((sum, x) => sum + x, 0) / n;
  const s = Math.sqrt(samplesN.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1));
  return { source: `force noise: s of ${n} samples during the hold`, kind: 'A', standard: s };
}

/**
 * The force samples of the hold: from the first sample that reached the hold's lowest force to the last one
 * at or above it (the ramp meets the hold band only where the hold begins, the release leaves it at its end).
 */
export function holdSamples(samplesN: readonly number[], holdMinN: number): number[] {
  const first = samplesN.findIndex((f) => f >= holdMinN);
  if (first < 0) return [];
  let last = samplesN.length - 1;
  while (last > first && (samplesN[last] ?? 0) < holdMinN) last--;
  return samplesN.slice(first, last + 1);
}
