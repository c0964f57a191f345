import { Option, type Command } from 'commander';
import { resolvePlan } from '../plans/resolve-plan.js';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { readJournal, type JournalReadBack } from '../results/journal/read-journal.js';
import { RunJournal } from '../results/journal/run-journal.js';
import { openRigOfKind } from '../rig/rig-kind.js';
import { defaultRigSimulators } from '../simulators/default-simulators.js';
import type { RigDriver } from '../rig/rig-driver.js';
import { rigChoiceOf } from '../results/journal/rig-input.js';
import { dirname } from 'node:path';
import { baudOption, reconnectWaitOption } from './port-option.js';
import { checkResultsFolder } from '../results/results-folder-check.js';
import { runSession } from './run-session.js';
import { allowUncalibratedOption } from './calibration-option.js';
import { nextStepText } from '../session/next-step.js';
import { rigDifferences } from '../session/same-rig.js';
import { identifierProblem, printableText } from '../shared/identifier-text.js';
import { serialProblem } from '../station/serial-number.js';
import { UsageError } from '../shared/usage-error.js';

interface ResumeOptions {
  port?: string;
  baud?: number;
  yes: boolean;
  json: boolean;
  reconnectWait: number;
  realtime: boolean;
  allowOtherRig: boolean;
  allowUncalibrated?: string;
}

export function registerResumeCommand(program: Command): void {
  program
    .command('resume')
    .description('Finish an interrupted run (a killed process, a pulled cable) from the first step it had not completed, after checking it is the same rig, calibration and plan.')
    .argument('<run>', 'the run folder (results/<time>-<serial>) or its journal.jsonl')
    .addOption(new Option('--port <port>', 'rig to use (default: the simulator the run was on; a real rig must be named)'))
    .addOption(baudOption())
    .addOption(reconnectWaitOption())
    .addOption(allowUncalibratedOption())
    .option('--yes', 'confirm every operator prompt automatically', false)
    .option('--json', 'print a JSON summary of the record on stdout', false)
    .option('--realtime', 'run the simulator at real-time speed', false)
    .option('--allow-other-rig', 'resume on a rig with another id, firmware or calibration date (the record keeps the first rig)', false)
    .addHelpText(
      'after',
      `
Examples:
  clampbench resume results/2026-11-25T14-31-08-833Z-SN123
  clampbench resume results/2026-11-25T14-31-08-833Z-SN123 --port /dev/ttyACM0
Steps recorded before the interruption are kept; the interrupted step runs again from its start.
Exit code: 0 PASS, 1 FAIL, 2 ERROR, ABORTED, refused or bad input.`,
    )
    .action(async (run: string, options: ResumeOptions) => {
      process.exitCode = await resumeCommand(run, options);
    });
}

function defaultPort(journal: JournalReadBack): string {
  if (journal.input.scenario) return `sim:${journal.input.scenario}`;
  if (journal.header.rig.where.startsWith('simulator')) return 'sim';
  throw new UsageError(`--port: required: the run was on ${journal.header.rig.where}, name the port of that rig`);
}

/**
 * The serial number, operator and station the run began with pass today's checks: a journal begun
 * before they were checked (or edited) could put a line break or an escape sequence into the report
 * and the terminal. Nothing is changed: the run can be finished once the journal is put right.
 */
function checkRecordedIdentifiers(journal: JournalReadBack): void {
  const { serial, operator, station } = journal.header;
  const checks: Array<[string, string | null | undefined, (text: string) => string | null]> = [
    ['serial', serial, serialProblem],
    ['operator', operator, (text) => identifierProblem('operator', text)],
    ['station', station, (text) => identifierProblem('station name', text)],
  ];
  for (const [field, value, problem] of checks) {
    const found = value === undefined || value === null ? null : problem(value);
    if (found !== null) throw new UsageError(`<run>: ${journal.file}: ${field} "${printableText(value ?? '')}" is not allowed; ${found}`);
  }
}

/** Same rig, firmware and calibration as the run's first part, unless the operator says otherwise. */
function checkSameRig(journal: JournalReadBack, driver: RigDriver, allowOther: boolean): void {
  const differences = rigDifferences(journal.header.rig, driver.identity);
  if (differences.length > 0 && !allowOther) {
    throw new UsageError(`--port: the rig differs from the one the run began on: ${differences.join(', ')}; resume on the same rig, or pass --allow-other-rig`);
  }
}

/** The plan must resolve to the same limits as when the run began: a changed plan file would mix two plans in one record. */
function samePlan(journal: JournalReadBack, driver: RigDriver): ResolvedPlan {
  const { input } = journal;
  const plan = resolvePlan({ plan: input.plan, dut: input.dut, conductor: input.conductor, rig: driver });
  if (plan.planHash !== journal.header.plan.hash) {
    throw new UsageError(`plan: "${input.plan}" now resolves to hash ${plan.planHash.slice(0, 12)}, the run began with ${journal.header.plan.hash.slice(0, 12)}: the plan, DUT spec or standards changed since; start a new run`);
  }
  return plan;
}

async function resumeCommand(run: string, options: ResumeOptions): Promise<number> {
  const journal = readJournal(run);
  if (journal.complete) throw new UsageError(`<run>: ${journal.file} is a complete run (outcome ${journal.record.outcome}); there is nothing to resume`);
  for (const warning of journal.warnings) process.stderr.write(`journal: ${warning}\n`);
  checkRecordedIdentifiers(journal);
  const port = options.port ?? defaultPort(journal);
  checkResultsFolder(dirname(journal.file), '<run>');
  const rig = await openRigOfKind(rigChoiceOf(journal.input), port, { realtime: options.realtime, simulators: defaultRigSimulators, ...(options.baud === undefined ? {} : { baudRate: options.baud }) });
  const { driver } = rig;
  let plan: ResolvedPlan;
  try {
    checkSameRig(journal, driver, options.allowOtherRig);
    plan = samePlan(journal, driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
  const { header } = journal;
  const recorded = journal.steps.size;
  return runSession({
    rig,
    plan,
    serial: header.serial,
    ...(header.operator ? { operatorName: header.operator } : {}),
    ...(header.station ? { station: header.station } : {}),
    skipOptional: header.skipOptional,
    yes: options.yes,
    json: options.json,
    reconnectWaitMs: options.reconnectWait * 1000,
    dir: dirname(journal.file),
    resultsDir: dirname(dirname(journal.file)),
    ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
    openJournal: (stop) => RunJournal.reopen(journal.file, journal.runId, { onFailure: (error) => stop(`cannot be written (${error.message})`) }),
    resume: { startedAt: header.startedAt, steps: journal.steps, ...(header.release ? { release: header.release } : {}) },
    preamble: async (operator) => {
      const answer = await operator.confirm({
        stepId: 'resume',
        optional: false,
        text: `resuming ${header.serial} (${header.plan.name}): ${recorded} of ${journal.totalSteps} steps recorded, next: ${nextStepText(plan, journal.steps)}. Put the unit back in the rig as it was, close the guard`,
      });
      return answer === 'ok';
    },
  });
}
