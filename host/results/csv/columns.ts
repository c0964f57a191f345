import type { MeasurementRow, RunRow, SampleRow } from '../export-rows.js';

/**
 * The column tables of the CSV exports: ONE table per format, header and cell side by side, so a
 * column cannot be added to the header and forgotten in the rows. Headers are snake_case and name
 * the unit where a column has one fixed unit; a measurement's value and unit sit in columns of
 * their own, since one long export mixes mV, N, MΩ and °C.
 */

/** A cell before it becomes text: a string is text, a number is written as a number, null is an empty cell. */
export type Cell = string | number | null;

export interface CsvColumn<Row> {
  header: string;
  cell: (row: Row) => Cell;
}

/** The row type each format is made of. */
export interface CsvRows {
  /** One line per measurement. */
  long: MeasurementRow;
  /** One line per unit run. */
  summary: RunRow;
  /** One line per force sample of a pull. */
  curves: SampleRow;
}

export type CsvFormat = keyof CsvRows;

const long: ReadonlyArray<CsvColumn<MeasurementRow>> = [
  { header: 'run_id', cell: (r) => r.runId },
  { header: 'serial', cell: (r) => r.serial },
  { header: 'plan', cell: (r) => r.plan },
  { header: 'rig_id', cell: (r) => r.rigId },
  { header: 'pole', cell: (r) => r.pole },
  { header: 'step_id', cell: (r) => r.stepId },
  { header: 'attempt', cell: (r) => r.attempt },
  { header: 'measurement', cell: (r) => r.name },
  { header: 'value', cell: (r) => r.value },
  { header: 'unit', cell: (r) => r.unit },
  { header: 'low_limit', cell: (r) => r.low },
  { header: 'high_limit', cell: (r) => r.high },
  { header: 'verdict', cell: (r) => r.verdict },
  { header: 'cause', cell: (r) => r.cause },
  { header: 'measured_at', cell: (r) => r.measuredAt },
  // U (k = 2) in the row's unit, and the ILAC-G8 statement under it (docs/uncertainty.md).
  { header: 'uncertainty', cell: (r) => r.uncertainty },
  { header: 'decision', cell: (r) => r.decision },
  // The attempt's length on the wall clock, and in the simulator's time beside it (empty for a real rig), as in the summary.
  { header: 'attempt_duration_s', cell: (r) => (r.attemptDurationMs === null ? null : r.attemptDurationMs / 1000) },
  { header: 'attempt_sim_duration_s', cell: (r) => (r.attemptSimDurationMs === null ? null : r.attemptSimDurationMs / 1000) },
];

const summary: ReadonlyArray<CsvColumn<RunRow>> = [
  { header: 'run_id', cell: (r) => r.runId },
  { header: 'serial', cell: (r) => r.serial },
  { header: 'plan', cell: (r) => r.plan },
  { header: 'plan_hash', cell: (r) => r.planHash },
  { header: 'dut', cell: (r) => r.dut },
  { header: 'conductor', cell: (r) => r.conductor },
  { header: 'rig_id', cell: (r) => r.rigId },
  { header: 'firmware_version', cell: (r) => r.firmwareVersion },
  { header: 'protocol', cell: (r) => r.protocol },
  { header: 'cal_date', cell: (r) => r.calDate },
  { header: 'cal_due', cell: (r) => r.calDue },
  // no: the run went on with a calibration that was not valid, NOT FOR RELEASE; empty for records from before the mark.
  { header: 'for_release', cell: (r) => (r.forRelease === null ? null : r.forRelease ? 'yes' : 'no') },
  { header: 'operator', cell: (r) => r.operator },
  { header: 'station', cell: (r) => r.station },
  { header: 'started_at', cell: (r) => r.startedAt },
  { header: 'ended_at', cell: (r) => r.endedAt },
  { header: 'duration_s', cell: (r) => (r.durationMs === null ? null : r.durationMs / 1000) },
  { header: 'sim_duration_s', cell: (r) => (r.simDurationMs === null ? null : r.simDurationMs / 1000) },
  { header: 'outcome', cell: (r) => r.outcome },
  { header: 'cause', cell: (r) => r.cause },
  { header: 'failing_poles', cell: (r) => r.failingPoles },
  { header: 'failing_steps', cell: (r) => r.failingSteps },
  { header: 'measurement_count', cell: (r) => r.measurementCount },
  { header: 'decision_rule', cell: (r) => r.decisionRule },
];

const curves: ReadonlyArray<CsvColumn<SampleRow>> = [
  { header: 'run_id', cell: (r) => r.runId },
  { header: 'serial', cell: (r) => r.serial },
  { header: 'pole', cell: (r) => r.pole },
  { header: 'step_id', cell: (r) => r.stepId },
  { header: 'attempt', cell: (r) => r.attempt },
  { header: 't_ms', cell: (r) => r.tMs },
  { header: 'pos_mm', cell: (r) => r.posMm },
  { header: 'force_n', cell: (r) => r.forceN },
];

export const csvColumns: { readonly [F in CsvFormat]: ReadonlyArray<CsvColumn<CsvRows[F]>> } = { long, summary, curves };
