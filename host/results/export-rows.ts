import type { DecisionRule } from '../plans/resolved-plan.js';
import type { DecisionStatement } from '../runner/decision-rule.js';
import type { MeasurementVerdict, Outcome } from '../runner/test-record.js';

/**
 * The flat rows every results output is made of: CSV exports, the history database and the
 * statistics read and write exactly these shapes. One run (one unit tested once) is identified by
 * its `runId`, a UUID written in the first line of its journal.
 */

/** A run that was killed (or is still going) has no outcome yet: it is INCOMPLETE until resumed. */
export type RunOutcome = Outcome | 'INCOMPLETE';

/** One row per run (the summary export, the `runs` table). Times are ISO 8601 with the station's offset. */
export interface RunRow {
  runId: string;
  serial: string;
  plan: string;
  planHash: string;
  dut: string;
  conductor: string;
  rigId: string;
  firmwareVersion: string;
  protocol: string;
  /** The rig's last calibration, an ISO date (2025-03-01); null when never calibrated. */
  calDate: string | null;
  /** The last day the rig's calibration is valid (calibration date + the rig's interval), an ISO date; null when never calibrated or unknown (older records). */
  calDue: string | null;
  /**
   * false: the run went on with a calibration that was not valid (--allow-uncalibrated) and is NOT FOR RELEASE;
   * null for records from before releases were marked.
   */
  forRelease: boolean | null;
  operator: string | null;
  station: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Wall time from start to end. */
  durationMs: number | null;
  /** The same run in the simulator's time; null on a real rig (and for a resumed or unfinished run). */
  simDurationMs: number | null;
  outcome: RunOutcome;
  cause: string | null;
  /** Poles with a FAIL, ERROR or ABORTED step, e.g. "2 3"; empty when none. */
  failingPoles: string;
  /** Steps with a FAIL, ERROR or ABORTED outcome, e.g. "pole 2 pull-check; isolation"; empty when none. */
  failingSteps: string;
  measurementCount: number;
  /** The decision rule the verdicts follow (`simple`, `guarded`); null for runs recorded before records stated it. */
  decisionRule: DecisionRule | null;
}

/** One row per measurement (the long export, the `measurements` table). */
export interface MeasurementRow {
  runId: string;
  serial: string;
  plan: string;
  rigId: string;
  /** The pole measured; null for a unit-scope measurement that concerns no single pole. */
  pole: number | null;
  stepId: string;
  attempt: number;
  name: string;
  /** null when nothing could be measured (an open circuit). */
  value: number | null;
  unit: string;
  low: number | null;
  high: number | null;
  verdict: MeasurementVerdict;
  cause: string | null;
  /** Expanded uncertainty U (k = 2) of the value, in its unit; null when the value carries none. */
  uncertainty: number | null;
  /** ILAC-G8 statement (pass, conditional-pass, conditional-fail, fail); null for conditions and unjudged values. */
  decision: DecisionStatement | null;
  /** When the value was taken; for journals from before measurements carried their own time, when its attempt started. */
  measuredAt: string;
  /** Wall time of the attempt the value belongs to. */
  /** null for a row imported into the history before version 3. */
  attemptDurationMs: number | null;
  /** The same attempt in the simulator's time; null on a real rig (and in journals from before attempts carried it). */
  attemptSimDurationMs: number | null;
}

/** One row per force sample of a pull (the curves export, the `samples` table). */
export interface SampleRow {
  runId: string;
  serial: string;
  pole: number;
  stepId: string;
  attempt: number;
  tMs: number;
  posMm: number;
  forceN: number;
}
