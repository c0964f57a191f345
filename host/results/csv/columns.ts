import type { MeasurementRow, RunRow, SampleRow } from '../export-rows.js';
import { MEASUREMENT_COLUMNS } from '../rows/measurement-row.js';
import { csvColumnsOf, type Cell, type CsvColumn } from '../rows/row-columns.js';
import { SAMPLE_COLUMNS } from '../rows/sample-row.js';

/**
 * The column tables of the CSV exports: ONE table per format, header and cell side by side, so a
 * column cannot be added to the header and forgotten in the rows. The long and curves formats are
 * derived from the row definitions in ../rows/ (which the history's tables follow too). Headers are snake_case and name
 * the unit where a column has one fixed unit; a measurement's value and unit sit in columns of
 * their own, since one long export mixes mV, N, MΩ and °C.
 */

export type { Cell, CsvColumn };

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

const long = csvColumnsOf(MEASUREMENT_COLUMNS);

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

const curves = csvColumnsOf(SAMPLE_COLUMNS);

export const csvColumns: { readonly [F in CsvFormat]: ReadonlyArray<CsvColumn<CsvRows[F]>> } = { long, summary, curves };
