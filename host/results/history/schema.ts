import { MEASUREMENT_COLUMNS } from '../rows/measurement-row.js';
import { createTableOf, ROWS_OF_A_RUN } from '../rows/row-columns.js';
import { RUN_COLUMNS, RUNS_TABLE } from '../rows/run-row.js';
import { SAMPLE_COLUMNS } from '../rows/sample-row.js';

/**
 * The history database's schema: runs, their measurements and force samples (the tables from the
 * row definitions in ../rows/, as the CSV exports are), filled from the
 * journals (the journals stay the record of truth; the database can always be rebuilt from them).
 * `PRAGMA user_version` carries the schema version; a database of another version is refused.
 */
export const HISTORY_SCHEMA_VERSION = 3;

export const HISTORY_SCHEMA = `
${createTableOf('runs', RUN_COLUMNS, RUNS_TABLE)}
CREATE INDEX runs_serial_plan ON runs (serial, plan, started_ms);
CREATE INDEX runs_started ON runs (started_ms, run_id);
-- Covers the first-pass yield query (plan and rig filters and groups) without touching the table.
CREATE INDEX runs_yield ON runs (plan, rig_id, first_attempt, outcome);

${createTableOf('measurements', MEASUREMENT_COLUMNS, ROWS_OF_A_RUN)}
CREATE INDEX measurements_name ON measurements (step_id, name);

${createTableOf('samples', SAMPLE_COLUMNS, ROWS_OF_A_RUN)}
`;

/**
 * What brings a database of an older version to this one, by the version it is at. Columns are only
 * added, at the end of their table, so a migrated database has the columns of a new one in the same order.
 */
export const HISTORY_MIGRATIONS: Readonly<Record<number, string>> = {
  // Version 3: uncertainty, decision rule, the release mark and attempt durations. Runs imported before have none (NULL), as
  // their journals had none; importing such a journal once more fills in what it holds.
  2: `
ALTER TABLE runs ADD COLUMN decision_rule TEXT;
ALTER TABLE runs ADD COLUMN for_release INTEGER;
ALTER TABLE measurements ADD COLUMN uncertainty REAL;
ALTER TABLE measurements ADD COLUMN decision TEXT;
ALTER TABLE measurements ADD COLUMN attempt_duration_ms REAL;
ALTER TABLE measurements ADD COLUMN attempt_sim_duration_ms REAL;
`,
};
