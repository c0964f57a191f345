import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { calibrationRecordFinder } from '../results/calibration/calibration-records.js';
import { HISTORY_FILE, HistoryDb } from '../results/history/history-db.js';
import type { RunJournal } from '../results/journal/run-journal.js';
import { writeRunOutputs, type RunOutputs } from '../results/run-outputs.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import type { Operator } from '../runner/operator.js';
import type { RunEvent } from '../runner/run-events.js';
import type { ResumeFrom } from '../runner/run-plan.js';
import { runStartOf } from '../runner/run-start.js';
import type { StepRecord, TestRecord } from '../runner/test-record.js';
import { dirname, join } from 'node:path';
import { mountSerialUnit } from './mount-serial-unit.js';
import { runUntilDone, type RunUntilDoneOptions } from './run-until-done.js';

export interface UnitSessionOptions {
  /** The open rig the unit starts on. */
  rig: OpenedRig;
  plan: ResolvedPlan;
  serial: string;
  operatorName?: string;
  station?: string;
  /** The station's name for the rig, in the simulator's truth log. */
  rigName?: string;
  skipOptional?: boolean;
  /** Steps not run on this unit (not sampled), by step id, with the reason recorded as their cause. */
  skipSteps?: ReadonlyMap<string, string>;
  /** The run's folder, where its journal is or goes; run.json and the report go next to it. */
  dir: string;
  /** The results folder: calibration records, the history database, the simulator's truth log. */
  resultsDir: string;
  /** Opens the run's journal: new, or the interrupted run's for a resume (the caller decides what a failed write stops). */
  openJournal: () => RunJournal;
  /** Goes on with a run from its journal (`resume`). */
  resume?: ResumeFrom;
  /** Who answers the plan's prompts. */
  operator: Operator;
  signal: AbortSignal;
  /** Every run event, after the journal has it. */
  onEvent?: (event: RunEvent) => void;
  /** The journal is open: the unit has started (a station says so). */
  onStarted?: (journal: RunJournal) => void;
  /** Said to the operator before anything moves; false: the session ends there (`resume` asks first). */
  preamble?: (operator: Operator) => Promise<boolean>;
  /** How long to wait for a rig whose port closed or which rebooted mid-run, then resume; 0: stop there. */
  reconnectWaitMs: number;
  /** What the session says on its way (waiting for the rig, resuming). */
  write: (text: string) => void;
  /** Run on a rig whose calibration is not valid, for this reason; every output says NOT FOR RELEASE. */
  allowUncalibrated?: string;
}

export interface UnitSessionResult {
  /** null when the run did not start: refused before anything moved, or declined in the preamble. */
  record: TestRecord | null;
  journal: RunJournal;
  /** The rig the session ended on (after a reconnect, not the one it began on). */
  rig: OpenedRig;
  /** The step a lost link or a reboot cut off, when the run could not go on after it. */
  interrupted: StepRecord | null;
  /** What stopped the run before it started (a refusal, a lost link, a failed unit swap); kept in the history as an unfinished run. */
  notStarted: unknown;
  /** The preamble was answered no. */
  declined: boolean;
  outputs: RunOutputs;
}

/**
 * One unit on one rig, the same for `run`, `resume`, the station and the panel: the journal first
 * (fsynced per measurement), the unit of a population scenario mounted, the plan run (waiting for the
 * rig and resuming in the same journal when a cable is pulled or the rig reboots, if asked), then
 * run.json, the report and the history. A run refused before it started stays in the history as an
 * unfinished run. Never closes the rig; the caller does.
 */
export async function runUnitSession(options: UnitSessionOptions): Promise<UnitSessionResult> {
  const journal = options.openJournal();
  options.onStarted?.(journal);
  const ended = (fields: Partial<UnitSessionResult> & Pick<UnitSessionResult, 'rig' | 'outputs'>): UnitSessionResult => {
    if (journal.failed) fields.outputs.problems.unshift(`journal: ${journal.failed.message}`);
    return { record: null, journal, interrupted: null, notStarted: null, declined: false, ...fields };
  };
  const run = runOptionsOf(options, journal);
  try {
    if (options.preamble && !(await options.preamble(options.operator))) {
      return ended({ rig: options.rig, declined: true, outputs: { files: [], problems: [] } });
    }
    let result;
    try {
      await mountSerialUnit(options.rig, options.serial, options.resultsDir, options.rigName);
      result = await runUntilDone({
        plan: options.plan,
        rig: options.rig,
        operator: options.operator,
        run,
        ...(options.resume ? { resume: options.resume } : {}),
        journalPath: journal.path,
        journalOk: () => journal.failed === null,
        reconnectWaitMs: options.reconnectWaitMs,
        write: options.write,
      });
    } catch (error) {
      return ended({ rig: options.rig, notStarted: error, outputs: keepUnstarted(journal, options, run) });
    }
    const { record, interrupted } = result;
    closeJournal(journal, options.write);
    const outputs = await writeRunOutputs(record, { runId: journal.runId, complete: journal.failed === null && interrupted === null, dir: options.dir, journal: journal.path });
    outputs.problems.push(...record.teardownErrors.map((e) => `teardown: ${e}`));
    return ended({ record, rig: result.rig, interrupted, outputs });
  } finally {
    closeJournal(journal, options.write);
  }
}

/** Closing fsyncs the journal; a failure there is said, and the journal's own failure (if any) stands. */
function closeJournal(journal: RunJournal, write: (text: string) => void): void {
  try {
    journal.close();
  } catch (error) {
    write(`warning: closing the journal: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/**
 * A run that did not start: its journal gets the header the run would have started with (a new run
 * has none yet) and no end, and goes into the history, so the attempt is on record as unfinished.
 */
function keepUnstarted(journal: RunJournal, options: UnitSessionOptions, run: RunUntilDoneOptions['run']): RunOutputs {
  if (!journal.started) {
    const start = runStartOf(options.plan, options.rig.driver, run);
    journal.onEvent({ kind: 'run-started', plan: options.plan.name, serial: options.serial, totalSteps: start.totalSteps, header: start.header });
  }
  closeJournal(journal, options.write);
  const historyFile = join(dirname(options.dir), HISTORY_FILE);
  try {
    const history = HistoryDb.open(historyFile);
    try {
      history.importJournal(journal.path);
    } finally {
      history.close();
    }
    return { files: [historyFile], problems: [] };
  } catch (error) {
    return { files: [], problems: [`history: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/** How the plan runs for this unit: the same options for every part of a run that is resumed. */
function runOptionsOf(options: UnitSessionOptions, journal: RunJournal): RunUntilDoneOptions['run'] {
  return {
    serial: options.serial,
    ...(options.operatorName ? { operatorName: options.operatorName } : {}),
    ...(options.station ? { station: options.station } : {}),
    skipOptional: options.skipOptional ?? false,
    ...(options.skipSteps ? { skipSteps: options.skipSteps } : {}),
    signal: options.signal,
    onEvent: (event) => {
      journal.onEvent(event); // first: on disk before anything else sees it
      options.onEvent?.(event);
    },
    ...(options.allowUncalibrated === undefined ? {} : { allowUncalibrated: options.allowUncalibrated }),
    calibrationRecordOf: calibrationRecordFinder(options.resultsDir),
  };
}
