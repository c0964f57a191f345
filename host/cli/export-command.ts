import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CsvFormat } from '../results/csv/columns.js';
import { writeCsv, writeCsvCells } from '../results/csv/write-csv.js';
import type { HistoryDb } from '../results/history/history-db.js';
import type { HistoryFilter } from '../results/history/history-filter.js';
import { readJournal } from '../results/journal/read-journal.js';
import { writeFileAtomic } from '../shared/write-file-atomic.js';
import { addHistoryOptions, filterFrom, openHistory, type HistoryOptions } from './history-options.js';

interface ExportOptions extends HistoryOptions {
  format: CsvFormat | 'junit' | 'xlsx';
  out: string;
}

/** JUnit XML of the selected runs, each from its journal (the record with every step's outcome and cause). */
async function writeJunit(history: HistoryDb, filter: HistoryFilter, out: string): Promise<number> {
  // Loaded for this format only, as exceljs is for xlsx: every other command starts without them.
  const { junitXml } = await import('../results/junit/junit-xml.js');
  const runs = history.journals(filter).map(({ runId, journal }) => ({ runId, record: readJournal(journal).record }));
  writeFileAtomic(out, junitXml(runs));
  return runs.length;
}

export function registerExportCommand(program: Command): void {
  addHistoryOptions(
    program
      .command('export')
      .description('Write runs from the history as CSV (RFC 4180, UTF-8, ISO 8601 times, "." decimals; formula-like text neutralised), or as JUnit XML for CI systems.')
      .addOption(
        new Option(
          '--format <format>',
          'long: one row per measurement; summary: one row per run; curves: one row per force sample; xlsx: one workbook with those three sheets, identifiers as text, times as date-time cells; junit: JUnit XML, a testsuite per run, a testcase per step and pole',
        )
          .choices(['long', 'summary', 'curves', 'xlsx', 'junit'])
          .default('long'),
      )
      .requiredOption('--out <file>', 'file to write (written whole or not at all)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  clampbench export --format summary --out units.csv
  clampbench export --format long --plan production-qc --from 2026-11-01 --out measurements.csv
  clampbench export --format curves --serial SN123 --out sn123-curves.csv
  clampbench export --format xlsx --plan production-qc --out results.xlsx     # summary, long and curves sheets
  clampbench export --format junit --from 2026-11-01 --out results.xml          # docs/junit.xsd`,
    )
    .action(async (options: ExportOptions) => {
      const filter = filterFrom(options); // bad input is refused before the history is touched
      const history = openHistory(options);
      try {
        const out = resolve(options.out);
        if (options.format === 'xlsx') {
          const { writeXlsx } = await import('../results/xlsx/write-xlsx.js');
          const counts = await writeXlsx({ summary: history.iterateRuns(filter), long: history.iterateMeasurements(filter), curves: history.iterateSamples(filter) }, out);
          process.stderr.write(`wrote ${counts.summary} runs, ${counts.long} measurements and ${counts.curves} force samples to ${out}\n`);
          return;
        }
        if (options.format === 'junit') {
          process.stderr.write(`wrote ${await writeJunit(history, filter, out)} runs as JUnit XML to ${out}\n`);
          return;
        }
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
