import { z } from 'zod';
import type { RowColumns, RowOf } from './row-columns.js';

/** One row per force sample of a pull: the curves CSV export, the history's `samples` table. */
export const SAMPLE_COLUMNS = {
  runId: { value: z.string(), csv: 'run_id', stored: { in: 'own', column: 'run_id', sql: 'TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE' } },
  serial: { value: z.string(), csv: 'serial', stored: { in: 'run', column: 'serial' } },
  pole: { value: z.number(), csv: 'pole', stored: { in: 'own', column: 'pole', sql: 'INTEGER NOT NULL' } },
  stepId: { value: z.string(), csv: 'step_id', stored: { in: 'own', column: 'step_id', sql: 'TEXT NOT NULL' } },
  attempt: { value: z.number(), csv: 'attempt', stored: { in: 'own', column: 'attempt', sql: 'INTEGER NOT NULL' } },
  tMs: { value: z.number(), csv: 't_ms', stored: { in: 'own', column: 't_ms', sql: 'REAL NOT NULL' } },
  posMm: { value: z.number(), csv: 'pos_mm', stored: { in: 'own', column: 'pos_mm', sql: 'REAL NOT NULL' } },
  forceN: { value: z.number(), csv: 'force_n', stored: { in: 'own', column: 'force_n', sql: 'REAL NOT NULL' } },
} as const satisfies RowColumns;

export type SampleRow = RowOf<typeof SAMPLE_COLUMNS>;
