import { MEASUREMENT_COLUMNS } from '../rows/measurement-row.js';
import { createTableOf } from '../rows/row-columns.js';
import { SAMPLE_COLUMNS } from '../rows/sample-row.js';

/**
 * The history database's schema: runs, their measurements and force samples (those two tables from
 * the row definitions in ../rows/, as the CSV exports are), filled from the
 * journals (the journals stay the record of truth; the database can always be rebuilt from them).
 * `PRAGMA user_version` carries the schema version; a database of another version is refused.
 */
export const HISTORY_SCHEMA_VERSION = 3;

export const HISTORY_SCHEMA = `
CREATE TABLE runs (
  run_id            TEXT PRIMARY KEY,
  serial            TEXT NOT NULL,
  plan              TEXT NOT NULL,
  plan_hash         TEXT NOT NULL,
  dut               TEXT NOT NULL,
  conductor         TEXT NOT NULL,
  rig_id            TEXT NOT NULL,
  firmware_version  TEXT NOT NULL,
  protocol          TEXT NOT NULL,
  cal_date          TEXT,           -- ISO date of the rig's last calibration; NULL: never calibrated
  cal_due           TEXT,           -- last ISO date the calibration is valid; NULL: never calibrated, or a record from before due dates
  operator          TEXT,
  station           TEXT,
  started_at        TEXT NOT NULL,  -- ISO 8601 with the station's offset
  started_ms        INTEGER NOT NULL, -- the same instant in ms since 1970 UTC, for ranges and order
  ended_at          TEXT,
  duration_ms       INTEGER,          -- wall time from started_at to ended_at
  sim_duration_ms   INTEGER,          -- the same run in the simulator's time; NULL on a real rig
  outcome           TEXT NOT NULL,  -- PASS FAIL ERROR ABORTED SKIPPED INCOMPLETE
  cause             TEXT,
  failing_poles     TEXT NOT NULL,
  failing_steps     TEXT NOT NULL,
  measurement_count INTEGER NOT NULL,
  first_attempt     INTEGER NOT NULL DEFAULT 0, -- 1: the first run of this serial under this plan
  journal           TEXT NOT NULL,
  journal_bytes     INTEGER NOT NULL, -- what was imported; a longer journal (resumed since) is imported again
  decision_rule     TEXT,             -- simple or guarded (ILAC-G8); NULL for runs recorded before records stated it
  for_release       INTEGER           -- 0: NOT FOR RELEASE (run with a calibration that was not valid); 1 releasable; NULL: a record from before the mark
);
CREATE INDEX runs_serial_plan ON runs (serial, plan, started_ms);
CREATE INDEX runs_started ON runs (started_ms, run_id);
-- Covers the first-pass yield query (plan and rig filters and groups) without touching the table.
CREATE INDEX runs_yield ON runs (plan, rig_id, first_attempt, outcome);

${createTableOf('measurements', MEASUREMENT_COLUMNS)}
CREATE INDEX measurements_name ON measurements (step_id, name);

${createTableOf('samples', SAMPLE_COLUMNS)}
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
