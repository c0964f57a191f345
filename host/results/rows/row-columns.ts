import type { z } from 'zod';

/**
 * One column of a results row, defined once: the row field's type, the CSV column it becomes and
 * where the history database keeps it. The row type, the CSV column table, the history table, its
 * INSERT and the SELECTs of the history and of the long export are all derived from these tables.
 * Every statement names its columns, so where a column sits in a table (a migrated database has its
 * newer columns at the end) does not matter.
 */
export interface RowColumn {
  /** The field's values (zod), so the row type is inferred. */
  value: z.ZodType;
  /** CSV header (snake_case, with the unit where the column has one fixed unit). */
  csv: string;
  /** How the CSV shows it: milliseconds of the row as seconds; true/false/null as yes/no/empty. Default: as it is. */
  csvAs?: 'seconds' | 'yes-no';
  /** The text is a time, ISO 8601 with the station's offset: a workbook shows it as a date-time cell. */
  isoTime?: true;
  /**
   * Where the history keeps it: `own` in this row kind's table (its SQL type, a note for the schema,
   * and `boolean` when true/false are stored as 1/0), or `run` in the runs table (joined in, as r.<column>).
   */
  stored: { in: 'own'; column: string; sql: string; note?: string; boolean?: true } | { in: 'run'; column: string };
}

export type RowColumns = Readonly<Record<string, RowColumn>>;

/** The row type a column table describes. */
export type RowOf<C extends RowColumns> = { [K in keyof C]: z.infer<C[K]['value']> };

/** A table column that no row field has (the history's own bookkeeping), placed after `after`. */
export interface TableOnlyColumn {
  after: string;
  column: string;
  sql: string;
  note?: string;
  /** The INSERT's parameter for it; absent: the column's DEFAULT. */
  param?: string;
}

/** What a history table has beyond its row's columns. */
export interface TableShape {
  extras: readonly TableOnlyColumn[];
  /** A table constraint after the columns, e.g. its composite key. */
  key?: string;
  withoutRowid: boolean;
}

/** Measurements and samples: `seq`, the row's order within its run, after run_id, and the key (run_id, seq). */
export const ROWS_OF_A_RUN: TableShape = {
  extras: [{ after: 'run_id', column: 'seq', sql: 'INTEGER NOT NULL', note: 'order within the run', param: 'seq' }],
  key: 'PRIMARY KEY (run_id, seq)',
  withoutRowid: true,
};

/** A CSV cell before it becomes text: a string is text, a number is written as a number, null is an empty cell. */
export type Cell = string | number | null;

export interface CsvColumn<Row> {
  header: string;
  cell: (row: Row) => Cell;
}

/** A row's value as the CSV (and a workbook) shows it: seconds from milliseconds, yes/no from true/false. */
export function csvCell(column: RowColumn, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (column.csvAs === 'seconds') return (value as number) / 1000;
  if (column.csvAs === 'yes-no') return value ? 'yes' : 'no';
  return value as Cell;
}

/** The CSV columns, in the table's order. */
export function csvColumnsOf<C extends RowColumns>(columns: C): Array<CsvColumn<RowOf<C>>> {
  return Object.entries(columns).map(([field, column]) => ({ header: column.csv, cell: (row: RowOf<C>): Cell => csvCell(column, row[field]) }));
}

/** `<alias>.<column>`: this row kind's table under `ownAlias`, the runs table under `r`. */
function sqlOf(column: RowColumn, ownAlias: string): string {
  return `${column.stored.in === 'run' ? 'r' : ownAlias}.${column.stored.column}`;
}

/** The SELECT list that reads rows back from the history, each column named as its row field (convert with rowFromSql). */
export function rowSelectOf(columns: RowColumns, ownAlias: string): string {
  return Object.entries(columns)
    .map(([field, column]) => `${sqlOf(column, ownAlias)} AS ${field}`)
    .join(', ');
}

/** The SELECT list that hands over the CSV cells in column order, as csvColumnsOf makes them. */
export function csvSelectOf(columns: RowColumns, ownAlias: string): string {
  return Object.values(columns)
    .map((column) => {
      const sql = sqlOf(column, ownAlias);
      if (column.csvAs === 'seconds') return `${sql} / 1000.0`;
      if (column.csvAs === 'yes-no') return `CASE WHEN ${sql} IS NULL THEN NULL WHEN ${sql} THEN 'yes' ELSE 'no' END`;
      return sql;
    })
    .join(', ');
}

type OwnColumn = { field: string; column: string; sql: string; note?: string; boolean?: true };

/** The columns this row kind's own table keeps, in order. */
function ownColumns(columns: RowColumns): OwnColumn[] {
  return Object.entries(columns).flatMap(([field, c]) => (c.stored.in === 'own' ? [{ field, ...c.stored }] : []));
}

/** The table's columns in order: the row's own, each followed by the table-only columns placed after it. */
function tableColumns(columns: RowColumns, shape: TableShape): Array<{ column: string; sql: string; note?: string; param?: string }> {
  const placed = (after: string): TableOnlyColumn[] => shape.extras.filter((extra) => extra.after === after).flatMap((extra) => [extra, ...placed(extra.column)]);
  return ownColumns(columns).flatMap((own) => [{ ...own, param: own.field }, ...placed(own.column)]);
}

/** CREATE TABLE for a row kind, with its table-only columns, its key and its notes as SQL comments. */
export function createTableOf(table: string, columns: RowColumns, shape: TableShape): string {
  const entries = [...tableColumns(columns, shape).map((c) => ({ text: `${c.column} ${c.sql}`, note: c.note })), ...(shape.key ? [{ text: shape.key, note: undefined }] : [])];
  const lines = entries.map((e, i) => `  ${e.text}${i < entries.length - 1 ? ',' : ''}${e.note ? ` -- ${e.note}` : ''}`);
  return `CREATE TABLE ${table} (\n${lines.join('\n')}\n)${shape.withoutRowid ? ' WITHOUT ROWID' : ''};`;
}

/** INSERT of one row, by column name, with named parameters: the row's fields and the table-only columns' params. */
export function insertOf(table: string, columns: RowColumns, shape: TableShape): string {
  const inserted = tableColumns(columns, shape).filter((c) => c.param !== undefined);
  return `INSERT INTO ${table} (${inserted.map((c) => c.column).join(', ')}) VALUES (${inserted.map((c) => `@${c.param}`).join(', ')})`;
}

/** The INSERT's parameters: the fields the row kind's own table keeps (booleans as 1/0), and the table-only ones given. */
export function sqlParamsOf<C extends RowColumns>(row: RowOf<C>, columns: C, tableOnly: Record<string, unknown>): Record<string, unknown> {
  const own = ownColumns(columns).map((c): [string, unknown] => {
    const value = row[c.field];
    return [c.field, c.boolean && value !== null ? Number(value) : value];
  });
  return Object.fromEntries([...own, ...Object.entries(tableOnly)]);
}

/** A row as rowSelectOf read it, with booleans stored as 1/0 turned back. */
export function rowFromSql<C extends RowColumns>(raw: Record<string, unknown>, columns: C): RowOf<C> {
  const row = { ...raw };
  for (const c of ownColumns(columns)) if (c.boolean && row[c.field] !== null) row[c.field] = row[c.field] !== 0;
  return row as RowOf<C>;
}
