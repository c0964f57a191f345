import type { Options as CsvStringifyOptions } from 'csv-stringify';
import { plainNumber } from '../../host/results/csv/csv-dialect.js';

/**
 * The exports' dialect (host/results/csv/csv-dialect.ts) in csv-stringify's options: a second,
 * independent writer of the dialect, for the test that Papa.unparse and it read back the same
 * (test/results/csv/csv-dialect.test.ts) and the benchmark's "csv-stringify alone" line.
 * - `quote_record_delimiter`: with an explicit record delimiter csv-stringify only quotes fields
 *   containing that delimiter ("\r\n"); true makes it quote any field with a CR or LF.
 * - `escape_formulas`: guardFormula's rule, which csv-stringify applies to string fields only.
 * A fresh object each time: csv-stringify fills defaults into the `cast` object it is given.
 */
export function csvStringifyOptions(): CsvStringifyOptions {
  return {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { number: plainNumber },
  };
}
