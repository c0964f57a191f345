import type { MeasurementRow, RunRow, SampleRow } from '../export-rows.js';
import { MEASUREMENT_COLUMNS } from '../rows/measurement-row.js';
import { csvColumnsOf, type Cell, type CsvColumn } from '../rows/row-columns.js';
import { RUN_COLUMNS } from '../rows/run-row.js';
import { SAMPLE_COLUMNS } from '../rows/sample-row.js';

/**
 * The column tables of the CSV exports: ONE table per format, header and cell side by side, so a
 * column cannot be added to the header and forgotten in the rows. Every format is derived from its row
 * definition in ../rows/, as the history's tables are. Headers are snake_case and name
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

const summary = csvColumnsOf(RUN_COLUMNS);

const curves = csvColumnsOf(SAMPLE_COLUMNS);

export const csvColumns: { readonly [F in CsvFormat]: ReadonlyArray<CsvColumn<CsvRows[F]>> } = { long, summary, curves };
