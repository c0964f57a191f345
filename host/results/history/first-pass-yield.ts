import type { HistoryDb } from './history-db.js';
import { whereRuns, type HistoryFilter } from './history-filter.js';

export interface YieldFigure {
  /** The plan or rig grouped by; "all" when not grouped. */
  group: string;
  runs: number;
  /** Units tested (first runs of a serial under a plan) that have finished. */
  units: number;
  passedFirst: number;
  /** Passed at the first attempt ÷ units; null without units. */
  firstPassYield: number | null;
  retests: number;
  incomplete: number;
}

/**
 * First-pass yield: of the units' first runs (per serial and plan, by start time) that finished, the
 * share that passed. Retests never raise it; runs still incomplete are counted apart.
 */
export function firstPassYield(history: HistoryDb, filter: HistoryFilter, by: 'all' | 'plan' | 'rig' = 'all'): YieldFigure[] {
  const where = whereRuns(filter);
  const group = by === 'all' ? `'all'` : by === 'plan' ? 'r.plan' : 'r.rig_id';
  const rows = history.connection
    .prepare(
      `SELECT ${group} AS "group", count(*) AS runs,
         sum(r.first_attempt = 1 AND r.outcome <> 'INCOMPLETE') AS units,
         sum(r.first_attempt = 1 AND r.outcome = 'PASS') AS passedFirst,
         sum(r.first_attempt = 0) AS retests,
         sum(r.outcome = 'INCOMPLETE') AS incomplete
       FROM runs r ${where.sql} GROUP BY 1 ORDER BY 1`,
    )
    .all(where.params) as Array<Omit<YieldFigure, 'firstPassYield'>>;
  return rows.map((row) => ({ ...row, firstPassYield: row.units > 0 ? row.passedFirst / row.units : null }));
}
