import { SeededRandom } from '../../shared/seeded-random.js';

/**
 * The order a crossed study measures in (AIAG MSA 4th ed.): trial by trial, each operator in turn measures
 * every part, in an order drawn at random for that trial and operator, so that a drift of the rig or of the
 * parts does not line up with a part or an operator. Seeded, so the order is recorded by its seed and can be
 * replayed; the order itself goes into the study file too.
 */

export interface StudyRun {
  /** 1-based position in the study. */
  order: number;
  /** 1-based part, operator and trial numbers. */
  part: number;
  operator: number;
  trial: number;
}

/** Fisher–Yates with the given uniform source. */
function shuffled<T>(items: readonly T[], uniform: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function studyRunOrder(design: { parts: number; operators: number; trials: number; seed: number }): StudyRun[] {
  const random = new SeededRandom(design.seed);
  const uniform = (): number => random.uniform();
  const parts = Array.from({ length: design.parts }, (_, i) => i + 1);
  const runs: StudyRun[] = [];
  for (let trial = 1; trial <= design.trials; trial++) {
    for (let operator = 1; operator <= design.operators; operator++) {
      for (const part of shuffled(parts, uniform)) runs.push({ order: runs.length + 1, part, operator, trial });
    }
  }
  return runs;
}
