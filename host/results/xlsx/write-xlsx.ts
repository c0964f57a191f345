import ExcelJS from 'exceljs';
import { MEASUREMENT_COLUMNS } from '../rows/measurement-row.js';
import { csvCell, type RowColumn, type RowColumns, type RowOf } from '../rows/row-columns.js';
import { RUN_COLUMNS } from '../rows/run-row.js';
import { SAMPLE_COLUMNS } from '../rows/sample-row.js';
import { writeViaTempFile } from '../../shared/write-via-temp-file.js';

/** The sheets of a results workbook, in order, with the rows each is made of. */
export interface WorkbookRows {
  summary: Iterable<RowOf<typeof RUN_COLUMNS>>;
  long: Iterable<RowOf<typeof MEASUREMENT_COLUMNS>>;
  curves: Iterable<RowOf<typeof SAMPLE_COLUMNS>>;
}

const SHEET_COLUMNS: { readonly [S in keyof WorkbookRows]: RowColumns } = { summary: RUN_COLUMNS, long: MEASUREMENT_COLUMNS, curves: SAMPLE_COLUMNS };

/** Shown to the second, with milliseconds: every time in a record has them. */
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss.000';

/**
 * An ISO 8601 time with its offset as the wall time it names, for a date-time cell (a spreadsheet keeps
 * no time zone): 2026-12-07T23:42:11.786+01:00 shows as 2026-12-07 23:42:11.786. exceljs writes a Date's
 * UTC fields, so the wall time goes into a Date as if it were UTC.
 */
export function wallTimeOf(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?/.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? '0').padEnd(3, '0'))));
}

/** A cell's value: text stays text (leading zeros, 1E5, '=' kept exactly; a workbook runs no text as a formula), numbers numeric, times date-time. */
function cellOf(column: RowColumn, value: unknown): string | number | Date | null {
  if (column.isoTime && typeof value === 'string') return wallTimeOf(value) ?? value;
  return csvCell(column, value);
}

/** Column widths in characters: the header's, or at least what the column's values need to be read. */
function widthOf(header: string, column: RowColumn): number {
  const least = column.isoTime ? 24 : column.value.safeParse('').success ? 18 : 12;
  return Math.max(header.length + 2, least);
}

/**
 * Writes one workbook with the summary, long and curves sheets, their columns those of the CSV exports
 * (the row definitions in ../rows/): a frozen header row with an autofilter, widths to read by. Streamed
 * row by row; the file appears complete or not at all (writeViaTempFile).
 */
export async function writeXlsx(rows: WorkbookRows, filePath: string): Promise<{ [S in keyof WorkbookRows]: number }> {
  const counts = { summary: 0, long: 0, curves: 0 };
  await writeViaTempFile(filePath, async (tempPath) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tempPath, useStyles: true, useSharedStrings: false });
    for (const sheetName of ['summary', 'long', 'curves'] as const) {
      const columns = Object.entries(SHEET_COLUMNS[sheetName]);
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map(([field, column]) => ({ key: field, header: column.csv, width: widthOf(column.csv, column), ...(column.isoTime ? { style: { numFmt: DATE_TIME_FORMAT } } : {}) }));
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
      for (const row of rows[sheetName] as Iterable<Record<string, unknown>>) {
        sheet.addRow(columns.map(([field, column]) => cellOf(column, row[field]))).commit();
        counts[sheetName]++;
      }
      sheet.commit();
    }
    await workbook.commit();
  });
  return counts;
}
