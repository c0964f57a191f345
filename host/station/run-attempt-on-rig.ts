import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { HISTORY_FILE, HistoryDb } from '../results/history/history-db.js';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import type { RunInput } from '../results/journal/journal-line.js';
import { RunJournal } from '../results/journal/run-journal.js';
import { runFolderName } from '../results/run-folder.js';
import { calibrationRecordFinder } from '../results/calibration/calibration-records.js';
import { writeRunOutputs } from '../results/run-outputs.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import { autoConfirmOperator, type Operator } from '../runner/operator.js';
import type { RunEvent } from '../runner/run-events.js';
import { PlanRefusedError } from '../runner/plan-refusal.js';
import { runPlan, type RunPlanOptions } from '../runner/run-plan.js';
import { runStartOf } from '../runner/run-start.js';
import { mountSerialUnit } from './mount-serial-unit.js';
import type { StepRecord, TestRecord } from '../runner/test-record.js';

export interface AttemptRequest {
  serial: string;
  /** The station's name for the rig, in the simulator's truth log. */
  rigName?: string;
  plan: ResolvedPlan;
  input: RunInput;
  resultsDir: string;
  station: string;
  operator?: string;
  /** Steps not run on this unit (not sampled), by step id, with the reason recorded as their cause. */
  skipSteps?: ReadonlyMap<string, string>;
  signal: AbortSignal;
  /** Who answers the plan's prompts; default: every prompt confirmed (the fixture loads the unit). */
  prompts?: Operator;
  /** Every event of the run, after the journal has it (a panel's live view). */
  onRunEvent?: (event: RunEvent) => void;
  /** Run on a rig whose calibration is not valid, for this reason; the record is then not for release. */
  allowUncalibrated?: string;
  /** The attempt's run folder is made and its journal open: the unit has started. */
  onStarted: (runDir: string) => void;
  /** Each finished step, as it is recorded. */
  onStep: (step: StepRecord, pole: number | undefined) => void;
}

export interface AttemptResult {
  record: TestRecord | null;
  runDir: string;
  /** Why the rig itself needs attention (a lost link, a reboot, a latched alarm, a refusal); null when it can take the next unit. */
  rigFault: string | null;
  /** Sinks or the journal that failed: reported, the journal stays the truth. */
  problems: string[];
}

/**
 * One attempt of one unit on one rig, unattended: a run folder with its journal (written first,
 * fsynced per measurement), the plan run with its prompts confirmed (by the fixture, or a panel's operator),
 * then run.json, the report and the history. Never throws for what a rig or a unit does.
 */
export async function runAttemptOnRig(rig: OpenedRig, request: AttemptRequest): Promise<AttemptResult> {
  const runDir = resolve(request.resultsDir, runFolderName(new Date(), request.serial));
  const problems: string[] = [];
  const journal = RunJournal.create(runDir, randomUUID(), request.input, { onFailure: (error) => problems.push(`journal: ${error.message}`) });
  request.onStarted(runDir);
  let record: TestRecord;
  const options: RunPlanOptions = {
    serial: request.serial,
    station: request.station,
    ...(request.operator ? { operatorName: request.operator } : {}),
    clock: rig.transport.clock,
    signal: request.signal,
    ...(request.skipSteps ? { skipSteps: request.skipSteps } : {}),
    ...(request.allowUncalibrated === undefined ? {} : { allowUncalibrated: request.allowUncalibrated }),
    calibrationRecordOf: calibrationRecordFinder(request.resultsDir),
    onEvent: (event) => {
      journal.onEvent(event);
      request.onRunEvent?.(event);
      if (event.kind === 'step-recorded' && !event.resumed) request.onStep(event.record, event.pole);
    },
  };
  try {
    await mountSerialUnit(rig, request.serial, request.resultsDir, request.rigName);
    record = await runPlan(request.plan, rig.driver, request.prompts ?? autoConfirmOperator, options);
  } catch (error) {
    // Refused before anything moved (a latched alarm, a lost link, a rig that cannot run the plan):
    // the rig needs attention. The attempt stays in the history, as a run that did not finish: its
    // journal gets the header the run would have started with, and no end.
    if (!journal.started) {
      const start = runStartOf(request.plan, rig.driver, options);
      journal.onEvent({ kind: 'run-started', plan: request.plan.name, serial: request.serial, totalSteps: start.totalSteps, header: start.header });
    }
    journal.close();
    const cause = error instanceof PlanRefusedError ? error.message : `the run could not start: ${error instanceof Error ? error.message : String(error)}`;
    try {
      const history = HistoryDb.open(join(request.resultsDir, HISTORY_FILE));
      try {
        history.importJournal(journal.path);
      } finally {
        history.close();
      }
    } catch (importError) {
      problems.push(`history: ${importError instanceof Error ? importError.message : String(importError)}`);
    }
    return { record: null, runDir, rigFault: cause, problems };
  }
  journal.close();
  const interrupted = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter].find((s) => s.interruptedBy !== undefined);
  const outputs = await writeRunOutputs(record, { runId: journal.runId, complete: journal.failed === null && !interrupted, dir: runDir, journal: journal.path });
  problems.push(...outputs.problems, ...record.teardownErrors.map((e) => `teardown: ${e}`));
  const latched = interrupted ? null : await latchedAlarmCause(rig);
  const rigFault = interrupted ? (interrupted.cause ?? 'the link to the rig was lost') : latched;
  return { record, runDir, rigFault, problems };
}

/** A rig that ends a unit with an alarm latched (E-stop, guard, force cap) cannot take the next one until a person resets it. */
async function latchedAlarmCause(rig: OpenedRig): Promise<string | null> {
  try {
    const state = await rig.driver.readSafetyState();
    return state.latchedAlarms.length > 0 ? `alarm latched (codes ${state.latchedAlarms.join(', ')}): release the E-stop, then !reset <rig> on the station's input` : null;
  } catch (error) {
    return `the rig does not answer: ${error instanceof Error ? error.message : String(error)}`;
  }
}
