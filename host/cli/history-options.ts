import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { RunOutcome } from '../results/export-rows.js';
import { HISTORY_FILE, HistoryDb } from '../results/history/history-db.js';
import type { HistoryFilter } from '../results/history/history-filter.js';
import { UsageError } from '../shared/usage-error.js';

const OUTCOMES: readonly RunOutcome[] = ['PASS', 'FAIL', 'ERROR', 'ABORTED', 'SKIPPED', 'INCOMPLETE'];

export interface HistoryOptions {
  results: string;
  db?: string;
  from?: string;
  to?: string;
  serial?: string;
  plan?: string;
  outcome?: string;
  rig?: string;
}

/** `--results`, `--db` and the run filters, the same for history, stats and export. */
export function addHistoryOptions(command: Command): Command {
  return command
    .option('--results <dir>', 'results folder whose journals are imported first', 'results')
    .option('--db <file>', `history database (default: <results>/${HISTORY_FILE})`)
    .option('--from <date>', 'runs started on or after this date or time (2026-11-01, 2026-11-01T06:00+01:00)')
    .option('--to <date>', 'runs started before the end of this date, or before this time')
    .option('--serial <text>', 'one serial number')
    .option('--plan <name>', 'one plan, e.g. production-qc')
    .addOption(new Option('--outcome <outcome>', 'one outcome').choices([...OUTCOMES]))
    .option('--rig <id>', 'one rig id, e.g. CB-UNO-0001');
}

/** A date alone means that whole day in local time; a time with or without offset is that instant. */
function parseInstant(option: string, text: string, endOfDay: boolean): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = dateOnly ? new Date(`${text}T00:00:00`).getTime() + (endOfDay ? 86_400_000 : 0) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`${option}: value "${text}" is not a date; expected YYYY-MM-DD or an ISO 8601 time such as 2026-11-01T06:00+01:00`);
  return ms;
}

export function filterFrom(options: HistoryOptions): HistoryFilter {
  const filter: HistoryFilter = {};
  if (options.from !== undefined) filter.fromMs = parseInstant('--from', options.from, false);
  if (options.to !== undefined) filter.toMs = parseInstant('--to', options.to, true);
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.toMs <= filter.fromMs) {
    throw new UsageError(`--to: value "${options.to}" is not after --from "${options.from}"`);
  }
  if (options.serial !== undefined) filter.serial = options.serial;
  if (options.plan !== undefined) filter.plan = options.plan;
  if (options.outcome !== undefined) filter.outcome = options.outcome as RunOutcome;
  if (options.rig !== undefined) filter.rig = options.rig;
  return filter;
}

/** Open the history and bring it up to date with the results folder's journals; problems go to stderr. */
export function openHistory(options: HistoryOptions, say: (text: string) => void = (t) => void process.stderr.write(t)): HistoryDb {
  const results = resolve(options.results);
  const hasResults = existsSync(results);
  if (!hasResults && options.db === undefined) {
    throw new UsageError(`--results: folder "${options.results}" does not exist; expected the folder \`clampbench run --out\` wrote to (default: results)`);
  }
  const history = HistoryDb.open(options.db ?? join(results, HISTORY_FILE));
  if (hasResults) {
    const summary = history.importFolder(results);
    if (summary.added + summary.updated > 0) say(`history: imported ${summary.added} new and ${summary.updated} updated runs from ${results}\n`);
    for (const failure of summary.failed) say(`history: not imported: ${failure.reason}\n`);
  }
  return history;
}
