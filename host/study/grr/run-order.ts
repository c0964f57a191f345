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

/** mulberry32: small and good enough to shuffle a few dozen runs reproducibly. */
function uniformFrom(seed: number): () => number {
  let state = (Math.imul(seed >>> 0, 0x9e3779b1) ^ 0x6d2b79f5) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  const uniform = uniformFrom(design.seed);
  const parts = Array.from({ length: design.parts }, (_, i) => i + 1);
  const runs: StudyRun[] = [];
  for (let trial = 1; trial <= design.trials; trial++) {
    for (let operator = 1; operator <= design.operators; operator++) {
      for (const part of shuffled(parts, uniform)) runs.push({ order: runs.length + 1, part, operator, trial });
    }
  }
  return runs;
}
