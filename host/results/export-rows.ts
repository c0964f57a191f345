import type { DecisionRule } from '../plans/resolved-plan.js';
import type { Outcome } from '../runner/test-record.js';
export type { MeasurementRow } from './rows/measurement-row.js';
export type { SampleRow } from './rows/sample-row.js';

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
