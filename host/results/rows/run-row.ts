import { z } from 'zod';
import { DecisionRule } from '../../plans/resolved-plan.js';
import { Outcome } from '../../runner/test-record.js';
import type { RowColumns, RowOf, TableShape } from './row-columns.js';

/** A run that was killed (or is still going) has no outcome yet: it is INCOMPLETE until resumed. */
export const RunOutcome = z.union([Outcome, z.literal('INCOMPLETE')]);
export type RunOutcome = z.infer<typeof RunOutcome>;

/**
 * One row per run: the summary CSV export, the history's `runs` table. Times are ISO 8601 with the
 * station's offset. The CSV columns come in this order.
 */
export const RUN_COLUMNS = {
  runId: { value: z.string(), csv: 'run_id', stored: { in: 'own', column: 'run_id', sql: 'TEXT PRIMARY KEY' } },
  serial: { value: z.string(), csv: 'serial', stored: { in: 'own', column: 'serial', sql: 'TEXT NOT NULL' } },
  plan: { value: z.string(), csv: 'plan', stored: { in: 'own', column: 'plan', sql: 'TEXT NOT NULL' } },
  planHash: { value: z.string(), csv: 'plan_hash', stored: { in: 'own', column: 'plan_hash', sql: 'TEXT NOT NULL' } },
  dut: { value: z.string(), csv: 'dut', stored: { in: 'own', column: 'dut', sql: 'TEXT NOT NULL' } },
  conductor: { value: z.string(), csv: 'conductor', stored: { in: 'own', column: 'conductor', sql: 'TEXT NOT NULL' } },
  rigId: { value: z.string(), csv: 'rig_id', stored: { in: 'own', column: 'rig_id', sql: 'TEXT NOT NULL' } },
  firmwareVersion: { value: z.string(), csv: 'firmware_version', stored: { in: 'own', column: 'firmware_version', sql: 'TEXT NOT NULL' } },
  protocol: { value: z.string(), csv: 'protocol', stored: { in: 'own', column: 'protocol', sql: 'TEXT NOT NULL' } },
  calDate: { value: z.string().nullable(), csv: 'cal_date', stored: { in: 'own', column: 'cal_date', sql: 'TEXT', note: "ISO date of the rig's last calibration; NULL: never calibrated" } },
  calDue: {
    value: z.string().nullable(),
    csv: 'cal_due',
    stored: { in: 'own', column: 'cal_due', sql: 'TEXT', note: 'last ISO date the calibration is valid; NULL: never calibrated, or a record from before due dates' },
  },
  forRelease: {
    value: z.boolean().nullable(),
    csv: 'for_release',
    csvAs: 'yes-no',
    stored: { in: 'own', column: 'for_release', sql: 'INTEGER', boolean: true, note: '0: NOT FOR RELEASE (run with a calibration that was not valid); 1 releasable; NULL: a record from before the mark' },
  },
  operator: { value: z.string().nullable(), csv: 'operator', stored: { in: 'own', column: 'operator', sql: 'TEXT' } },
  station: { value: z.string().nullable(), csv: 'station', stored: { in: 'own', column: 'station', sql: 'TEXT' } },
  startedAt: { value: z.string(), csv: 'started_at', isoTime: true, stored: { in: 'own', column: 'started_at', sql: 'TEXT NOT NULL', note: "ISO 8601 with the station's offset" } },
  endedAt: { value: z.string().nullable(), csv: 'ended_at', isoTime: true, stored: { in: 'own', column: 'ended_at', sql: 'TEXT' } },
  durationMs: { value: z.number().nullable(), csv: 'duration_s', csvAs: 'seconds', stored: { in: 'own', column: 'duration_ms', sql: 'INTEGER', note: 'wall time from started_at to ended_at' } },
  simDurationMs: {
    value: z.number().nullable(),
    csv: 'sim_duration_s',
    csvAs: 'seconds',
    stored: { in: 'own', column: 'sim_duration_ms', sql: 'INTEGER', note: "the same run in the simulator's time; NULL on a real rig" },
  },
  outcome: { value: RunOutcome, csv: 'outcome', stored: { in: 'own', column: 'outcome', sql: 'TEXT NOT NULL', note: 'PASS FAIL ERROR ABORTED SKIPPED INCOMPLETE' } },
  cause: { value: z.string().nullable(), csv: 'cause', stored: { in: 'own', column: 'cause', sql: 'TEXT' } },
  failingPoles: { value: z.string(), csv: 'failing_poles', stored: { in: 'own', column: 'failing_poles', sql: 'TEXT NOT NULL', note: 'poles with a FAIL, ERROR or ABORTED step, e.g. "2 3"' } },
  failingSteps: { value: z.string(), csv: 'failing_steps', stored: { in: 'own', column: 'failing_steps', sql: 'TEXT NOT NULL', note: 'e.g. "pole 2 pull-check; isolation"' } },
  measurementCount: { value: z.number(), csv: 'measurement_count', stored: { in: 'own', column: 'measurement_count', sql: 'INTEGER NOT NULL' } },
  decisionRule: {
    value: DecisionRule.nullable(),
    csv: 'decision_rule',
    stored: { in: 'own', column: 'decision_rule', sql: 'TEXT', note: 'simple or guarded (ILAC-G8); NULL for runs recorded before records stated it' },
  },
} as const satisfies RowColumns;

export type RunRow = RowOf<typeof RUN_COLUMNS>;

/** The history's own bookkeeping in `runs`: the start for ranges and order, the first attempt of a serial, the journal imported. */
export const RUNS_TABLE: TableShape = {
  extras: [
    { after: 'started_at', column: 'started_ms', sql: 'INTEGER NOT NULL', note: 'the same instant in ms since 1970 UTC, for ranges and order', param: 'startedMs' },
    { after: 'measurement_count', column: 'first_attempt', sql: 'INTEGER NOT NULL DEFAULT 0', note: '1: the first run of this serial under this plan' },
    { after: 'first_attempt', column: 'journal', sql: 'TEXT NOT NULL', param: 'journal' },
    { after: 'journal', column: 'journal_bytes', sql: 'INTEGER NOT NULL', note: 'what was imported; a longer journal (resumed since) is imported again', param: 'journalBytes' },
  ],
  withoutRowid: false,
};
