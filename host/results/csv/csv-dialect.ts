import Papa, { type UnparseConfig } from 'papaparse';
import type { Cell } from './columns.js';

/**
 * How cells become CSV text: RFC 4180 with CRLF record ends, '.' as the decimal point, UTF-8 with
 * a byte-order mark, and text that a spreadsheet must not run as a formula.
 */

/**
 * Excel takes a CSV file without a BOM for the ANSI code page (Windows-1252 in western Europe):
 * "Ω", "µ" and "ß" would open as mojibake. With the UTF-8 BOM it reads the file as UTF-8.
 */
export const UTF8_BOM = '\uFEFF';

/**
 * A number with the digits it has and never an exponent: String() already gives the shortest
 * text that reads back as the same number, but switches to "1e-7" below 1e-6 and at 1e21 and up,
 * which some spreadsheets and most eyes read badly. NaN and ±Infinity cannot come from a record
 * (records are JSON, where they become null), and are written like null: an empty cell.
 */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // Where the decimal point lands, counted in digits from the left.
  const pointAt = (point < 0 ? mantissa.length : point) + exponent;
  let plain: string;
  if (pointAt <= 0) plain = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) plain = digits + '0'.repeat(pointAt - digits.length);
  else plain = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * OWASP's rule against formula injection, as csv-stringify's `escape_formulas` has it: a text cell
 * starting with =, +, -, @, tab or CR (or the full-width ＝ ＋ － ＠ that Apple Numbers reads as
 * such) gets a leading `'`. Text only: a number is written by plainNumber and never escaped, so a
 * negative number (-0.0063) stays a number, while text that merely looks like one ("-5" in a
 * cause) is escaped like any other text starting with "-".
 */
export function guardFormula(text: string): string {
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return `'${text}`;
    default:
      return text;
  }
}

/**
 * Papa.unparse options of every export: RFC 4180 with CRLF between records, `"` around a field
 * holding `,`, `"`, CR or LF (any of them, not only a whole CRLF, so a cause with a bare "\n"
 * cannot split the row in a spreadsheet), and `""` for a quote inside it. Papa.unparse also quotes a
 * field starting or ending with a space or holding a BOM character, which csv-stringify did not:
 * still RFC 4180, and it reads back to the same text.
 * - `escapeFormulae: false`: csvRecords applies guardFormula itself, before Papa.unparse, where a
 *   number still is a number. Papa.unparse sees numbers as the text plainNumber made of them and
 *   would take "-0.0063" for text, and it would quote every escaped field besides.
 * - `header: false`: the header line is a record like any other (records are arrays).
 * Papa.unparse puts no line break after the last record: csvRecords adds it.
 */
export const papaUnparseConfig: Readonly<UnparseConfig> = Object.freeze({
  delimiter: ',',
  newline: '\r\n',
  quoteChar: '"',
  escapeChar: '"',
  quotes: false,
  header: false,
  skipEmptyLines: false,
  escapeFormulae: false,
});

/**
 * The records as CSV text, each ending with CRLF ('' for none). Turns the cells into their text
 * in place (number → plainNumber, text → guardFormula, null stays an empty cell), so the arrays
 * are spent: callers hand over arrays they no longer need.
 */
export function csvRecords(records: Cell[][]): string {
  if (records.length === 0) return '';
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      const cell = record[i];
      if (typeof cell === 'string') record[i] = guardFormula(cell);
      else if (typeof cell === 'number') record[i] = plainNumber(cell);
    }
  }
  return `${Papa.unparse(records, papaUnparseConfig)}\r\n`;
}
