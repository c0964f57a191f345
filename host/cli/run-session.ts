import { join } from 'node:path';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import type { RunJournal } from '../results/journal/run-journal.js';
import { writeRunOutputs } from '../results/run-outputs.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import type { Operator } from '../runner/operator.js';
import type { RunEvent } from '../runner/run-events.js';
import type { ResumeFrom } from '../runner/run-plan.js';
import { autoConfirmCliOperator, terminalOperator } from './cli-operator.js';
import { resultTable } from './result-table.js';
import { runDisplay } from './run-display.js';
import { runUntilDone } from './run-until-done.js';
import { calibrationRecordFinder } from '../results/calibration/calibration-records.js';
import { exitCodeFor, runSummary } from './run-summary.js';
import { mountSerialUnit } from '../station/mount-serial-unit.js';

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
 * One unit run from the CLI (`run` and `resume`): operator on the terminal or auto-confirming, live
 * display, the journal as the first sink, Ctrl-C stops the rig; then the record's outputs and the
 * per-pole table. Returns the exit code.
 */
export async function runSession(options: RunSessionOptions): Promise<number> {
  const { plan } = options;
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
  const journal = options.openJournal((reason) => stop(`results journal ${reason}`));
  // The rig in use: another driver after a reconnect.
  let current = driver;
  try {
    write(`rig ${driver.identity.rigId} (firmware ${driver.identity.firmwareVersion}) on ${transport.where}\n`);
    write(`journal ${journal.path}\n`);
    if (options.preamble && !(await options.preamble(operator))) {
      write('not resumed: the operator declined\n');
      return 2;
    }
    await mountSerialUnit(options.rig, options.serial, options.resultsDir);
    const display = runDisplay(write, displayStream.isTTY === true);
    const onEvent = (event: RunEvent): void => {
      journal.onEvent(event); // first: on disk before anything else sees it
      display(event);
    };
    const result = await runUntilDone({
      plan,
      rig: options.rig,
      operator,
      serial: options.serial,
      ...(options.operatorName ? { operatorName: options.operatorName } : {}),
      ...(options.station ? { station: options.station } : {}),
      skipOptional: options.skipOptional,
      signal: controller.signal,
      onEvent,
      ...(options.resume ? { resume: options.resume } : {}),
      journalPath: journal.path,
      journalOk: () => journal.failed === null,
      reconnectWaitMs: options.reconnectWaitMs,
      write,
      ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
      calibrationRecordOf: calibrationRecordFinder(options.resultsDir),
    });
    current = result.rig.driver;
    const { record, interrupted } = result;
    const complete = journal.failed === null && interrupted === null;
    const outputs = await writeRunOutputs(record, { runId: journal.runId, complete, dir: options.dir, journal: journal.path });
    for (const problem of outputs.problems) write(`warning: ${problem}\n`);
    write(`\n${resultTable(record)}journal ${journal.path}\n`);
    for (const file of outputs.files) write(`wrote ${file}\n`);
    for (const problem of record.teardownErrors) write(`warning: teardown: ${problem}\n`);
    if (journal.failed) write(`the journal could not be written (${journal.failed.message}): the run above is not complete on disk\n`);
    if (interrupted && !journal.failed) write(`the run is not finished (${interrupted.cause ?? 'the link was lost'}); when the rig is back: clampbench resume ${options.dir}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify(runSummary(record, join(options.dir, 'run.json')), null, 2)}\n`);
    return journal.failed || interrupted ? 2 : exitCodeFor(record.outcome);
  } finally {
    process.off('SIGINT', onSigint);
    try {
      journal.close();
    } catch (error) {
      write(`warning: closing the journal: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    operator.close?.();
    await current.close();
    // A simulated rig whose cable was pulled runs on without its port; the session is over.
    transport.sim?.stop();
  }
}
