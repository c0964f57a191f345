import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CsvFormat } from '../results/csv/columns.js';
import { writeCsv, writeCsvCells } from '../results/csv/write-csv.js';
import { addHistoryOptions, filterFrom, openHistory, type HistoryOptions } from './history-options.js';

interface ExportOptions extends HistoryOptions {
  format: CsvFormat;
  out: string;
}

export function registerExportCommand(program: Command): void {
  addHistoryOptions(
    program
      .command('export')
      .description('Write runs from the history as CSV (RFC 4180, UTF-8, ISO 8601 times, "." decimals; formula-like text neutralised).')
      .addOption(new Option('--format <format>', 'long: one row per measurement; summary: one row per run; curves: one row per force sample').choices(['long', 'summary', 'curves']).default('long'))
      .requiredOption('--out <file>', 'CSV file to write (written whole or not at all)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  clampbench export --format summary --out units.csv
  clampbench export --format long --plan production-qc --from 2026-11-01 --out measurements.csv
  clampbench export --format curves --serial SN123 --out sn123-curves.csv`,
    )
    .action(async (options: ExportOptions) => {
      const filter = filterFrom(options); // bad input is refused before the history is touched
      const history = openHistory(options);
      try {
        const out = resolve(options.out);
        const rows =
          options.format === 'long' ? await writeCsvCells('long', history.iterateLongCells(filter), out)
          : options.format === 'summary' ? await writeCsv('summary', history.iterateRuns(filter), out)
          : await writeCsv('curves', history.iterateSamples(filter), out);
        process.stderr.write(`wrote ${rows.rows} ${options.format} rows to ${out}\n`);
      } finally {
        history.close();
      }
    });
}
