import type { Outcome } from '../shared/outcome.js';
import type { LinkCounts } from '../link/link-counts.js';
import type { Limits, ResolvedStep } from '../plans/resolved-plan.js';
import type { DecisionRuleRecord, DecisionStatement } from './decision-rule.js';
import type { CalibrationRecord, ReleaseRecord } from './calibration-status.js';
import type { UncertaintyRecord } from './uncertainty/budget.js';

/**
 * One record per unit tested: the single source for every output (run.json, a journal, CSV, reports).
 * Plain JSON-able data only (no Dates, Maps or class instances), so sinks can serialise it as it is.
 */

/** PASS/FAIL/MARGINAL of one measurement; MARGINAL passes but sits close to a limit. */
export type MeasurementVerdict = 'PASS' | 'MARGINAL' | 'FAIL';

export type { Outcome };

export interface MeasurementRecord {
  /** Stable name within the step, e.g. `drop`, `pull-force`, `far-end-terminal`. */
  name: string;
  /** null when nothing could be measured (an open circuit); `cause` then says why. */
  value: number | null;
  unit: string;
  limits: Omit<Limits, 'unit'>;
  verdict: MeasurementVerdict;
  /** Why it failed or is marginal, in words a technician reads on the display; for a value beyond the rig's range, which bound. */
  cause?: string;
  /** The pole it belongs to, for unit-scope steps (isolation) that measure every pole. */
  pole?: number;
  /** The pole pair (a < b) a pair-scoped value belongs to (insulation resistance); both poles share its verdict. */
  pair?: [number, number];
  /**
   * The true value lies beyond the rig's range and `value` is the bound it lies beyond: above (the value is
   * more than `value`) or below (less). Exports name it beside the value.
   */
  beyondRange?: 'above' | 'below';
  /**
   * Present when the value is a test condition (the current that flowed), not a property of the DUT: its
   * limits are the tolerance around `nominal`; a FAIL means "condition not met" and makes the step ERROR.
   */
  condition?: { nominal: number };
  /**
   * When the value was taken, ISO 8601 with the local offset like every time in the record. The runner
   * always sets it; journals written before it did have none, and exports then give the attempt's start.
   */
  measuredAt?: string;
  /** Expanded uncertainty (k = 2) of `value` and the budget it came from (runner/uncertainty/). */
  uncertainty?: UncertaintyRecord;
  /**
   * ILAC-G8 statement about the value against its limits given `uncertainty` (runner/decision-rule.ts), for
   * every judged value (not conditions, not values without limits); without an uncertainty only pass or fail.
   */
  decision?: DecisionStatement;
  /** The limit's tolerance is less than 4 × U: the verdict carries a false-accept risk (never changes it). */
  warning?: string;
}

export interface PullSampleRecord {
  tMs: number;
  posMm: number;
  forceN: number;
}

export interface AlarmRecord {
  code: number;
  name: string;
  text: string;
}

/** Per-pole verdict of a unit-scope step (isolation), so a per-pole table can show which pole failed. */
export interface PoleVerdictRecord {
  pole: number;
  verdict: 'PASS' | 'FAIL';
  causes: string[];
}

/** Why a step stopped without a verdict on the unit: its port closed, or the rig rebooted under it. */
export type LinkInterruptionKind = 'link-lost' | 'rig-reset';

