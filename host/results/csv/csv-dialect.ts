import type { Options } from 'csv-stringify';

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
 * csv-stringify options of every export.
 * - `quote_record_delimiter`: with an explicit record delimiter csv-stringify only quotes fields
 *   containing that delimiter ("\r\n"), so a cause with a bare "\n" would split the row in a
 *   spreadsheet; true makes it quote any field with a CR or LF, as RFC 4180 asks.
 * - `escape_formulas`: OWASP's rule against formula injection: a text cell starting with =, +, -,
 *   @, tab or CR (and their full-width forms) gets a leading `'`. csv-stringify applies it to
 *   string fields only, so a negative number (-0.0063) stays a number.
 * A fresh object each time: csv-stringify fills defaults into the `cast` object it is given.
 */
export function csvStringifyOptions(): Options {
  return {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { number: plainNumber },
  };
}
