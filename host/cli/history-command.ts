import type { Command } from 'commander';
import { firstPassYield } from '../results/history/first-pass-yield.js';
import { addHistoryOptions, filterFrom, openHistory, type HistoryOptions } from './history-options.js';
import { percent, textTable } from './text-table.js';
import { numberOption } from '../shared/usage-error.js';

interface HistoryCommandOptions extends HistoryOptions {
  limit: number;
  json: boolean;
}

export function registerHistoryCommand(program: Command): void {
  addHistoryOptions(
    program
      .command('history')
      .description('List the runs on record (newest first) with the first-pass yield; the journals in the results folder are imported first.')
      .option('--limit <n>', 'at most this many runs listed', numberOption('--limit', 1, 1_000_000), 50)
      .option('--json', 'print the runs and the yield as JSON', false),
  )
    .addHelpText(
      'after',
      `
Examples:
  clampbench history
  clampbench history --serial SN123
  clampbench history --from 2026-11-01 --to 2026-11-30 --plan production-qc --outcome FAIL
First-pass yield counts each unit's first run under a plan; retests never raise it.`,
    )
    .action((options: HistoryCommandOptions) => {
      const filter = filterFrom(options); // bad input is refused before the history is touched
      const history = openHistory(options);
      try {
        const runs = history.runs(filter, options.limit);
        const [total] = firstPassYield(history, filter);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ runs, yield: total ?? null }, null, 2)}\n`);
          return;
        }
        const rows = runs.map((r) => [
          r.startedAt.slice(0, 19).replace('T', ' '),
          r.serial,
          r.plan,
          r.rigId,
          r.outcome,
          r.firstAttempt ? '' : 'retest',
          r.durationMs === null ? '' : `${(r.durationMs / 1000).toFixed(1)} s`,
          r.failingSteps || '',
        ]);
        process.stdout.write(textTable(['started', 'serial', 'plan', 'rig', 'outcome', 'attempt', 'duration', 'failing'], rows));
        if (total) {
          process.stdout.write(`\n${total.runs} runs, ${total.units} units, first-pass yield ${percent(total.firstPassYield)} (${total.passedFirst}/${total.units}), ${total.retests} retests, ${total.incomplete} incomplete\n`);
        } else process.stdout.write('\nno runs match\n');
      } finally {
        history.close();
      }
    });
}
