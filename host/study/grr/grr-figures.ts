import type { CrossedAnova } from './crossed-anova.js';

/**
 * The figures of a gauge R&R study from its ANOVA (AIAG MSA 4th ed., ANOVA method): variance components
 * (negative estimates set to 0), each as a standard deviation, its share of the total variation, of the
 * variance, and of the tolerance, the number of distinct categories and the acceptance band.
 *
 * Convention (stated in every result): the study variation is 6 σ, the AIAG 4th edition's (the 3rd edition
 * used 5.15 σ). %GRR of the total variation is 100 · σ_GRR / σ_TV and does not depend on the multiplier. Of a
 * two-sided tolerance: 100 · 6 σ / (USL − LSL); of a one-sided limit: 100 · 3 σ / |limit − grand mean|.
 */

const STUDY_VARIATION_SIGMAS = 6;

/** AIAG MSA 4th ed.: %GRR under 10 % acceptable; 10–30 % may be acceptable by application; over 30 % not. */
const ACCEPTABLE_BELOW_PERCENT = 10;
const UNACCEPTABLE_ABOVE_PERCENT = 30;
/** The measurement system tells at least this many categories of parts apart (AIAG: ndc ≥ 5). */
export const MIN_NDC = 5;
/** AIAG's ndc: ⌊1.41 · PV / GRR⌋ (1.41 ≈ √2). */
const NDC_FACTOR = 1.41;

export type ComponentName = 'repeatability' | 'reproducibility' | 'operator' | 'part×operator' | 'grr' | 'part' | 'total';
export type AcceptanceBand = 'acceptable' | 'conditional' | 'unacceptable';

export interface VarianceComponent {
  name: ComponentName;
  variance: number;
  sd: number;
  /** 6 σ, in the measurement's unit. */
  studyVariation: number;
  /** 100 · σ / σ_TV. */
  percentOfTotalVariation: number;
  /** 100 · σ² / σ²_TV. */
  percentContribution: number;
  /** Share of the tolerance (see the convention above); null without a tolerance. */
  percentOfTolerance: number | null;
}

/** What %tolerance is taken against: a width (two-sided, or given), or one limit and the grand mean. */
export type ToleranceBasis =
  | { kind: 'two-sided'; width: number; source: string }
  | { kind: 'one-sided'; limit: number; side: 'upper' | 'lower'; source: string };

export interface GrrFigures {
  components: VarianceComponent[];
  /** %GRR of the total variation, and its band. */
  percentGrrOfTotalVariation: number;
  bandOfTotalVariation: AcceptanceBand;
  percentGrrOfTolerance: number | null;
  bandOfTolerance: AcceptanceBand | null;
  tolerance: ToleranceBasis | null;
  /** For a one-sided limit: the distance from the grand mean to it, the denominator used. */
  toleranceDenominator: number | null;
  /** ⌊1.41 · PV / GRR⌋; null when GRR is 0 (the gauge saw no variation of its own). */
  ndc: number | null;
  ndcAtLeastMin: boolean;
  studyVariationSigmas: number;
  convention: string;
}

export function acceptanceBand(percent: number): AcceptanceBand {
  if (percent < ACCEPTABLE_BELOW_PERCENT) return 'acceptable';
  return percent <= UNACCEPTABLE_ABOVE_PERCENT ? 'conditional' : 'unacceptable';
}

/** The band in words a quality engineer reads in a report. */
export function bandText(band: AcceptanceBand): string {
  if (band === 'acceptable') return `acceptable (< ${ACCEPTABLE_BELOW_PERCENT} %)`;
  if (band === 'conditional') return `may be acceptable by application (${ACCEPTABLE_BELOW_PERCENT}–${UNACCEPTABLE_ABOVE_PERCENT} %)`;
  return `not acceptable (> ${UNACCEPTABLE_ABOVE_PERCENT} %)`;
}

/** Variances of each component from the model's mean squares (AIAG MSA 4th ed.; metrology.md). */
function varianceComponents(anova: CrossedAnova): Record<ComponentName, number> {
  const { parts: p, operators: o, trials: r, meanSquares: ms } = anova;
  const nonNegative = (x: number): number => Math.max(0, x);
  // Pooled: the additive model, whose error term already holds the interaction.
  const againstMs = ms.interaction ?? ms.repeatability;
  const repeatability = ms.repeatability;
  const interaction = ms.interaction === null ? 0 : nonNegative((ms.interaction - ms.repeatability) / r);
  const operator = nonNegative((ms.operator - againstMs) / (p * r));
  const part = nonNegative((ms.part - againstMs) / (o * r));
  const reproducibility = operator + interaction;
  const grr = repeatability + reproducibility;
  return { repeatability, reproducibility, operator, 'part×operator': interaction, grr, part, total: grr + part };
}

export function grrFigures(anova: CrossedAnova, tolerance: ToleranceBasis | null): GrrFigures {
  const variances = varianceComponents(anova);
  const totalSd = Math.sqrt(variances.total);
  const toleranceDenominator = tolerance === null ? null : tolerance.kind === 'two-sided' ? tolerance.width : Math.abs(tolerance.limit - anova.grandMean);
  const ofTolerance = (sd: number): number | null => {
    if (tolerance === null || toleranceDenominator === null || !(toleranceDenominator > 0)) return null;
    const spread = tolerance.kind === 'two-sided' ? STUDY_VARIATION_SIGMAS * sd : (STUDY_VARIATION_SIGMAS / 2) * sd;
    return (100 * spread) / toleranceDenominator;
  };
  const order: ComponentName[] = ['repeatability', 'reproducibility', 'operator', 'part×operator', 'grr', 'part', 'total'];
  const components = order.map((name): VarianceComponent => {
    const variance = variances[name];
    const sd = Math.sqrt(variance);
    return {
      name,
      variance,
      sd,
      studyVariation: STUDY_VARIATION_SIGMAS * sd,
      percentOfTotalVariation: totalSd > 0 ? (100 * sd) / totalSd : 0,
      percentContribution: variances.total > 0 ? (100 * variance) / variances.total : 0,
      percentOfTolerance: ofTolerance(sd),
    };
  });
  const grr = components.find((c) => c.name === 'grr')!;
  const part = components.find((c) => c.name === 'part')!;
  const ndc = grr.sd > 0 ? Math.floor((NDC_FACTOR * part.sd) / grr.sd) : null;
  return {
    components,
    percentGrrOfTotalVariation: grr.percentOfTotalVariation,
    bandOfTotalVariation: acceptanceBand(grr.percentOfTotalVariation),
    percentGrrOfTolerance: grr.percentOfTolerance,
    bandOfTolerance: grr.percentOfTolerance === null ? null : acceptanceBand(grr.percentOfTolerance),
    tolerance,
    toleranceDenominator,
    ndc,
    ndcAtLeastMin: ndc === null || ndc >= MIN_NDC,
    studyVariationSigmas: STUDY_VARIATION_SIGMAS,
    convention:
      'AIAG MSA 4th ed., ANOVA method: study variation 6 σ; %tolerance = 6 σ / (USL − LSL), or 3 σ / |limit − mean| for one limit; ' +
      `interaction pooled into repeatability when p > ${anova.poolAboveP}; negative variance estimates set to 0; ndc = ⌊1.41 · PV / GRR⌋`,
  };
}
