import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { stepKey } from '../runner/run-plan.js';
import type { StepRecord } from '../runner/test-record.js';

/** The first step of the plan not among `finished` (by stepKey), in words: `pole 2 pull check`. */
export function nextStepText(plan: ResolvedPlan, finished: ReadonlyMap<string, StepRecord>): string {
  const order = [
    ...plan.unitSteps.map((s) => ({ key: stepKey('unit', s.id), text: s.title })),
    ...plan.poles.flatMap((pole) => plan.poleSteps.map((s) => ({ key: stepKey('pole', s.id, pole), text: `pole ${pole} ${s.title}` }))),
    ...(plan.unitStepsAfter ?? []).map((s) => ({ key: stepKey('after', s.id), text: s.title })),
  ];
  return order.find((s) => !finished.has(s.key))?.text ?? 'nothing (every step is recorded)';
}
