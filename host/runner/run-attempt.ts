import type { ResolvedStep } from '../plans/resolved-plan.js';
import { startAttemptTimer } from './attempt-timer.js';
import { isoWithOffset } from './iso-time.js';
import { judgeMeasurement } from './judge.js';
import { errorInterruption } from './steps/alarm-interruption.js';
import { runCheckStandardStep } from './steps/check-standard-step.js';
import { runIsolationStep } from './steps/isolation-step.js';
import { runPullStep } from './steps/pull-step.js';
import type { StepContext, StepResult } from './steps/step-context.js';
import { runTemperatureRiseStep } from './steps/temperature-rise-step.js';
import { runVoltageDropStep } from './steps/vdrop-step.js';
import type { AttemptRecord, MeasurementRecord, PoleVerdictRecord } from './test-record.js';

type MeasuringStep = Exclude<ResolvedStep, { kind: 'prompt' }>;

function measure(step: MeasuringStep, ctx: StepContext): Promise<StepResult> {
  const pole = ctx.pole ?? 0;
  switch (step.kind) {
    case 'isolation':
      return runIsolationStep(step, ctx);
    case 'vdrop':
      return runVoltageDropStep(step, ctx, pole);
    case 'pull':
      return runPullStep(step, ctx, pole);
    case 'temperature-rise':
      return runTemperatureRiseStep(step, ctx, pole);
    case 'check-standard':
      return runCheckStandardStep(step, ctx);
  }
}

/** One try of a measuring step: measure, judge every measurement, and say how it ended. Never throws. */
export async function runAttempt(step: MeasuringStep, ctx: StepContext, attempt: number): Promise<AttemptRecord> {
  const timer = startAttemptTimer(ctx.clock);
  let result: StepResult;
  try {
    result = await measure(step, ctx);
  } catch (error) {
    result = { measurements: [], interruption: errorInterruption(error) };
  }
  // Every step declares its values once its reading is in, and returns at once: that is when they were taken.
  const measuredAt = isoWithOffset(new Date());
  const measurements = result.measurements.map((m) => ({ ...judgeMeasurement(m, ctx.decisionRule), measuredAt }));
  for (const measurement of measurements) {
    ctx.emit({ kind: 'measurement', stepId: step.id, ...(ctx.pole === undefined ? {} : { pole: ctx.pole }), attempt, measurement });
  }
  const failures = unique(measurements.filter((m) => m.verdict === 'FAIL' && !m.condition).map((m) => m.cause ?? m.name));
  // A value measured outside its test conditions says nothing about the DUT: the step could not be carried out as specified.
  const unmet = unique(measurements.filter((m) => m.verdict === 'FAIL' && m.condition).map((m) => `condition not met: ${m.cause ?? m.name}`));
  const interruption = result.interruption ?? (unmet.length > 0 ? { outcome: 'ERROR' as const, cause: unmet.join('; ') } : undefined);
  const outcome = interruption?.outcome ?? (failures.length > 0 ? 'FAIL' : 'PASS');
  const cause = interruption?.cause ?? (failures.length > 0 ? failures.join('; ') : undefined);
  const record: AttemptRecord = {
    attempt,
    ...timer.end(),
    outcome,
    ...(cause === undefined ? {} : { cause }),
    measurements,
    ...result.evidence,
  };
  if (interruption?.alarm) record.alarms = [interruption.alarm];
  if (interruption?.outcome === 'ERROR') record.error = interruption.cause;
  if (interruption?.interruptedBy) record.interruptedBy = interruption.interruptedBy;
  if (interruption?.rigReady) record.rigReady = true;
  if (step.kind === 'isolation') record.poleVerdicts = poleVerdicts(measurements);
  return record;
}

/** Isolation measures every pole at once; group its verdicts by pole for the per-pole table (a pair's value counts for both its poles). */
function poleVerdicts(measurements: readonly MeasurementRecord[]): PoleVerdictRecord[] {
  const polesOf = (m: MeasurementRecord): number[] => (m.pair ? [...m.pair] : m.pole === undefined ? [] : [m.pole]);
  const poles = unique(measurements.flatMap(polesOf)).sort((a, b) => a - b);
  return poles.map((pole) => {
    const causes = unique(measurements.filter((m) => polesOf(m).includes(pole) && m.verdict === 'FAIL').map((m) => m.cause ?? m.name));
    return { pole, verdict: causes.length > 0 ? 'FAIL' : 'PASS', causes };
  });
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
