import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import type { RunInput } from '../results/journal/journal-line.js';
import { RunJournal } from '../results/journal/run-journal.js';
import { runFolderName } from '../results/run-folder.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import { autoConfirmOperator, type Operator } from '../runner/operator.js';
import type { RunEvent } from '../runner/run-events.js';
import { PlanRefusedError } from '../runner/plan-refusal.js';
import type { StepRecord, TestRecord } from '../runner/test-record.js';
import { runUnitSession } from '../session/unit-session.js';

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
 * One attempt of one unit on one rig, unattended, through the unit session every front end uses: a
 * run folder with its journal, the plan run with its prompts confirmed (by the fixture, or a panel's
 * operator), then run.json, the report and the history. A rig fault ends the attempt (the station
 * takes the rig out and tries it again), so the session does not wait for the rig itself. Never
 * throws for what a rig or a unit does.
 */
export async function runAttemptOnRig(rig: OpenedRig, request: AttemptRequest): Promise<AttemptResult> {
  const runDir = resolve(request.resultsDir, runFolderName(new Date(), request.serial));
  const said: string[] = [];
  const session = await runUnitSession({
    rig,
    plan: request.plan,
    serial: request.serial,
    station: request.station,
    ...(request.operator ? { operatorName: request.operator } : {}),
    ...(request.rigName ? { rigName: request.rigName } : {}),
    ...(request.skipSteps ? { skipSteps: request.skipSteps } : {}),
    dir: runDir,
    resultsDir: request.resultsDir,
    openJournal: () => RunJournal.create(runDir, randomUUID(), request.input),
    operator: request.prompts ?? autoConfirmOperator,
    signal: request.signal,
    onStarted: () => request.onStarted(runDir),
    onEvent: (event) => {
      request.onRunEvent?.(event);
      if (event.kind === 'step-recorded' && !event.resumed) request.onStep(event.record, event.pole);
    },
    reconnectWaitMs: 0,
    write: (text) => said.push(text.trim()),
    ...(request.allowUncalibrated === undefined ? {} : { allowUncalibrated: request.allowUncalibrated }),
  });
  const problems = [...session.outputs.problems, ...said];
  if (session.notStarted !== null) {
    // Refused before anything moved (a latched alarm, a lost link, a rig that cannot run the plan): the rig needs attention.
    const error = session.notStarted;
    const cause = error instanceof PlanRefusedError ? error.message : `the run could not start: ${error instanceof Error ? error.message : String(error)}`;
    return { record: null, runDir, rigFault: cause, problems };
  }
  const { record, interrupted } = session;
  const rigFault = interrupted ? (interrupted.cause ?? 'the link to the rig was lost') : await latchedAlarmCause(session.rig);
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
