import { Option, type Command } from 'commander';
import { measurementStats, type MeasurementStats, type StatsBy } from '../results/history/capability.js';
import { firstPassYield } from '../results/history/first-pass-yield.js';
import { addHistoryOptions, filterFrom, openHistory, type HistoryOptions } from './history-options.js';
import { percent, textTable } from './text-table.js';

interface StatsOptions extends HistoryOptions {
  by: StatsBy;
  json: boolean;
  all: boolean;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? '–' : value.toFixed(digits);
}

function limitsText(s: MeasurementStats): string {
  if (s.low !== null && s.high !== null) return s.low === s.high ? `= ${s.low}` : `${s.low} … ${s.high}`;
  if (s.low !== null) return `≥ ${s.low}`;
  if (s.high !== null) return `≤ ${s.high}`;
  return '';
}

export function registerStatsCommand(program: Command): void {
  addHistoryOptions(
    program
      .command('stats')
      .description('First-pass yield, and per measurement count, mean, sd, min, max, Cp and Cpk against its limits, per plan or per rig.')
      .addOption(new Option('--by <what>', 'group by').choices(['plan', 'rig']).default('plan'))
      .option('--all', 'list every measurement, also those without a spread or limits (isolation map entries)', false)
      .option('--json', 'print the figures as JSON', false),
  )
    .addHelpText(
      'after',
      `
Examples:
  clampbench stats
  clampbench stats --by rig --from 2026-11-01
  clampbench stats --plan production-qc --json
Cp = (high − low) / 6 sd; Cpk = min(high − mean, mean − low) / 3 sd, one-sided where a measurement has one limit.
sd is the sample standard deviation over every attempt's value; a limit change (another conductor) starts a new group.`,
    )
    .action((options: StatsOptions) => {
      const filter = filterFrom(options); // bad input is refused before the history is touched
      const history = openHistory(options);
      try {
        const yields = firstPassYield(history, filter, options.by);
        const stats = measurementStats(history.iterateMeasurements(filter), options.by).filter((s) => options.all || (s.cpk !== null && s.count >= 2));
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ yield: yields, measurements: stats }, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          textTable(
            [options.by, 'runs', 'units', 'passed first', 'first-pass yield', 'retests', 'incomplete'],
            yields.map((y) => [y.group, String(y.runs), String(y.units), String(y.passedFirst), percent(y.firstPassYield), String(y.retests), String(y.incomplete)]),
          ),
        );
        process.stdout.write('\n');
        process.stdout.write(
          textTable(
            [options.by, 'step', 'measurement', 'unit', 'limits', 'n', 'mean', 'sd', 'min', 'max', 'Cp', 'Cpk'],
            stats.map((s) => [options.by === 'rig' ? (s.rig ?? '') : s.plan, s.stepId, s.name, s.unit, limitsText(s), String(s.count), fixed(s.mean, 4), fixed(s.sd, 4), fixed(s.min, 4), fixed(s.max, 4), fixed(s.cp, 2), fixed(s.cpk, 2)]),
          ),
        );
      } finally {
        history.close();
      }
    });
}
