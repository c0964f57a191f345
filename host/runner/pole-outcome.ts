import { worstOutcome } from './judge.js';
import type { Outcome, PoleRecord, StepRecord } from './test-record.js';

/**
 * A pole's outcome, derived here and nowhere else: the worst of its own steps and of what the unit-scope
 * steps (isolation, before or after the poles) found on it in their deciding attempt. A pole none of whose
 * own steps ran stays SKIPPED unless a unit-scope step found it at fault: isolation finding nothing wrong
 * with a pole that was never tested does not make it pass.
 */
export function poleOutcome(pole: number, ownSteps: readonly StepRecord[], unitScopeSteps: readonly StepRecord[]): Outcome {
  const own = worstOutcome(ownSteps.map((s) => s.outcome));
  const found = unitScopeSteps.map((s) => s.attempts.at(-1)?.poleVerdicts?.find((v) => v.pole === pole)?.verdict ?? 'PASS');
  if (own === 'SKIPPED' && !found.includes('FAIL')) return 'SKIPPED';
  return worstOutcome([own, ...found]);
}

/**
 * Every pole's record with its outcome. Call it once every unit-scope step is recorded (the unit steps
 * after the poles can still find a pole at fault).
 */
export function polesWithOutcomes(poles: ReadonlyArray<Pick<PoleRecord, 'pole' | 'steps'>>, unitScopeSteps: readonly StepRecord[]): PoleRecord[] {
  return poles.map(({ pole, steps }) => ({ pole, outcome: poleOutcome(pole, steps, unitScopeSteps), steps }));
}
