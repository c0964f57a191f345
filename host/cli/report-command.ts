import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readJournal } from '../results/journal/read-journal.js';

interface ReportOptions {
  out?: string;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Write one self-contained HTML report of a run (header, per-pole table, force curves), from its journal; interrupted runs are marked INCOMPLETE.')
    .argument('<run>', 'the run folder (results/<time>-<serial>) or its journal.jsonl')
    .option('--out <file>', 'HTML file to write (default: report.html in the run folder)')
    .addHelpText(
      'after',
      `
Examples:
  clampbench report results/2026-11-25T14-31-08-833Z-SN123
  clampbench report results/2026-11-25T14-31-08-833Z-SN123 --out /tmp/sn123.html`,
    )
    .action(async (run: string, options: ReportOptions) => {
      const journal = readJournal(run);
      for (const warning of journal.warnings) process.stderr.write(`journal: ${warning}\n`);
      const file = resolve(options.out ?? join(dirname(journal.file), 'report.html'));
      const { writeReport } = await import('../results/report/write-report.js'); // vega: loaded only here
      await writeReport(journal.record, { runId: journal.runId, complete: journal.complete }, file);
      process.stdout.write(`wrote ${file}\n`);
    });
}
