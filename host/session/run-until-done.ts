import { dirname } from 'node:path';
import { AlarmCode } from '../../firmware-protocol/generated/codes.js';
import type { ResolvedPlan } from '../plans/resolved-plan.js';
import { alarmWords } from '../rig/rig-errors.js';
import { readJournal } from '../results/journal/read-journal.js';
import type { OpenedRig } from '../rig/opened-rig.js';
import type { Operator } from '../runner/operator.js';
import type { RunEvent } from '../runner/run-events.js';
import { runPlan, type ResumeFrom, type RunPlanOptions } from '../runner/run-plan.js';
import type { StepRecord, TestRecord } from '../runner/test-record.js';
import { nextStepText } from './next-step.js';
import { rigDifferences } from './same-rig.js';
import { waitForRig } from './wait-for-rig.js';

export interface RunUntilDoneOptions {
  plan: ResolvedPlan;
  rig: OpenedRig;
  operator: Operator;
  /** How the plan is run (serial, station, skipped steps, events, calibration); the clock is the rig's, resume the session's. */
  run: Omit<RunPlanOptions, 'clock' | 'resume' | 'signal'> & { signal: AbortSignal };
  resume?: ResumeFrom;
  /** The run's journal: what a resumed part keeps is read back from it. */
  journalPath: string;
  /** False once the journal cannot be written: then nothing is resumed. */
  journalOk: () => boolean;
  /** How long to wait for a rig whose port closed or which rebooted mid-run; 0: do not wait. */
  reconnectWaitMs: number;
  write: (text: string) => void;
}

export interface RunUntilDoneResult {
  record: TestRecord;
  /** The rig the run ended on (after a reconnect, not the one it began on). */
  rig: OpenedRig;
  /** The step a lost link or a reboot cut off, when the run could not go on after it; null when it ended. */
  interrupted: StepRecord | null;
  /** How often the run went on after a lost link or a reboot. */
  reconnects: number;
}

/**
 * Run the plan; when a pulled cable or a rig reboot cuts a step off, wait for the same rig to come
 * back, handshake, check it is the same rig and calibration, offer to go on, and resume from the
 * interrupted step, in the same journal. Everything before the cut stays as recorded; the cut step
 * runs again from its start, so no figures from before and after a reboot meet in one step.
 */
export async function runUntilDone(options: RunUntilDoneOptions): Promise<RunUntilDoneResult> {
  const { plan, operator, write } = options;
  let rig = options.rig;
  let resume = options.resume;
  let reconnects = 0;
  if (resume && !(await homeBeforeResuming(rig, write))) {
    throw new Error('not resumed: the puller could not return home (see above); the run stays resumable');
  }
  for (;;) {
    const record = await runPlan(plan, rig.driver, operator, { ...options.run, clock: rig.transport.clock, ...(resume ? { resume } : {}) });
    const cut = interruptedStep(record);
    const done = (): RunUntilDoneResult => ({ record, rig, interrupted: cut, reconnects });
    if (!cut || options.reconnectWaitMs <= 0 || options.run.signal.aborted || !options.journalOk()) return done();

    write(`\n${cut.cause ?? 'the link to the rig was lost'}\nwaiting up to ${Math.round(options.reconnectWaitMs / 1000)} s for the rig on ${rig.transport.where} to come back (Ctrl-C gives up; the run stays resumable)\n`);
    await rig.driver.close().catch(() => undefined);
    const back = await waitForRig(rig, { waitMs: options.reconnectWaitMs, signal: options.run.signal, log: (line) => write(`${line}\n`) });
    if (!back) return done();
    rig = back;
    const differences = rigDifferences(record.rig, rig.driver.identity);
    if (differences.length > 0) {
      write(`not resumed: the rig now on ${rig.transport.where} differs from the one the run began on: ${differences.join(', ')}\n`);
      return done();
    }
    const journal = readJournal(options.journalPath);
    const latched = await latchedThroughReboot(rig, options.journalPath, write);
    if (latched === null) return done();
    const resetText = latched.length === 0 ? '' : `; the rig kept ${latched.map(alarmWords).join(', ')} latched through its reboot: confirming resets it`;
    const answer = await operator.confirm({
      stepId: 'resume',
      optional: false,
      text: `rig ${rig.driver.identity.rigId} is back (firmware ${rig.driver.identity.firmwareVersion}, calibration ${rig.driver.identity.calDate}): resume ${options.run.serial} from ${nextStepText(plan, journal.steps)}. Check the unit is mounted as it was and the guard is closed${resetText}`,
    });
    if (answer !== 'ok') {
      write('not resumed: the operator declined\n');
      return done();
    }
    if (latched.length > 0 && !(await resetBeforeResuming(rig, write))) return done();
    if (!(await homeBeforeResuming(rig, write))) return done();
    resume = { startedAt: journal.header.startedAt, steps: journal.steps };
    reconnects++;
  }
}

/**
 * Alarms the rig kept latched through its reboot (PROTOCOL.md 6: a latch survives every reset), e.g. the
 * host-silence alarm of the pulled cable itself. An E-stop is never cleared from here: the run stops and says
 * how to clear it and resume (null). Other latches are returned for the operator's confirmation.
 */
async function latchedThroughReboot(rig: OpenedRig, journalPath: string, write: (text: string) => void): Promise<number[] | null> {
  const state = await rig.driver.readSafetyState().catch(() => null);
  if (state === null) return [];
  if (state.estopPressed || state.latchedAlarms.includes(AlarmCode.ESTOP)) {
    const latched = state.latchedAlarms.map(alarmWords).join(', ') || 'none latched';
    write(`not resumed: E-stop ${state.estopPressed ? 'pressed' : 'latched'} (${latched}): release it, clear it with "clampbench reset --port ${rig.transport.where}", then "clampbench resume ${dirname(journalPath)}"\n`);
    return null;
  }
  return state.latchedAlarms;
}

/** The operator's confirmation was the deliberate reset; false when the rig refused it. */
async function resetBeforeResuming(rig: OpenedRig, write: (text: string) => void): Promise<boolean> {
  try {
    await rig.driver.resetAlarms();
    write('alarm reset\n');
    return true;
  } catch (error) {
    write(`not resumed: the rig refused the reset: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

/**
 * A run that goes on after an interruption starts from a known position: a pull cut off mid-ramp
 * left the carriage out, and a rebooted firmware would take that for home. False when HOME failed.
 */
async function homeBeforeResuming(rig: OpenedRig, write: (text: string) => void): Promise<boolean> {
  if (!rig.driver.capabilities.has('pull') || !rig.driver.homePuller) return true;
  write('returning the puller home before going on\n');
  try {
    await rig.driver.homePuller();
    return true;
  } catch (error) {
    write(`not resumed: the puller could not return home: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

/** The step a lost link or a rig reboot cut off, if any (the run stops at the first). */
function interruptedStep(record: TestRecord): StepRecord | null {
  const all = [...record.unitSteps, ...record.poles.flatMap((p) => p.steps), ...record.unitStepsAfter];
  return all.find((s) => s.interruptedBy !== undefined) ?? null;
}
