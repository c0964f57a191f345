import { crossedAnova, AIAG_POOL_ABOVE_P } from './crossed-anova.js';
import { grrFigures, type ToleranceBasis } from './grr-figures.js';
import type { GrrStudyRecord, StudyRunRecord } from './study-record.js';

/** The tolerance a measurement's limits give: their width with both, one limit with one, none without. */
function toleranceFromLimits(limits: { low?: number; high?: number; source: string } | null, unit: string): ToleranceBasis | null {
  if (limits === null) return null;
  const { low, high, source } = limits;
  if (low !== undefined && high !== undefined) return { kind: 'two-sided', width: high - low, source: `limits ${low} to ${high} ${unit} (the plan's: ${source})` };
  if (high !== undefined) return { kind: 'one-sided', limit: high, side: 'upper', source: `upper limit ${high} ${unit} (the plan's)` };
  if (low !== undefined) return { kind: 'one-sided', limit: low, side: 'lower', source: `lower limit ${low} ${unit} (the plan's)` };
  return null;
}

/** values[part][operator][trial] of a study's runs (numbers 1-based in the runs). */
function studyValues(runs: readonly StudyRunRecord[], design: { parts: number; operators: number; trials: number }): number[][][] {
  const values = Array.from({ length: design.parts }, () => Array.from({ length: design.operators }, () => new Array<number>(design.trials).fill(NaN)));
  for (const run of runs) values[run.part - 1]![run.operator - 1]![run.trial - 1] = run.value;
  return values;
}

/** The ANOVA and figures of a finished study; `tolerance` a basis, or limits to take one from. */
export function analyseStudy(
  runs: readonly StudyRunRecord[],
  design: { parts: number; operators: number; trials: number },
  tolerance: ToleranceBasis | GrrStudyRecord['limits'],
  unit: string,
  poolAboveP = AIAG_POOL_ABOVE_P,
): Pick<GrrStudyRecord, 'anova' | 'figures'> {
  const anova = crossedAnova(studyValues(runs, design), poolAboveP);
  const basis = tolerance !== null && 'kind' in tolerance ? tolerance : toleranceFromLimits(tolerance, unit);
  return {
    anova: { full: anova.full, model: anova.model, interactionP: anova.interactionP, interactionPooled: anova.interactionPooled, poolAboveP: anova.poolAboveP, grandMean: anova.grandMean },
    figures: grrFigures(anova, basis),
  };
}
