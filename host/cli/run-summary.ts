import type { Outcome, StepRecord, TestRecord } from '../runner/test-record.js';

/** The record in a few lines of JSON (`--json`): what automation needs to route a unit, with the file for the rest. */
export function runSummary(record: TestRecord, file: string | null) {
  const step = (s: StepRecord) => ({ id: s.stepId, outcome: s.outcome, ...(s.cause ? { cause: s.cause } : {}), ...(s.marginal ? { marginal: true } : {}), ...(s.link ? { link: s.link } : {}), ...(s.warnings ? { warnings: s.warnings } : {}) });
  return {
    serial: record.serial,
    outcome: record.outcome,
    ...(record.cause ? { cause: record.cause } : {}),
    plan: record.plan.name,
    ...(record.decisionRule ? { decisionRule: record.decisionRule } : {}),
    rig: record.rig.id,
    // Every output names the calibration it relied on and, when a person overrode an invalid one, says NOT FOR RELEASE.
    ...(record.calibration ? { calibration: record.calibration } : {}),
    ...(record.release ? { forRelease: record.release.forRelease, ...(record.release.reason ? { notForReleaseReason: record.release.reason } : {}) } : {}),
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    ...(record.simDurationMs === undefined ? {} : { simDurationMs: record.simDurationMs }),
    unitSteps: [...record.unitSteps, ...record.unitStepsAfter].map(step),
    poles: record.poles.map((p) => ({ pole: p.pole, outcome: p.outcome, steps: p.steps.map(step) })),
    file,
  };
}

/** 0 PASS, 1 FAIL, 2 anything that is not a verdict on the unit (rig error, abort). */
export function exitCodeFor(outcome: Outcome): number {
  if (outcome === 'PASS') return 0;
  if (outcome === 'FAIL') return 1;
  return 2;
}
