import { fRatio, fUpperTailP } from './f-distribution.js';

/**
 * Two-way crossed ANOVA with interaction for a gauge study: every part measured by every operator the same
 * number of times. `values[part][operator][trial]`, balanced. Sums of squares by the usual decomposition of
 * the deviations from the grand mean; F tests as for random effects: the interaction against repeatability,
 * parts and operators against the interaction. When the interaction's p-value is above `poolAboveP` (AIAG MSA
 * 4th ed. and Minitab use 0.25 for this), the interaction is pooled into repeatability and the main effects
 * are tested against that pooled error (the reduced, additive model).
 */

export type AnovaSource = 'part' | 'operator' | 'part×operator' | 'repeatability' | 'total';

export interface AnovaRow {
  source: AnovaSource;
  df: number;
  ss: number;
  /** Mean square; absent for the total. */
  ms?: number;
  f?: number;
  p?: number;
}

export interface CrossedAnova {
  parts: number;
  operators: number;
  trials: number;
  grandMean: number;
  /** The full model: part, operator, part×operator, repeatability, total. */
  full: AnovaRow[];
  /** P-value of the part×operator interaction in the full model. */
  interactionP: number;
  /** The interaction's p-value was above this, so it was pooled. */
  poolAboveP: number;
  interactionPooled: boolean;
  /** The model the variance components come from: the full one, or part, operator, repeatability (pooled), total. */
  model: AnovaRow[];
  /** Mean squares of that model; `interaction` is null when pooled. */
  meanSquares: { part: number; operator: number; interaction: number | null; repeatability: number };
}

/** AIAG MSA 4th ed.: pool the interaction into repeatability when its p-value exceeds 0.25. */
export const AIAG_POOL_ABOVE_P = 0.25;

/** Shape of a balanced crossed study, or a message saying what is wrong with it. */
function studyShapeProblem(values: readonly (readonly (readonly number[])[])[]): string | null {
  const parts = values.length;
  const operators = values[0]?.length ?? 0;
  const trials = values[0]?.[0]?.length ?? 0;
  if (parts < 2 || operators < 2 || trials < 2) return `a crossed study needs at least 2 parts, 2 operators and 2 trials (got ${parts} × ${operators} × ${trials})`;
  for (let p = 0; p < parts; p++) {
    const row = values[p] ?? [];
    if (row.length !== operators) return `part ${p + 1} has ${row.length} operators' measurements, part 1 has ${operators}: the study is not balanced`;
    for (let o = 0; o < operators; o++) {
      const cell = row[o] ?? [];
      if (cell.length !== trials) return `part ${p + 1}, operator ${o + 1} has ${cell.length} trials, expected ${trials}: the study is not balanced`;
      const bad = cell.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) return `part ${p + 1}, operator ${o + 1}, trial ${bad + 1}: ${String(cell[bad])} is not a measured value`;
    }
  }
  return null;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function crossedAnova(values: readonly (readonly (readonly number[])[])[], poolAboveP = AIAG_POOL_ABOVE_P): CrossedAnova {
  const problem = studyShapeProblem(values);
  if (problem) throw new RangeError(problem);
  const p = values.length;
  const o = values[0]!.length;
  const r = values[0]![0]!.length;
  const cellMean = values.map((row) => row.map((cell) => mean(cell)));
  const partMean = cellMean.map((row) => mean(row));
  const operatorMean = Array.from({ length: o }, (_, j) => mean(cellMean.map((row) => row[j]!)));
  const grandMean = mean(partMean);

  let ssPart = 0;
  let ssOperator = 0;
  let ssInteraction = 0;
  let ssRepeatability = 0;
  let ssTotal = 0;
  for (let i = 0; i < p; i++) ssPart += o * r * (partMean[i]! - grandMean) ** 2;
  for (let j = 0; j < o; j++) ssOperator += p * r * (operatorMean[j]! - grandMean) ** 2;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < o; j++) {
      const cm = cellMean[i]![j]!;
      ssInteraction += r * (cm - partMean[i]! - operatorMean[j]! + grandMean) ** 2;
      for (const v of values[i]![j]!) {
        ssRepeatability += (v - cm) ** 2;
        ssTotal += (v - grandMean) ** 2;
      }
    }
  }
  const dfPart = p - 1;
  const dfOperator = o - 1;
  const dfInteraction = dfPart * dfOperator;
  const dfRepeatability = p * o * (r - 1);
  const msPart = ssPart / dfPart;
  const msOperator = ssOperator / dfOperator;
  const msInteraction = ssInteraction / dfInteraction;
  const msRepeatability = ssRepeatability / dfRepeatability;

  const fInteraction = fRatio(msInteraction, msRepeatability);
  const interactionP = fUpperTailP(fInteraction, dfInteraction, dfRepeatability);
  const tested = (source: AnovaSource, df: number, ss: number, ms: number, denominatorMs: number, denominatorDf: number): AnovaRow => {
    const f = fRatio(ms, denominatorMs);
    return { source, df, ss, ms, f, p: fUpperTailP(f, df, denominatorDf) };
  };
  const total: AnovaRow = { source: 'total', df: p * o * r - 1, ss: ssTotal };
  const full: AnovaRow[] = [
    tested('part', dfPart, ssPart, msPart, msInteraction, dfInteraction),
    tested('operator', dfOperator, ssOperator, msOperator, msInteraction, dfInteraction),
    { source: 'part×operator', df: dfInteraction, ss: ssInteraction, ms: msInteraction, f: fInteraction, p: interactionP },
    { source: 'repeatability', df: dfRepeatability, ss: ssRepeatability, ms: msRepeatability },
    total,
  ];
  const interactionPooled = interactionP > poolAboveP;
  if (!interactionPooled) {
    return { parts: p, operators: o, trials: r, grandMean, full, interactionP, poolAboveP, interactionPooled, model: full, meanSquares: { part: msPart, operator: msOperator, interaction: msInteraction, repeatability: msRepeatability } };
  }
  const dfPooled = dfInteraction + dfRepeatability;
  const ssPooled = ssInteraction + ssRepeatability;
  const msPooled = ssPooled / dfPooled;
  const model: AnovaRow[] = [
    tested('part', dfPart, ssPart, msPart, msPooled, dfPooled),
    tested('operator', dfOperator, ssOperator, msOperator, msPooled, dfPooled),
    { source: 'repeatability', df: dfPooled, ss: ssPooled, ms: msPooled },
    total,
  ];
  return { parts: p, operators: o, trials: r, grandMean, full, interactionP, poolAboveP, interactionPooled, model, meanSquares: { part: msPart, operator: msOperator, interaction: null, repeatability: msPooled } };
}
