import { csvColumns } from '../csv/columns.js';

/**
 * The long CSV export's columns as SQL over `runs r JOIN measurements m`, so SQLite hands over the
 * cells in column order. Keyed by the CSV header: checked against the one column table at load, so
 * the two cannot drift apart.
 */
const LONG_EXPORT_SQL: ReadonlyArray<readonly [header: string, sql: string]> = [
  ['run_id', 'm.run_id'],
  ['serial', 'r.serial'],
  ['plan', 'r.plan'],
  ['rig_id', 'r.rig_id'],
  ['pole', 'm.pole'],
  ['step_id', 'm.step_id'],
  ['attempt', 'm.attempt'],
  ['measurement', 'm.name'],
  ['value', 'm.value'],
  ['unit', 'm.unit'],
  ['low_limit', 'm.low'],
  ['high_limit', 'm.high'],
  ['verdict', 'm.verdict'],
  ['cause', 'm.cause'],
  ['measured_at', 'm.measured_at'],
  ['uncertainty', 'm.uncertainty'],
  ['decision', 'm.decision'],
  ['attempt_duration_s', 'm.attempt_duration_ms / 1000.0'],
  ['attempt_sim_duration_s', 'm.attempt_sim_duration_ms / 1000.0'],
];

const expected = csvColumns.long.map((c) => c.header).join(',');
const given = LONG_EXPORT_SQL.map(([header]) => header).join(',');
if (given !== expected) throw new Error(`long-export-sql.ts: columns ${given} differ from the long CSV format's ${expected}`);

export const LONG_EXPORT_SELECT = LONG_EXPORT_SQL.map(([, sql]) => sql).join(', ');
