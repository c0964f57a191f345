import Database from 'better-sqlite3';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { csvColumns } from '../../../host/results/csv/columns.js';
import { HISTORY_SCHEMA } from '../../../host/results/history/schema.js';
import { MEASUREMENT_COLUMNS } from '../../../host/results/rows/measurement-row.js';
import { createTableOf, csvColumnsOf, csvSelectOf, insertOf, ROWS_OF_A_RUN, rowSelectOf, type RowColumns } from '../../../host/results/rows/row-columns.js';
import { RUN_COLUMNS, RUNS_TABLE } from '../../../host/results/rows/run-row.js';
import { SAMPLE_COLUMNS } from '../../../host/results/rows/sample-row.js';

// A measurement's and a sample's columns are defined once (host/results/rows/); the CSV formats, the
// history's tables, its INSERTs and its SELECTs follow from them.
const tableColumns = (db: Database.Database, table: string): string[] =>
  db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => (c as { name: string }).name);

describe('the row definitions of measurements and samples', () => {
  const db = new Database(':memory:');
  db.exec(HISTORY_SCHEMA);

  it.each([
    ['measurements', MEASUREMENT_COLUMNS, 'long'],
    ['samples', SAMPLE_COLUMNS, 'curves'],
  ] as const)('%s: the history table has run_id, seq and the stored columns in order; the %s CSV has every column', (table, columns, format) => {
    const stored = Object.values(columns as RowColumns).flatMap((c) => (c.stored.in === 'own' ? [c.stored.column] : []));
    expect(tableColumns(db, table)).toEqual([stored[0], 'seq', ...stored.slice(1)]);
    expect(csvColumns[format].map((c) => c.header)).toEqual(Object.values(columns as RowColumns).map((c) => c.csv));
  });

  it('runs: the history table has every run column and its own bookkeeping; the summary CSV has every run column', () => {
    const stored = Object.values(RUN_COLUMNS as RowColumns).flatMap((c) => (c.stored.in === 'own' ? [c.stored.column] : []));
    expect(new Set(tableColumns(db, 'runs'))).toEqual(new Set([...stored, ...RUNS_TABLE.extras.map((e) => e.column)]));
    expect(csvColumns.summary.map((c) => c.header)).toEqual(Object.values(RUN_COLUMNS as RowColumns).map((c) => c.csv));
  });

  it('a column added to a copy of a definition shows in its CSV header, its table, its INSERT and its SELECTs', () => {
    const withTorque = { ...SAMPLE_COLUMNS, torqueNm: { value: z.number(), csv: 'torque_nm', stored: { in: 'own', column: 'torque_nm', sql: 'REAL NOT NULL' } } } as const satisfies RowColumns;
    expect(csvColumnsOf(withTorque).map((c) => c.header).at(-1)).toBe('torque_nm');
    expect(createTableOf('samples', withTorque, ROWS_OF_A_RUN)).toContain('  torque_nm REAL NOT NULL,\n  PRIMARY KEY (run_id, seq)');
    expect(insertOf('samples', withTorque, ROWS_OF_A_RUN)).toMatch(/, torque_nm\) VALUES \(.*, @torqueNm\)$/);
    expect(rowSelectOf(withTorque, 's')).toMatch(/, s\.torque_nm AS torqueNm$/);
    expect(csvSelectOf(withTorque, 's')).toMatch(/, s\.torque_nm$/);
  });

  it('milliseconds kept in the row are seconds in the CSV, from the row and from SQL alike', () => {
    const [cell] = csvColumnsOf({ d: MEASUREMENT_COLUMNS.attemptDurationMs }).map((c) => c.cell({ d: 1234 }));
    expect(cell).toBe(1.234);
    expect(csvSelectOf({ d: MEASUREMENT_COLUMNS.attemptDurationMs }, 'm')).toBe('m.attempt_duration_ms / 1000.0');
    expect(csvColumnsOf({ d: MEASUREMENT_COLUMNS.attemptDurationMs })[0]!.cell({ d: null })).toBeNull();
  });
});
