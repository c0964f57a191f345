import type { MeasurementRow, RunRow, SampleRow } from './export-rows.js';
import { isoCalibrationDate } from '../runner/iso-time.js';
import type { MeasurementRecord, Outcome, StepRecord, TestRecord } from '../runner/test-record.js';

/** The calibration date of a record: its calibration's; older journals have rig.calibrationDate, or only the rig's YYYYMMDD. */
function calibrationDateOf(record: TestRecord): string | null {
  if (record.calibration) return record.calibration.date;
  return record.rig.calibrationDate === undefined ? isoCalibrationDate(record.rig.calDate) : record.rig.calibrationDate;
}

/** The flat rows of one test record: its summary row, every measurement and every force sample. */
export interface RecordRows {
  run: RunRow;
  measurements: MeasurementRow[];
  samples: SampleRow[];
}

/** What a measurement's row says of it: name, value and unit, limits, verdict and cause (null where absent). */
export type MeasurementCells = Pick<MeasurementRow, 'name' | 'value' | 'unit' | 'low' | 'high' | 'verdict' | 'cause' | 'uncertainty' | 'decision'>;

export function measurementCells(m: MeasurementRecord): MeasurementCells {
  return {
    name: m.name,
    value: m.value,
    unit: m.unit,
    low: m.limits.low ?? null,
    high: m.limits.high ?? null,
    verdict: m.verdict,
    cause: m.cause ?? null,
    uncertainty: m.uncertainty?.expanded ?? null,
    decision: m.decision ?? null,
  };
}

/** A step and the pole it ran on; null for a unit-scope step (prompt, isolation). */
export interface ScopedStep {
  pole: number | null;
  step: StepRecord;
}

const FAILING: ReadonlySet<Outcome> = new Set<Outcome>(['FAIL', 'ERROR', 'ABORTED']);

/**
 * Flattens a test record into rows. Every attempt counts (retests stay visible in the long export);
 * `complete` false marks a run that was killed or is still going: outcome INCOMPLETE, no end time.
 */
export function rowsFromRecord(record: TestRecord, runId: string, complete = true): RecordRows {
  const steps = stepsInRunOrder(record);
  const measurements: MeasurementRow[] = [];
  const samples: SampleRow[] = [];
  for (const { pole, step } of steps) {
    for (const attempt of step.attempts) {
      for (const m of attempt.measurements) {
        measurements.push({
          runId,
          serial: record.serial,
          plan: record.plan.name,
          rigId: record.rig.id,
          pole: pole ?? m.pole ?? null,
          stepId: step.stepId,
          attempt: attempt.attempt,
          ...measurementCells(m),
          measuredAt: m.measuredAt ?? attempt.startedAt,
          attemptDurationMs: attempt.durationMs,
          attemptSimDurationMs: attempt.simDurationMs ?? null,
        });
      }
      // Force curves come from pulls, and the plan schema only allows pulls among the pole steps.
      if (pole === null) continue;
      for (const s of attempt.samples ?? []) {
        samples.push({ runId, serial: record.serial, pole, stepId: step.stepId, attempt: attempt.attempt, tMs: s.tMs, posMm: s.posMm, forceN: s.forceN });
      }
    }
  }
  const run: RunRow = {
    runId,
    serial: record.serial,
    plan: record.plan.name,
    planHash: record.plan.hash,
    dut: record.dut.partNumber,
    conductor: record.conductor.id,
    rigId: record.rig.id,
    firmwareVersion: record.rig.firmwareVersion,
    protocol: record.rig.protocol,
    calDate: calibrationDateOf(record),
    calDue: record.calibration?.dueDate ?? null,
    forRelease: record.release?.forRelease ?? null,
    operator: record.operator,
    station: record.station,
    startedAt: record.startedAt,
    endedAt: complete ? record.endedAt : null,
    durationMs: complete ? record.durationMs : null,
    simDurationMs: complete ? (record.simDurationMs ?? null) : null,
    outcome: complete ? record.outcome : 'INCOMPLETE',
    cause: record.cause ?? null,
    failingPoles: failingPoles(record).join(' '),
    failingSteps: steps
      .filter(({ step }) => FAILING.has(step.outcome))
      .map(({ pole, step }) => (pole === null ? step.stepId : `pole ${pole} ${step.stepId}`))
      .join('; '),
    measurementCount: measurements.length,
    decisionRule: record.decisionRule?.rule ?? null,
  };
  return { run, measurements, samples };
}

/** Every step of the record in the order it ran, with its pole (null for a unit step). */
export function stepsInRunOrder(record: TestRecord): ScopedStep[] {
  const unit = (step: StepRecord): ScopedStep => ({ pole: null, step });
  return [
    ...record.unitSteps.map(unit),
    ...record.poles.flatMap((p) => p.steps.map((step) => ({ pole: p.pole, step }))),
    ...record.unitStepsAfter.map(unit),
  ];
}

/** Poles whose outcome (the runner's, isolation findings included) is FAIL, ERROR or ABORTED, in ascending order. */
function failingPoles(record: TestRecord): number[] {
  return record.poles.filter((p) => FAILING.has(p.outcome)).map((p) => p.pole).sort((a, b) => a - b);
}
