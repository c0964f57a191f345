import { Command, CommanderError } from 'commander';
import { FileValidationError } from '../shared/validation-error.js';
import { JournalError } from '../results/journal/read-journal.js';
import { RigConnectError } from '../link/connect-errors.js';
import { PlanError } from '../shared/plan-error.js';
import { PlanRefusedError } from '../runner/plan-refusal.js';
import { TransportError } from '../transport/transport-error.js';
import { registerCalibrateCommand } from './calibrate-command.js';
import { registerConsoleCommand } from './console-command.js';
import { registerInfoCommand } from './info-command.js';
import { registerPanelCommand } from './panel-command.js';
import { registerPlansCommand } from './plans-command.js';
import { registerPortsCommand } from './ports-command.js';
import { registerExportCommand } from './export-command.js';
import { registerHistoryCommand } from './history-command.js';
import { registerReportCommand } from './report-command.js';
import { registerResetCommand } from './reset-command.js';
import { ResultsFolderError } from '../results/results-folder-check.js';
import { RigResetRefusedError } from '../rig/rig-errors.js';
import { registerResumeCommand } from './resume-command.js';
import { registerRunCommand } from './run-command.js';
import { registerSimCommand } from './sim-command.js';
import { registerStationCommand } from './station-command.js';
import { registerStatsCommand } from './stats-command.js';
import { registerStudyCommand } from './study-command.js';
import { UsageError } from '../shared/usage-error.js';

/** Exit codes: 0 success, 1 a test verdict FAIL, 2 bad input or a rig/link problem. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('clampbench')
    .description('Test pluggable push-in connectors pole by pole: pull-out, voltage drop, isolation, temperature rise.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage and examples)');
  registerRunCommand(program);
  registerStationCommand(program);
  registerPanelCommand(program);
  registerResumeCommand(program);
  registerReportCommand(program);
  registerHistoryCommand(program);
  registerStatsCommand(program);
  registerExportCommand(program);
  registerStudyCommand(program);
  registerResetCommand(program);
  registerCalibrateCommand(program);
  registerInfoCommand(program);
  registerPlansCommand(program);
  registerPortsCommand(program);
  registerConsoleCommand(program);
  registerSimCommand(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const known = [JournalError, FileValidationError, PlanError, PlanRefusedError, UsageError, TransportError, RigConnectError, ResultsFolderError, RigResetRefusedError].some((kind) => error instanceof kind);
    // Anything else is a bug or a link failure mid-run: say so, with the stack only when asked.
    const text = known || !process.env.CLAMPBENCH_DEBUG ? (error as Error).message : (error as Error).stack;
    process.stderr.write(`clampbench: ${text}\n`);
    return 2;
  }
}
