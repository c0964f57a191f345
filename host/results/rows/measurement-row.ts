import { z } from 'zod';
import { DecisionStatement } from '../../runner/decision-rule.js';
import { MeasurementVerdict } from '../../runner/test-record.js';
import type { RowColumns, RowOf } from './row-columns.js';

const RUN_ID_SQL = 'TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE';

/**
 * One row per measurement: the long CSV export, the history's `measurements` table (run fields joined
 * from `runs`). The CSV columns come in this order; a value and its unit sit in columns of their own,
 * since one long export mixes mV, N, MΩ and °C.
 */
export const MEASUREMENT_COLUMNS = {
  runId: { value: z.string(), csv: 'run_id', stored: { in: 'own', column: 'run_id', sql: RUN_ID_SQL } },
  serial: { value: z.string(), csv: 'serial', stored: { in: 'run', column: 'serial' } },
  plan: { value: z.string(), csv: 'plan', stored: { in: 'run', column: 'plan' } },
  rigId: { value: z.string(), csv: 'rig_id', stored: { in: 'run', column: 'rig_id' } },
  pole: { value: z.number().nullable(), csv: 'pole', stored: { in: 'own', column: 'pole', sql: 'INTEGER', note: 'null for a unit-scope value that concerns no single pole' } },
  stepId: { value: z.string(), csv: 'step_id', stored: { in: 'own', column: 'step_id', sql: 'TEXT NOT NULL' } },
  attempt: { value: z.number(), csv: 'attempt', stored: { in: 'own', column: 'attempt', sql: 'INTEGER NOT NULL' } },
  name: { value: z.string(), csv: 'measurement', stored: { in: 'own', column: 'name', sql: 'TEXT NOT NULL' } },
  value: { value: z.number().nullable(), csv: 'value', stored: { in: 'own', column: 'value', sql: 'REAL', note: 'null when nothing could be measured (an open circuit)' } },
  unit: { value: z.string(), csv: 'unit', stored: { in: 'own', column: 'unit', sql: 'TEXT NOT NULL' } },
  low: { value: z.number().nullable(), csv: 'low_limit', stored: { in: 'own', column: 'low', sql: 'REAL' } },
  high: { value: z.number().nullable(), csv: 'high_limit', stored: { in: 'own', column: 'high', sql: 'REAL' } },
  verdict: { value: MeasurementVerdict, csv: 'verdict', stored: { in: 'own', column: 'verdict', sql: 'TEXT NOT NULL' } },
  cause: { value: z.string().nullable(), csv: 'cause', stored: { in: 'own', column: 'cause', sql: 'TEXT' } },
  measuredAt: {
    value: z.string(),
    csv: 'measured_at',
    isoTime: true,
    stored: { in: 'own', column: 'measured_at', sql: 'TEXT NOT NULL', note: 'when the value was taken; for journals from before values carried their time, when its attempt started' },
  },
  uncertainty: { value: z.number().nullable(), csv: 'uncertainty', stored: { in: 'own', column: 'uncertainty', sql: 'REAL', note: "U (k = 2) in the value's unit; NULL: none" } },
  decision: {
    value: DecisionStatement.nullable(),
    csv: 'decision',
    stored: { in: 'own', column: 'decision', sql: 'TEXT', note: 'ILAC-G8 statement: pass, conditional-pass, conditional-fail, fail; NULL for conditions and unjudged values' },
  },
  attemptDurationMs: {
    value: z.number().nullable(),
    csv: 'attempt_duration_s',
    csvAs: 'seconds',
    stored: { in: 'own', column: 'attempt_duration_ms', sql: 'REAL', note: 'wall time of the attempt; NULL for rows migrated from version 2' },
  },
  attemptSimDurationMs: {
    value: z.number().nullable(),
    csv: 'attempt_sim_duration_s',
    csvAs: 'seconds',
    stored: { in: 'own', column: 'attempt_sim_duration_ms', sql: 'REAL', note: "the same in the simulator's time; NULL on a real rig" } },
} as const satisfies RowColumns;

export type MeasurementRow = RowOf<typeof MEASUREMENT_COLUMNS>;
