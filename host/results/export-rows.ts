/**
 * The flat rows every results output is made of: CSV exports, the history database and the
 * statistics read and write exactly these shapes, each defined once with its columns in ./rows/.
 * One run (one unit tested once) is identified by its `runId`, a UUID written in the first line of its journal.
 */
export type { MeasurementRow } from './rows/measurement-row.js';
export type { RunOutcome, RunRow } from './rows/run-row.js';
export type { SampleRow } from './rows/sample-row.js';
