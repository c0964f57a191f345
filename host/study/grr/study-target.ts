import type { Limits, ResolvedPlan } from '../../plans/resolved-plan.js';
import type { Outcome, TestRecord } from '../../runner/test-record.js';

/** The one measured quantity a gauge study looks at: a measurement of a pole step, on one pole. */
export interface StudyTarget {
  stepId: string;
  /** The measurement's name within the step (`drop`, `resistance`, …). */
  measurement: string;
  pole: number;
}

/** The default: the measurement `drop` of the plan's first voltage-drop step, on pole 1. */
export function defaultStepId(plan: ResolvedPlan): string | null {
  return plan.poleSteps.find((s) => s.kind === 'vdrop')?.id ?? null;
}

/** What is wrong with a target for this plan, in words naming the option, the value and what is allowed; null when fine. */
export function targetProblem(plan: ResolvedPlan, target: StudyTarget): string | null {
  const measuring = plan.poleSteps.filter((s) => s.kind !== 'prompt').map((s) => s.id);
  if (!measuring.includes(target.stepId)) {
    return `--step: value "${target.stepId}" is not a measuring pole step of plan ${plan.name}; expected one of ${measuring.join(', ') || '(none)'}`;
  }
  if (!plan.poles.includes(target.pole)) return `--pole: value "${target.pole}" is not a pole plan ${plan.name} tests; expected one of ${plan.poles.join(', ')}`;
  return null;
}

/**
 * The plan each study run executes: the same resolved plan (same name and hash, so records compare with
 * production ones), on the studied pole only and without retests, since one run is one measurement. Every
 * step other than the studied one is skipped with `skipCause` (the records say why).
 */
export function studyRunPlan(plan: ResolvedPlan, target: StudyTarget, skipCause: string): { plan: ResolvedPlan; skipSteps: Map<string, string> } {
  const others = [...plan.unitSteps, ...plan.poleSteps, ...(plan.unitStepsAfter ?? [])].filter((s) => s.id !== target.stepId);
  return {
    plan: { ...plan, poles: [target.pole], options: { ...plan.options, retest: 0 } },
    skipSteps: new Map(others.map((s) => [s.id, skipCause])),
  };
}

/** The studied value in a run's record, or why there is none. */
export type StudiedValue =
  | { ok: true; value: number; unit: string; limits: Omit<Limits, 'unit'>; stepOutcome: Outcome }
  | { ok: false; problem: string };

export function studiedValue(record: TestRecord, target: StudyTarget): StudiedValue {
  const step = record.poles.find((p) => p.pole === target.pole)?.steps.find((s) => s.stepId === target.stepId);
  if (!step) return { ok: false, problem: `the record has no step ${target.stepId} on pole ${target.pole}` };
  const attempt = step.attempts.at(-1);
  const found = attempt?.measurements.find((m) => m.name === target.measurement);
  if (!found) {
    const names = [...new Set(attempt?.measurements.map((m) => m.name) ?? [])];
    const why = step.cause ? ` (${step.outcome}: ${step.cause})` : ` (${step.outcome})`;
    return { ok: false, problem: names.length > 0 ? `--measurement: value "${target.measurement}" is not recorded by step ${target.stepId}; it records ${names.join(', ')}` : `step ${target.stepId} on pole ${target.pole} measured nothing${why}` };
  }
  if (found.value === null) return { ok: false, problem: `${target.measurement} of step ${target.stepId}, pole ${target.pole}: no value (${found.cause ?? step.cause ?? step.outcome})` };
  if (step.outcome === 'ERROR' || step.outcome === 'ABORTED') return { ok: false, problem: `step ${target.stepId} on pole ${target.pole} ended ${step.outcome}: ${step.cause ?? 'no cause recorded'}` };
  return { ok: true, value: found.value, unit: found.unit, limits: found.limits, stepOutcome: step.outcome };
}