export interface AttemptRecord {
  /** 1 for the first try; retests count on. */
  attempt: number;
  startedAt: string;
  /** Wall time of the attempt (like the record's durationMs). */
  durationMs: number;
  /** On a simulated rig, the attempt's length in the simulator's time; absent on a real rig. */
  simDurationMs?: number;
  outcome: Outcome;
  cause?: string;
  measurements: MeasurementRecord[];
  /** Pull: the force curve; `samplesLost` counts numbered samples that never arrived. */
  samples?: PullSampleRecord[];
  samplesLost?: number;
  /** Pull: the firmware's end result (held, slip, pullout, noload, aborted, alarm). */
  pullResult?: string;
  /** What the attempt could not record on this rig and why (a condition with no sensor, insulation with no meter). */
  notes?: string[];
  /** Temperature rise: readings (seconds since the current went on, °C). */
  temperatures?: Array<{ tS: number; tempC: number }>;
  poleVerdicts?: PoleVerdictRecord[];
  alarms?: AlarmRecord[];
  /** Rig or link failure text, when the outcome is ERROR. */
  error?: string;
  /** The link went away during this attempt; the step runs again when the run is resumed. */
  interruptedBy?: LinkInterruptionKind;
  /** An ERROR that left the rig in its normal state (a pull with nothing in the grip): the run went on. */
  rigReady?: true;
}

export interface StepRecord {
  stepId: string;
  kind: ResolvedStep['kind'];
  title: string;
  optional: boolean;
  /** The last attempt's outcome (retests keep every attempt; the last one decides). */
  outcome: Outcome;
  cause?: string;
  /** A passing step with a measurement close to a limit. */
  marginal: boolean;
  attempts: AttemptRecord[];
  /**
   * What the rig's link went through during the step, every attempt together: retries by reason, damaged
   * lines, duplicate and conflicting replies. Absent for a rig without a line link (Firmata) and for a
   * step that did not run.
   */
  link?: LinkCounts;
  /** The step's last attempt was cut off by a lost link or a rig reboot: not finished, runs again on resume. */
  interruptedBy?: LinkInterruptionKind;
  /** The step's last attempt was an ERROR that left the rig ready: the steps after it ran. */
  rigReady?: true;
  /** Warnings of its last attempt's measurements (tolerance < 4 U), once per measurement name. */
  warnings?: string[];
}

export interface PoleRecord {
  pole: number;
  /** Its own steps and what unit-scope steps (isolation) found on it; derived once, in runner/pole-outcome.ts. */
  outcome: Outcome;
  steps: StepRecord[];
}

export interface TestRecord {
  recordVersion: 1;
  serial: string;
  plan: { name: string; description: string; hash: string; stopOnFirstFail: boolean; retest: number };
  dut: { partNumber: string; poles: number; description: string; illustrative?: string };
  /** Files the plan was resolved from. */
  files?: { plan: string; dut: string };
  conductor: { id: string; crossSectionMm2: number; awg?: number; kind: string; text: string };
  /**
   * `calDate` as the rig gives it (YYYYMMDD, 0 = never calibrated). `calibrationDate` (the same as an ISO date)
   * is only in journals written before `calibration` carried the date; nothing writes it now.
   */
  rig: { id: string; firmwareVersion: string; protocol: string; calDate: number; calibrationDate?: string | null; where: string };
  /** The calibration the run relied on: status, date, due date, checksum, its record. Absent in older journals. */
  calibration?: CalibrationRecord;
  /** forRelease false: the run went on with a calibration that was not valid (--allow-uncalibrated). Absent in older journals. */
  release?: ReleaseRecord;
  operator: string | null;
  station: string | null;
  skipOptional: boolean;
  /** ISO 8601 with the local offset, e.g. 2025-03-01T09:12:44.120+01:00. */
  startedAt: string;
  endedAt: string;
  /** Wall time from startedAt to endedAt. */
  durationMs: number;
  /** On a simulated rig, the run's length in the simulator's time (fast mode runs ahead of the wall clock); absent on a real rig and for a resumed run. */
  simDurationMs?: number;
  unitSteps: StepRecord[];
  poles: PoleRecord[];
  /** Steps run once after all poles (isolation with every conductor in place). */
  unitStepsAfter: StepRecord[];
  /** The decision rule the verdicts follow; absent in journals written before records stated it (simple acceptance). */
  decisionRule?: DecisionRuleRecord;
  /** Worst outcome of every step. */
  outcome: Outcome;
  /** The first failure or interruption in words. */
  cause?: string;
  /** Problems in teardown (the rig could not be made safe cleanly); never change the outcome. */
  teardownErrors: string[];
}
