import type { z } from 'zod';

/**
 * One column of a results row, defined once: the row field's type, the CSV column it becomes and
 * where the history database keeps it. The row type, the CSV column table, the history table, its
 * INSERT and the SELECTs of the history and of the long export are all derived from these tables.
 */
export interface RowColumn {
  /** The field's values (zod), so the row type is inferred. */
  value: z.ZodType;
  /** CSV header (snake_case, with the unit where the column has one fixed unit). */
  csv: string;
  /** The row keeps milliseconds, the CSV seconds. */
  msToS?: true;
  /**
   * Where the history keeps it: `own` in this row kind's table (with its SQL type and a note for the
   * schema), or `run` in the runs table (joined in, as r.<column>).
   */
  stored: { in: 'own'; column: string; sql: string; note?: string } | { in: 'run'; column: string };
}

export type RowColumns = Readonly<Record<string, RowColumn>>;

/** The row type a column table describes. */
export type RowOf<C extends RowColumns> = { [K in keyof C]: z.infer<C[K]['value']> };

/** A CSV cell before it becomes text: a string is text, a number is written as a number, null is an empty cell. */
export type Cell = string | number | null;

export interface CsvColumn<Row> {
  header: string;
  cell: (row: Row) => Cell;
}

/** The CSV columns, in the table's order. */
export function csvColumnsOf<C extends RowColumns>(columns: C): Array<CsvColumn<RowOf<C>>> {
  return Object.entries(columns).map(([field, column]) => ({
    header: column.csv,
    cell: (row: RowOf<C>): Cell => {
      const value = row[field] as Cell;
      return column.msToS && typeof value === 'number' ? value / 1000 : value;
    },
  }));
}

/** `<alias>.<column>` of each column: this row kind's table under `ownAlias`, the runs table under `r`. */
function sqlOf(column: RowColumn, ownAlias: string): string {
  return `${column.stored.in === 'run' ? 'r' : ownAlias}.${column.stored.column}`;
}

/** The SELECT list that reads rows back from the history, each column named as its row field. */
export function rowSelectOf(columns: RowColumns, ownAlias: string): string {
  return Object.entries(columns)
    .map(([field, column]) => `${sqlOf(column, ownAlias)} AS ${field}`)
    .join(', ');
}

/** The SELECT list that hands over the CSV cells in column order (milliseconds as seconds). */
export function csvSelectOf(columns: RowColumns, ownAlias: string): string {
  return Object.values(columns)
    .map((column) => `${sqlOf(column, ownAlias)}${column.msToS ? ' / 1000.0' : ''}`)
    .join(', ');
}

/** The columns this row kind's own table keeps, in order: [row field, column]. */
function ownColumns(columns: RowColumns): Array<[field: string, column: { column: string; sql: string; note?: string }]> {
  return Object.entries(columns).flatMap(([field, column]) => (column.stored.in === 'own' ? [[field, column.stored] as [string, typeof column.stored]] : []));
}

/**
 * CREATE TABLE for a row kind: its own columns in order, with `seq` (the row's order within its run)
 * after run_id, the key (run_id, seq), and notes as SQL comments.
 */
export function createTableOf(table: string, columns: RowColumns): string {
  const lines = ownColumns(columns).flatMap(([, c]) => {
    const line = `  ${c.column} ${c.sql},${c.note ? ` -- ${c.note}` : ''}`;
    return c.column === 'run_id' ? [line, '  seq INTEGER NOT NULL, -- order within the run'] : [line];
  });
  return `CREATE TABLE ${table} (\n${lines.join('\n')}\n  PRIMARY KEY (run_id, seq)\n) WITHOUT ROWID;`;
}

/** INSERT of one row with its seq, named parameters from the row's fields (and @seq). */
export function insertOf(table: string, columns: RowColumns): string {
  const own = ownColumns(columns);
  const names = own.flatMap(([, c]) => (c.column === 'run_id' ? [c.column, 'seq'] : [c.column]));
  const params = own.flatMap(([field, c]) => (c.column === 'run_id' ? [`@${field}`, '@seq'] : [`@${field}`]));
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${params.join(', ')})`;
}

/** The named parameters of insertOf: the fields this row kind's own table keeps, and seq. */
export function ownFields<C extends RowColumns>(row: RowOf<C>, columns: C, seq: number): Record<string, unknown> {
  return Object.fromEntries([['seq', seq], ...ownColumns(columns).map(([field]) => [field, row[field]])]);
}
