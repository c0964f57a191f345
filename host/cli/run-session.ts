import { join } from 'node:path';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import type { RunJournal } from '../results/journal/run-journal.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import type { Operator } from '../runner/operator.js';
import type { ResumeFrom } from '../runner/run-plan.js';
import { runUnitSession, type UnitSessionResult } from '../session/unit-session.js';
import { autoConfirmCliOperator, terminalOperator } from './cli-operator.js';
import { resultTable } from './result-table.js';
import { runDisplay } from './run-display.js';
import { exitCodeFor, runSummary } from './run-summary.js';

export interface RunSessionOptions {
  /** The open rig the run starts on. */
  rig: OpenedRig;
  plan: ResolvedPlan;
  serial: string;
  operatorName?: string;
  station?: string;
  skipOptional: boolean;
  yes: boolean;
  json: boolean;
  /** The run's folder: the journal is in it already; run.json, report.html go next to it. */
  dir: string;
  /** Opens the journal; its failures stop the run through `stop`. */
  openJournal: (stop: (reason: string) => void) => RunJournal;
  resume?: ResumeFrom;
  /** How long to wait for the rig when its port closes or it reboots mid-run, then resume; 0: stop there. */
  reconnectWaitMs: number;
  /** Said to the operator before anything moves (resume: what was recorded, what comes next). */
  preamble?: (operator: Operator) => Promise<boolean>;
  /** --allow-uncalibrated: run on a rig whose calibration is not valid, for this reason; every output says NOT FOR RELEASE. */
  allowUncalibrated?: string;
  /** The results folder, where the calibration records are (calibrations/). */
  resultsDir: string;
}

/**
 * One unit run from the CLI (`run` and `resume`) through the unit session every front end uses:
 * here the operator is the terminal (or auto-confirming), the live display goes to the terminal, and
 * Ctrl-C stops the rig; then the per-pole table and the files written. Returns the exit code.
 */
export async function runSession(options: RunSessionOptions): Promise<number> {
  const { driver, transport } = options.rig;
  // With --json, stdout carries only the summary; people read the display on stderr.
  const displayStream = options.json ? process.stderr : process.stdout;
  const write = (text: string): void => void displayStream.write(text);
  const interactive = !options.yes && process.stdin.isTTY === true;
  const operator = interactive ? terminalOperator(process.stdin, displayStream) : autoConfirmCliOperator(write);
  const controller = new AbortController();
  const stop = (reason: string): void => {
    write(`\n${reason}: stopping the rig\n`);
    controller.abort();
  };
  const onSigint = (): void => stop('Ctrl-C');
  process.once('SIGINT', onSigint);
  // The rig in use: another driver after a reconnect.
  let current = driver;
  try {
    write(`rig ${driver.identity.rigId} (firmware ${driver.identity.firmwareVersion}) on ${transport.where}\n`);
    const session = await runUnitSession({
      rig: options.rig,
      plan: options.plan,
      serial: options.serial,
      ...(options.operatorName ? { operatorName: options.operatorName } : {}),
      ...(options.station ? { station: options.station } : {}),
      skipOptional: options.skipOptional,
      dir: options.dir,
      resultsDir: options.resultsDir,
      openJournal: () => options.openJournal((reason) => stop(`results journal ${reason}`)),
      ...(options.resume ? { resume: options.resume } : {}),
      operator,
      signal: controller.signal,
      onStarted: (journal) => write(`journal ${journal.path}\n`),
      ...(options.preamble ? { preamble: options.preamble } : {}),
      onEvent: runDisplay(write, displayStream.isTTY === true),
      reconnectWaitMs: options.reconnectWaitMs,
      write,
      ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
    });
    current = session.rig.driver;
    return report(session, options, write);
  } finally {
    process.off('SIGINT', onSigint);
    operator.close?.();
    await current.close();
    // A simulated rig whose cable was pulled runs on without its port; the session is over.
    transport.sim?.stop();
  }
}

/** What the terminal shows at the end of a unit, and the exit code. */
function report(session: UnitSessionResult, options: RunSessionOptions, write: (text: string) => void): number {
  const { journal, record, interrupted, outputs } = session;
  if (session.declined) {
    write('not resumed: the operator declined\n');
    return 2;
  }
  if (session.notStarted !== null) throw session.notStarted;
  if (!record) throw new Error('the unit session ended without a record');
  for (const problem of outputs.problems) write(`warning: ${problem}\n`);
  write(`\n${resultTable(record)}journal ${journal.path}\n`);
  for (const file of outputs.files) write(`wrote ${file}\n`);
  if (journal.failed) write(`the journal could not be written (${journal.failed.message}): the run above is not complete on disk\n`);
  if (interrupted && !journal.failed) write(`the run is not finished (${interrupted.cause ?? 'the link was lost'}); when the rig is back: clampbench resume ${options.dir}\n`);
  if (options.json) process.stdout.write(`${JSON.stringify(runSummary(record, join(options.dir, 'run.json')), null, 2)}\n`);
  return journal.failed || interrupted ? 2 : exitCodeFor(record.outcome);
}
